import type { IHeaders } from 'kafkajs';
import { decodeOtlpLogs, sourcePath, type LogRecordItem } from '../otlp';
import { MAX_ITEMS_PER_REQUEST } from '../schemas';
import type { IncomingItem, Rejection } from '../validation';
import type { TelemetrySource } from '../../store/telemetry';

/**
 * One Kafka message as ingest items (API.md, "Telemetry in"): an OTLP protobuf
 * `ExportLogsServiceRequest` (the OpenTelemetry Collector's `otlp_proto` encoding), OTLP/JSON
 * (`otlp_json`), or Vigil JSON: a `/v1/predictions` body, a `/v1/feedback` body, both keys in
 * one object, or a single prediction. Pure: no I/O.
 */

/** The header carrying an ingest key; the key's project receives the message. */
export const API_KEY_HEADER = 'vigil-api-key';
/** What Vigil's own publisher sends instead of the key: its SHA-256, never the secret. */
export const API_KEY_HASH_HEADER = 'vigil-api-key-sha256';
/** Set by Vigil's publisher (INGEST_MODE=kafka): the receiver the items came in through. */
export const SOURCE_HEADER = 'vigil-source';
/** Dead letters: why the message was refused, and where it was read. */
export const DLQ_REASON_HEADER = 'vigil-dlq-reason';
export const DLQ_ORIGIN_HEADER = 'vigil-dlq-origin';

export type MessageFormat = 'otlp_proto' | 'otlp_json' | 'json';

/** Where a message was read; the default prediction ids are derived from it. */
export interface MessageOrigin {
  topic: string;
  partition: number;
  offset: string;
}

export interface DecodedMessage {
  ok: true;
  format: MessageFormat;
  predictions: IncomingItem[];
  feedback: IncomingItem[];
  /** OTLP log records that are neither `ml.prediction` nor `ml.feedback`. */
  ignored: number;
  /** A rejection's path as the sender wrote it (the OTLP attribute, not Vigil's item field). */
  senderPath(rejection: Rejection): string;
}

export type DecodeOutcome = DecodedMessage | { ok: false; reason: string };

/** A header's value as text (kafkajs gives Buffers, strings or arrays of them). */
export function headerText(headers: IHeaders | undefined, name: string): string | undefined {
  const raw = headers?.[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value : value.toString('utf8');
  return text.trim() === '' ? undefined : text.trim();
}

/** The receiver recorded for the message's items: `kafka`, or what Vigil's publisher says. */
export function sourceOf(headers: IHeaders | undefined): TelemetrySource {
  const source = headerText(headers, SOURCE_HEADER);
  return source === 'api' || source === 'otlp' || source === 'gateway' ? source : 'kafka';
}

/**
 * A prediction without an id gets one derived from its place in the log, so a re-delivered
 * message yields the same ids and is stored once (a random id would store it twice).
 */
function withDefaultId(item: IncomingItem, origin: MessageOrigin, index: number): IncomingItem {
  const value = item.value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as { id?: unknown }).id !== undefined) return item;
  return { path: item.path, value: { ...value, id: `kafka:${origin.topic}:${origin.partition}:${origin.offset}:${index}` } };
}

function tooMany(count: number): string | undefined {
  return count > MAX_ITEMS_PER_REQUEST ? `${count} items in one message; at most ${MAX_ITEMS_PER_REQUEST}: split it` : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** JSON is UTF-8 (RFC 8259): bytes that are not are refused, not replaced by U+FFFD and stored. */
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeJson(bytes: Uint8Array, origin: MessageOrigin): DecodeOutcome {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { ok: false, reason: 'not JSON: the value is not valid UTF-8' };
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(body)) return { ok: false, reason: 'expected a JSON object: a /v1/predictions body, a /v1/feedback body or one prediction' };
  if ('resourceLogs' in body) return decodeOtlp(bytes, 'json', origin);
  const predictions: IncomingItem[] = [];
  const feedback: IncomingItem[] = [];
  if ('predictions' in body || 'feedback' in body) {
    for (const field of ['predictions', 'feedback'] as const) {
      const values = body[field];
      if (values === undefined) continue;
      if (!Array.isArray(values)) return { ok: false, reason: `${field}: expected an array` };
      const problem = tooMany(values.length);
      if (problem !== undefined) return { ok: false, reason: problem };
      (field === 'predictions' ? predictions : feedback).push(...values.map((value, i) => ({ path: `${field}[${i}]`, value })));
    }
    if (predictions.length + feedback.length === 0) return { ok: false, reason: 'expected at least one prediction or feedback item' };
  } else {
    predictions.push({ path: 'prediction', value: body });
  }
  return { ok: true, format: 'json', predictions: predictions.map((item, i) => withDefaultId(item, origin, i)), feedback, ignored: 0, senderPath: (r) => r.path };
}

function decodeOtlp(bytes: Uint8Array, encoding: 'protobuf' | 'json', origin: MessageOrigin): DecodeOutcome {
  const decoded = decodeOtlpLogs(bytes, encoding);
  if (!decoded.ok) return { ok: false, reason: `not an OTLP logs request: ${decoded.message}` };
  const problem = tooMany(decoded.predictions.length + decoded.feedback.length);
  if (problem !== undefined) return { ok: false, reason: problem };
  const byPath = new Map<string, LogRecordItem<object>>();
  const items = (entries: LogRecordItem<object>[]) =>
    entries.map((entry) => {
      byPath.set(entry.path, entry);
      return { path: entry.path, value: entry.item };
    });
  return {
    ok: true,
    format: encoding === 'protobuf' ? 'otlp_proto' : 'otlp_json',
    predictions: items(decoded.predictions).map((item, i) => withDefaultId(item, origin, i)),
    feedback: items(decoded.feedback),
    ignored: decoded.ignored,
    senderPath: (r) => {
      const record = /^resourceLogs\[\d+\]\.scopeLogs\[\d+\]\.logRecords\[\d+\]/.exec(r.path)?.[0];
      const entry = record === undefined ? undefined : byPath.get(record);
      return entry === undefined ? r.path : sourcePath(entry, r.path);
    },
  };
}

/**
 * Decodes a message's value. JSON is recognised by its first byte (`{`); anything else is
 * read as OTLP protobuf, whose first byte is a field tag (`{` would be a deprecated group tag
 * that `ExportLogsServiceRequest` never has). JSON after leading blanks is tried only when
 * protobuf fails: a protobuf body may begin with 0x0a, a newline.
 *
 * @example decodeMessage(Buffer.from('{"model":"churn","prediction":1}'), { topic: 't', partition: 0, offset: '7' }) // one prediction with id "kafka:t:0:7:0"
 */
export function decodeMessage(value: Buffer | null, origin: MessageOrigin): DecodeOutcome {
  if (value === null || value.length === 0) return { ok: false, reason: 'empty message' };
  if (value[0] === 0x7b) return decodeJson(value, origin);
  const otlp = decodeOtlp(value, 'protobuf', origin);
  if (!otlp.ok && /^\s*\{/.test(value.subarray(0, 64).toString('latin1'))) return decodeJson(value, origin);
  return otlp;
}

/** A refusal as one line for the dead-letter header: the first problems, and their number. */
export function refusalReason(rejections: Rejection[], senderPath: (r: Rejection) => string): string {
  const shown = rejections.slice(0, 3).map((r) => `${senderPath(r)}: ${r.message}`);
  const more = rejections.length > shown.length ? ` (and ${rejections.length - shown.length} more)` : '';
  return `invalid items: ${shown.join('; ')}${more}`;
}
