import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { CsvError, parse } from 'csv-parse';
import type { BaselineRow } from '../../store/baselines';

/** A column a baseline file may carry: its name in the file and how it is stored. */
export interface BaselineFileColumn {
  /** Name in the CSV header or NDJSON object: a feature name, `prediction` or `label`. */
  input: string;
  /** Name stored in baseline_values: the feature, `__prediction` or `__label`. */
  feature: string;
  kind: 'numeric' | 'categorical';
  /** Must appear in the file (model features do; prediction and label are optional). */
  required: boolean;
  /**
   * NDJSON only: also accept numbers and booleans for a categorical column, as their JSON
   * text (class labels such as 0 / 1 of a classifier's prediction and label).
   */
  scalarsAsCategories?: boolean;
}

export interface BaselineFilePlan {
  columns: BaselineFileColumn[];
  /** Ignore columns the plan does not know instead of rejecting the file (model setting). */
  ignoreUnknownColumns: boolean;
}

export type BaselineFormat = 'csv' | 'ndjson';

/** Bad input in an uploaded baseline; `where` names the row and column when known. */
export class BaselineInputError extends Error {
  constructor(
    readonly where: string,
    readonly problem: string,
  ) {
    super(`${where}: ${problem}`);
    this.name = 'BaselineInputError';
  }
}

/** Longest line (NDJSON) or record (CSV) accepted: a row is small; a longer one is a file without line breaks or an unclosed quote. */
const MAX_LINE_CHARS = 1024 * 1024;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** How missing numbers are written in CSV: empty (pandas), `nan` (Python's csv), `NA` (R). */
const MISSING_NUMBER = /^(?:|nan|na)$/i;

const quote = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Parses one CSV cell of a numeric column: a finite decimal number, or missing. */
export function numericCsvCell(text: string): number | null | { invalid: string } {
  const trimmed = text.trim();
  if (MISSING_NUMBER.test(trimmed)) return null;
  if (!NUMBER.test(trimmed)) return { invalid: `expected a number, got ${quote(text)}` };
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : { invalid: `expected a finite number, got ${quote(text)}` };
}

function describeJson(value: unknown): string {
  if (typeof value === 'string') return `string ${quote(value)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function expectedColumns(plan: BaselineFilePlan): string {
  const required = plan.columns.filter((c) => c.required).map((c) => c.input);
  const optional = plan.columns.filter((c) => !c.required).map((c) => c.input);
  const shown = required.length > 20 ? `${required.slice(0, 20).map(quote).join(', ')}, …` : required.map(quote).join(', ');
  return `the model's features (${shown || 'none'})${optional.length > 0 ? ` and optionally ${optional.map(quote).join(', ')}` : ''}`;
}

function missingRequired(plan: BaselineFilePlan, present: ReadonlySet<string>): BaselineInputError | undefined {
  const missing = plan.columns.filter((c) => c.required && !present.has(c.input)).map((c) => quote(c.input));
  if (missing.length === 0) return undefined;
  return new BaselineInputError(
    'header',
    `missing column${missing.length > 1 ? 's' : ''} for feature${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; every declared feature needs a column (leave cells empty where values are missing)`,
  );
}

/** Where each column of the plan goes in a `BaselineRow`. */
function slots(plan: BaselineFilePlan) {
  let nums = 0;
  let cats = 0;
  const byInput = new Map<string, { column: BaselineFileColumn; slot: number }>();
  for (const column of plan.columns) byInput.set(column.input, { column, slot: column.kind === 'numeric' ? nums++ : cats++ });
  return { byInput, nums, cats };
}

/**
 * The rows of a baseline file, parsed and validated one by one as the body streams in. The
 * caller pulls rows; while it does not, the parser and the body stay paused, so memory does
 * not depend on the file's size. Throws `BaselineInputError` naming the row (1-based, header
 * not counted) and column of the first problem.
 */
export function baselineRows(
  body: ReadableStream<Uint8Array>,
  format: BaselineFormat,
  plan: BaselineFilePlan,
  /** Filled with the names of the plan's columns the file has (CSV header, NDJSON keys). */
  present: Set<string> = new Set(),
): AsyncGenerator<BaselineRow> {
  return format === 'csv' ? csvRows(body, plan, present) : ndjsonRows(body, plan, present);
}

async function* csvRows(body: ReadableStream<Uint8Array>, plan: BaselineFilePlan, present: Set<string>): AsyncGenerator<BaselineRow> {
  const { byInput, nums, cats } = slots(plan);
  // Column counts are checked here rather than by the parser, so that an empty line can be a
  // missing value in a one-column file (and is skipped in wider ones).
  // A record is bounded like an NDJSON line: a quote that never closes (or a file without line
  // breaks) would otherwise be buffered whole, however large the body.
  const parser = parse({ bom: true, skip_empty_lines: false, relax_column_count: true, max_record_size: MAX_LINE_CHARS });
  const source = Readable.fromWeb(utf8Checked(body) as WebReadableStream<Uint8Array>);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  // For each file column: where its value goes, or undefined to ignore it.
  let layout: ({ column: BaselineFileColumn; slot: number } | undefined)[] | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const blank = record.length === 1 && record[0] === '';
      if (layout === undefined) {
        if (blank) continue;
        // A column is found by its name as written, else without surrounding blanks (headers
        // such as "age, plan" are common), so a feature whose name has blanks at its ends keeps them.
        const header = record.map((name) => (byInput.has(name) ? name : name.trim()));
        const seen = new Set<string>();
        layout = header.map((name) => {
          if (seen.has(name)) throw new BaselineInputError('header', `column ${quote(name)} appears twice`);
          seen.add(name);
          const target = byInput.get(name);
          if (target === undefined && !plan.ignoreUnknownColumns) throw new BaselineInputError('header', `unknown column ${quote(name)}; expected ${expectedColumns(plan)}`);
          if (target !== undefined) present.add(name);
          return target;
        });
        const missing = missingRequired(plan, seen);
        if (missing) throw missing;
        continue;
      }
      if (blank && layout.length > 1) continue;
      row += 1;
      if (record.length !== layout.length) {
        throw new BaselineInputError(`row ${row}`, `expected ${layout.length} columns as in the header, got ${record.length} (a truncated or malformed line?)`);
      }
      const out: BaselineRow = { nums: new Array<number | null>(nums).fill(null), cats: new Array<string | null>(cats).fill(null) };
      for (let i = 0; i < layout.length; i++) {
        const target = layout[i];
        if (target === undefined) continue;
        const text = record[i] ?? '';
        if (target.column.kind === 'numeric') {
          const value = numericCsvCell(text);
          if (value !== null && typeof value === 'object') throw new BaselineInputError(`row ${row}, column ${quote(target.column.input)}`, value.invalid);
          out.nums[target.slot] = value;
        } else {
          out.cats[target.slot] = text === '' ? null : text;
        }
      }
      yield out;
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvProblem(error);
    if (isInvalidUtf8(error)) throw notUtf8();
    throw error;
  } finally {
    parser.destroy();
    source.destroy();
  }
  if (layout === undefined) throw new BaselineInputError('file', 'the file is empty; expected a header line naming the columns, then one line per row');
  if (row === 0) throw new BaselineInputError('file', 'the file has a header but no rows');
}

function csvProblem(error: CsvError): BaselineInputError {
  // The parser reads ahead of the rows already consumed; its own count of the records it
  // emitted (the header being the first) says which one failed.
  const emitted = (error as CsvError & { records?: number }).records ?? 0;
  const where = emitted === 0 ? 'header' : `row ${emitted}`;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return new BaselineInputError(where, 'a quoted field is not closed (a truncated file?)');
    case 'CSV_MAX_RECORD_SIZE':
      return new BaselineInputError(where, `a line is longer than ${MAX_LINE_CHARS} characters (a quoted field that is never closed?)`);
    default:
      return new BaselineInputError(where, `invalid CSV: ${error.message}`);
  }
}

/**
 * The body's bytes unchanged, failing at the first bytes that are not UTF-8 (a character may
 * span chunks). Files are text in UTF-8; another encoding would otherwise be stored with
 * U+FFFD in place of its accented letters, and those categories would match nothing later.
 */
function utf8Checked(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        decoder.decode(chunk, { stream: true });
        controller.enqueue(chunk);
      },
      flush() {
        decoder.decode();
      },
    }),
  );
}

function isInvalidUtf8(error: unknown): boolean {
  return error instanceof TypeError && (error as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA';
}

function notUtf8(): BaselineInputError {
  return new BaselineInputError('file', 'the file is not valid UTF-8 text; save or export it as UTF-8');
}

/** Lines of a UTF-8 byte stream, without their `\n` / `\r\n`, pulled one at a time. */
async function* lines(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let buffer = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    try {
      buffer += decoder.decode(chunk, { stream: true });
    } catch (error) {
      if (isInvalidUtf8(error)) throw notUtf8();
      throw error;
    }
    let start = 0;
    for (let end = buffer.indexOf('\n', start); end >= 0; end = buffer.indexOf('\n', start)) {
      yield buffer.slice(start, end > start && buffer[end - 1] === '\r' ? end - 1 : end);
      start = end + 1;
    }
    buffer = buffer.slice(start);
    if (buffer.length > MAX_LINE_CHARS) throw new BaselineInputError('file', `a line is longer than ${MAX_LINE_CHARS} characters; NDJSON needs one row per line`);
  }
  try {
    buffer += decoder.decode();
  } catch (error) {
    if (isInvalidUtf8(error)) throw notUtf8();
    throw error;
  }
  if (buffer.length > 0) yield buffer.endsWith('\r') ? buffer.slice(0, -1) : buffer;
}

async function* ndjsonRows(body: ReadableStream<Uint8Array>, plan: BaselineFilePlan, present: Set<string>): AsyncGenerator<BaselineRow> {
  const { byInput, nums, cats } = slots(plan);
  let row = 0;
  for await (const line of lines(body)) {
    if (line.trim() === '') continue;
    row += 1;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new BaselineInputError(`row ${row}`, `invalid JSON (${(error as Error).message}); expected one JSON object per line`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new BaselineInputError(`row ${row}`, `expected a JSON object, got ${describeJson(parsed)}`);
    const out: BaselineRow = { nums: new Array<number | null>(nums).fill(null), cats: new Array<string | null>(cats).fill(null) };
    for (const [name, value] of Object.entries(parsed)) {
      const target = byInput.get(name);
      if (target === undefined) {
        if (plan.ignoreUnknownColumns) continue;
        throw new BaselineInputError(`row ${row}, column ${quote(name)}`, `unknown column; expected ${expectedColumns(plan)}`);
      }
      present.add(name);
      if (value === null) continue;
      const { column, slot } = target;
      if (column.kind === 'numeric') {
        if (typeof value !== 'number') throw new BaselineInputError(`row ${row}, column ${quote(name)}`, `expected a number or null, got ${describeJson(value)}`);
        out.nums[slot] = value;
      } else if (typeof value === 'string') {
        out.cats[slot] = value;
      } else if (column.scalarsAsCategories && (typeof value === 'number' || typeof value === 'boolean')) {
        out.cats[slot] = String(value);
      } else {
        throw new BaselineInputError(`row ${row}, column ${quote(name)}`, `expected a string (categorical) or null, got ${describeJson(value)}`);
      }
    }
    yield out;
  }
  if (row === 0) throw new BaselineInputError('file', 'the file is empty; expected one JSON object per line');
  const missing = missingRequired(plan, present);
  if (missing) throw new BaselineInputError('file', missing.problem.replace('needs a column', 'needs a key in at least one row'));
}
