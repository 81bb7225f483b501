import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileJson, hostileName } from '../testing/hostileInput';
import { decodeOtlpLogs, type OtlpDecodeResult, type OtlpEncoding } from './index';
import { exportLogsServiceRequestType } from './schema';

/**
 * Property-based fuzzing of the OTLP logs decoders (`POST /v1/logs`, Kafka OTLP messages): any
 * body gives items or a message, never an exception and never the mapping's "bug" answer;
 * requests built from known items decode to exactly those items, in both encodings.
 */

const MAPPING_BUG = 'log records could not be mapped';

function decodeChecked(body: Uint8Array, encoding: OtlpEncoding): OtlpDecodeResult {
  const result = decodeOtlpLogs(body, encoding);
  if (result.ok) {
    expect(Number.isInteger(result.ignored) && result.ignored >= 0).toBe(true);
    for (const entry of [...result.predictions, ...result.feedback]) expect(entry.path).toMatch(/^resourceLogs\[\d+\]\.scopeLogs\[\d+\]\.logRecords\[\d+\]$/);
  } else {
    expect(result.message.length).toBeGreaterThan(0);
    expect(result.message).not.toContain(MAPPING_BUG);
  }
  return result;
}

/** A plain value as an OTLP/JSON AnyValue, as an SDK writes attribute values. */
function anyValue(value: unknown): Record<string, unknown> {
  if (value === null) return {};
  if (typeof value === 'string') return { stringValue: value };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isSafeInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  if (Array.isArray(value)) return { arrayValue: { values: value.map(anyValue) } };
  return { kvlistValue: { values: Object.entries(value as object).map(([key, v]) => ({ key, value: anyValue(v) })) } };
}

const attributes = (values: Record<string, unknown>) => Object.entries(values).map(([key, value]) => ({ key, value: anyValue(value) }));

/** A record's attributes and time as a sender emits them, and the item Vigil should read. */
interface SentRecord {
  event: 'ml.prediction' | 'ml.feedback' | 'other';
  /** Whether the event name travels as the LogRecord field or as the `event.name` attribute. */
  eventAsAttribute: boolean;
  attributes: Record<string, unknown>;
  timeMs: number | null;
}

/** Plain numbers without -0 (OTLP integers have no sign of zero). */
const number = () => fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
const scalar = () => fc.oneof(number(), fc.string({ unit: 'binary', maxLength: 20 }), fc.boolean(), fc.constant(null));

/** Keys as JSON.parse would make them: `__proto__` included, as an own property. */
function ownRecord<V>(value: fc.Arbitrary<V>): fc.Arbitrary<Record<string, V>> {
  return fc.uniqueArray(fc.tuple(hostileName(), value), { selector: ([key]) => key, maxLength: 5 }).map((entries) => {
    const out: Record<string, V> = {};
    for (const [key, v] of entries) Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

const sentRecord: fc.Arbitrary<SentRecord> = fc.record({
  event: fc.constantFrom('ml.prediction' as const, 'ml.feedback' as const, 'other' as const),
  eventAsAttribute: fc.boolean(),
  attributes: fc.record(
    {
      'ml.model.name': hostileName(),
      'ml.model.version': fc.string({ unit: 'binary', maxLength: 12 }),
      'ml.prediction.id': fc.string({ unit: 'binary', maxLength: 30 }),
      'ml.features': ownRecord(scalar()),
      'ml.prediction.value': scalar(),
      'ml.prediction.scores': ownRecord(number()),
      'ml.latency_ms': number(),
      'ml.label': scalar(),
      'some.other': scalar(),
    },
    { requiredKeys: [] },
  ),
  timeMs: fc.option(fc.integer({ min: 1, max: Date.parse('2100-01-01T00:00:00Z') })),
});

function requestOf(records: SentRecord[], resource: Record<string, unknown>) {
  return {
    resourceLogs: [
      {
        resource: { attributes: attributes(resource) },
        scopeLogs: [
          {
            scope: { name: 'fuzz' },
            logRecords: records.map((r) => ({
              ...(r.timeMs === null ? {} : { timeUnixNano: `${r.timeMs}000000` }),
              ...(r.event !== 'other' && !r.eventAsAttribute ? { eventName: r.event } : {}),
              attributes: attributes({ ...r.attributes, ...(r.event !== 'other' && r.eventAsAttribute ? { 'event.name': r.event } : {}) }),
            })),
          },
        ],
      },
    ],
  };
}

/** The item Vigil reads from a record: fields whose attribute was sent (model and version also from the resource). */
function expectedItem(record: SentRecord, resource: Record<string, unknown>) {
  const fields =
    record.event === 'ml.prediction'
      ? { model: 'ml.model.name', version: 'ml.model.version', id: 'ml.prediction.id', features: 'ml.features', prediction: 'ml.prediction.value', scores: 'ml.prediction.scores', latencyMs: 'ml.latency_ms' }
      : { model: 'ml.model.name', predictionId: 'ml.prediction.id', label: 'ml.label' };
  const item: Record<string, unknown> = {};
  for (const [field, key] of Object.entries(fields)) {
    if (key in record.attributes) item[field] = (record.attributes as Record<string, unknown>)[key];
    else if ((key === 'ml.model.name' || (key === 'ml.model.version' && record.event === 'ml.prediction')) && key in resource) item[field] = resource[key];
  }
  if (record.timeMs !== null) item.timestamp = record.timeMs;
  return item;
}

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const protobufBytes = (value: unknown) => exportLogsServiceRequestType.encode(exportLogsServiceRequestType.fromObject(value as Record<string, unknown>)).finish();

describe('decodeOtlpLogs, fuzzed', () => {
  it.each<OtlpEncoding>(['protobuf', 'json'])('answers items or a message for any bytes as %s', (encoding) => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (body) => {
        decodeChecked(body, encoding);
      }),
      { numRuns: 200 },
    );
  });

  it('answers items or a message for any JSON text', () => {
    fc.assert(
      fc.property(hostileJson(), (value) => {
        decodeChecked(jsonBytes(value), 'json');
        decodeChecked(jsonBytes({ resourceLogs: value }), 'json');
        decodeChecked(jsonBytes({ resourceLogs: [{ scopeLogs: [{ logRecords: [value] }] }] }), 'json');
      }),
      { numRuns: 200 },
    );
  });

  it('decodes requests built from known records to exactly those items, in both encodings', () => {
    const resource = fc.record({ 'ml.model.name': hostileName(), 'ml.model.version': fc.string({ maxLength: 8 }), 'service.name': fc.string() }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(sentRecord, { maxLength: 6 }), resource, (records, resourceAttributes) => {
        const request = requestOf(records, resourceAttributes);
        for (const [encoding, body] of [
          ['json', jsonBytes(request)],
          ['protobuf', protobufBytes(request)],
        ] as const) {
          const result = decodeChecked(body, encoding);
          expect(result.ok ? '' : result.message).toBe('');
          if (!result.ok) return;
          const indexed = records.map((record, k) => ({ record, k }));
          const ofKind = (event: SentRecord['event']) => indexed.filter(({ record }) => record.event === event);
          expect(result.predictions.map((p) => [p.path, p.item])).toEqual(ofKind('ml.prediction').map(({ record, k }) => [`resourceLogs[0].scopeLogs[0].logRecords[${k}]`, expectedItem(record, resourceAttributes)]));
          expect(result.feedback.map((p) => [p.path, p.item])).toEqual(ofKind('ml.feedback').map(({ record, k }) => [`resourceLogs[0].scopeLogs[0].logRecords[${k}]`, expectedItem(record, resourceAttributes)]));
          expect(result.ignored).toBe(ofKind('other').length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('answers items or a message for valid JSON requests with any part replaced by any value', () => {
    /** Every [parent, key] of a JSON tree, so that one can be replaced. */
    const slots = (node: unknown, out: Array<[Record<string | number, unknown>, string | number]> = []) => {
      if (node === null || typeof node !== 'object') return out;
      for (const [key, child] of Object.entries(node)) {
        out.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key]);
        slots(child, out);
      }
      return out;
    };
    fc.assert(
      fc.property(fc.array(sentRecord, { minLength: 1, maxLength: 3 }), fc.nat(), hostileJson(), (records, which, replacement) => {
        const request = structuredClone(requestOf(records, { 'ml.model.name': 'churn' }));
        const all = slots(request);
        const [parent, key] = all[which % all.length]!;
        parent[key] = replacement;
        decodeChecked(jsonBytes(request), 'json');
      }),
      { numRuns: 200 },
    );
  });

  it('answers items or a message for valid protobuf requests with bytes changed, cut or inserted', () => {
    const change = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
      fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
      fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
    );
    fc.assert(
      fc.property(fc.array(sentRecord, { minLength: 1, maxLength: 3 }), fc.array(change, { minLength: 1, maxLength: 4 }), (records, changes) => {
        let body = Uint8Array.from(protobufBytes(requestOf(records, {})));
        for (const c of changes) {
          const at = body.length === 0 ? 0 : c.at % body.length;
          if (c.kind === 'set' && body.length > 0) body[at] = c.byte;
          else if (c.kind === 'cut') body = body.subarray(0, at);
          else if (c.kind === 'insert') body = Uint8Array.from([...body.subarray(0, at), ...c.bytes, ...body.subarray(at)]);
        }
        decodeChecked(body, 'protobuf');
      }),
      { numRuns: 200 },
    );
  });
});
