import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileName } from '../../ingest/testing/hostileInput';
import type { BaselineRow } from '../../store/baselines';
import { BaselineInputError, baselineRows, type BaselineFileColumn, type BaselineFilePlan, type BaselineFormat } from './baselineRows';

/**
 * Property-based fuzzing of the baseline upload parsers (CSV and NDJSON): any body is read to
 * its end or refused with a `BaselineInputError` (a 400 naming row and column), never anything
 * else; files written from known rows, cut into any pieces, read back as exactly those rows.
 */

/** A body arriving in the given pieces (cut anywhere, inside a UTF-8 character too). */
function bodyOf(bytes: Uint8Array, cuts: number[]): ReadableStream<Uint8Array> {
  const points = [...new Set(cuts.map((c) => (bytes.length === 0 ? 0 : c % bytes.length)))].sort((a, b) => a - b);
  const pieces: Uint8Array[] = [];
  let start = 0;
  for (const point of [...points, bytes.length]) {
    if (point > start) pieces.push(bytes.slice(start, point));
    start = Math.max(start, point);
  }
  return new ReadableStream({
    pull(controller) {
      const next = pieces.shift();
      if (next === undefined) controller.close();
      else controller.enqueue(next);
    },
  });
}

type Outcome = { rows: BaselineRow[]; present: Set<string> } | { refused: BaselineInputError };

async function read(bytes: Uint8Array, format: BaselineFormat, plan: BaselineFilePlan, cuts: number[] = []): Promise<Outcome> {
  const present = new Set<string>();
  const rows: BaselineRow[] = [];
  try {
    for await (const row of baselineRows(bodyOf(bytes, cuts), format, plan, present)) rows.push(row);
    return { rows, present };
  } catch (error) {
    if (error instanceof BaselineInputError) {
      expect(error.where).toMatch(/^(header|file|row \d+(, column ".*")?)$/s);
      return { refused: error };
    }
    throw new Error(`baselineRows threw ${String(error)} for the ${format} body ${JSON.stringify(new TextDecoder().decode(bytes).slice(0, 300))}`);
  }
}

const planArbitrary: fc.Arbitrary<BaselineFilePlan> = fc
  .record({
    features: fc.uniqueArray(fc.record({ name: hostileName(), kind: fc.constantFrom('numeric' as const, 'categorical' as const) }), { selector: (f) => f.name, minLength: 1, maxLength: 5 }),
    outputs: fc.constantFrom('numeric' as const, 'categorical' as const),
    ignoreUnknownColumns: fc.boolean(),
  })
  .map(({ features, outputs, ignoreUnknownColumns }) => {
    const declared = new Set(features.map((f) => f.name));
    const columns: BaselineFileColumn[] = [
      ...features.map((f) => ({ input: f.name, feature: f.name, kind: f.kind, required: true })),
      ...['prediction', 'label'].filter((name) => !declared.has(name)).map((name) => ({ input: name, feature: `__${name}`, kind: outputs, required: false, scalarsAsCategories: true })),
    ];
    return { columns, ignoreUnknownColumns };
  });

/** One cell value per column: a finite number (no -0) or text for its kind, or missing. */
function rowsFor(plan: BaselineFilePlan, format: BaselineFormat) {
  const number: fc.Arbitrary<string | number> = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
  // An empty CSV cell is missing, so CSV text is never empty.
  const text: fc.Arbitrary<string | number> = fc.string({ unit: 'binary', minLength: format === 'csv' ? 1 : 0, maxLength: 20 });
  const cell = (column: BaselineFileColumn) => fc.option(column.kind === 'numeric' ? number : text, { freq: 4 });
  return fc.array(fc.tuple(...plan.columns.map(cell)), { minLength: 1, maxLength: 15 });
}

/** The rows the parser should give: numeric and categorical cells in the plan's slot order. */
function expectedRows(plan: BaselineFilePlan, rows: (string | number | null)[][]): BaselineRow[] {
  return rows.map((row) => ({
    nums: plan.columns.flatMap((c, i) => (c.kind === 'numeric' ? [row[i] as number | null] : [])),
    cats: plan.columns.flatMap((c, i) => (c.kind === 'categorical' ? [row[i] as string | null] : [])),
  }));
}

const csvField = (text: string) => `"${text.replaceAll('"', '""')}"`;

function csvOf(plan: BaselineFilePlan, rows: (string | number | null)[][], newline: string): Uint8Array {
  const lines = [plan.columns.map((c) => csvField(c.input)).join(','), ...rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : csvField(v))).join(','))];
  return new TextEncoder().encode(lines.join(newline) + newline);
}

function ndjsonOf(plan: BaselineFilePlan, rows: (string | number | null)[][], newline: string): Uint8Array {
  const lines = rows.map((row) => {
    const object: Record<string, unknown> = {};
    plan.columns.forEach((c, i) => Object.defineProperty(object, c.input, { value: row[i], enumerable: true, writable: true, configurable: true }));
    return JSON.stringify(object);
  });
  return new TextEncoder().encode(lines.join(newline) + newline);
}

const cuts = () => fc.array(fc.nat(), { maxLength: 6 });

describe.each<BaselineFormat>(['csv', 'ndjson'])('baselineRows (%s), fuzzed', (format) => {
  it('reads any bytes to the end or refuses them with a BaselineInputError', async () => {
    await fc.assert(
      fc.asyncProperty(planArbitrary, fc.uint8Array({ maxLength: 1000 }), cuts(), async (plan, bytes, pieces) => {
        await read(bytes, format, plan, pieces);
      }),
      { numRuns: 200 },
    );
  });

  it('reads any text of quotes, separators and line breaks to the end or refuses it', async () => {
    const text = fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', ' ', 'a', '1', '.', '{', '}', '[', ']', ':', 'null', 'NaN', '\\', '\uFEFF', 'é'), maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(planArbitrary, text, cuts(), async (plan, body, pieces) => {
        await read(new TextEncoder().encode(body), format, plan, pieces);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a file written from known rows back as exactly those rows, however the body is cut', async () => {
    const arbitrary = planArbitrary.chain((plan) => fc.tuple(fc.constant(plan), rowsFor(plan, format), fc.constantFrom('\n', '\r\n'), cuts()));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([plan, rows, newline, pieces]) => {
        const bytes = format === 'csv' ? csvOf(plan, rows, newline) : ndjsonOf(plan, rows, newline);
        const outcome = await read(bytes, format, plan, pieces);
        expect('refused' in outcome ? outcome.refused.message : '').toBe('');
        if ('refused' in outcome) return;
        expect(outcome.rows).toEqual(expectedRows(plan, rows));
        expect([...outcome.present].sort()).toEqual(plan.columns.map((c) => c.input).sort());
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a file with bytes that are not UTF-8 anywhere in it, instead of storing replacement characters', async () => {
    const invalid = fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf], [0xe9]);
    const arbitrary = planArbitrary.chain((plan) => fc.tuple(fc.constant(plan), rowsFor(plan, format), fc.nat(), invalid, cuts()));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ([plan, rows, at, bad, pieces]) => {
        const valid = format === 'csv' ? csvOf(plan, rows, '\n') : ndjsonOf(plan, rows, '\n');
        const where = at % (valid.length + 1);
        const bytes = Uint8Array.from([...valid.subarray(0, where), ...bad, ...valid.subarray(where)]);
        const outcome = await read(bytes, format, plan, pieces);
        expect('refused' in outcome ? outcome.refused.message : 'read').toBe('file: the file is not valid UTF-8 text; save or export it as UTF-8');
      }),
      { numRuns: 200 },
    );
  });
});

describe('baselineRows on a body that never ends', () => {
  /** `head`, then `filler` forever, as a client that streams without end would send it. */
  const endless = (head: string, filler: string) => {
    const encoder = new TextEncoder();
    let first = true;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(encoder.encode(first ? head : filler.repeat(16 * 1024)));
        first = false;
      },
    });
  };
  const plan: BaselineFilePlan = { columns: [{ input: 'plan', feature: 'plan', kind: 'categorical', required: true }], ignoreUnknownColumns: false };

  it.each([
    ['csv', 'a quoted field that never closes', 'plan\n"', 'x'],
    ['csv', 'a header line that never ends', 'plan', 'x'],
    ['csv', 'a row that never ends', 'plan\n', 'x'],
    ['ndjson', 'a line that never ends', '{"plan": "', 'x'],
  ] as const)('refuses %s: %s, without reading it all', async (format, _what, head, filler) => {
    const rows = baselineRows(endless(head, filler), format, plan);
    await expect(async () => {
      for await (const row of rows) expect(row).toBeDefined();
    }).rejects.toThrow(BaselineInputError);
  });
});
