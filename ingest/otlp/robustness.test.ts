import protobuf from 'protobufjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOtlpLogs, type OtlpDecodeResult, type OtlpEncoding } from './index';
import { emitWithSdk, jsonBody, jsonText, protobufBody } from './testing/sdkLogs';

/** mulberry32: a small seeded generator, so a failing case can be replayed from its seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Decodes, failing the test with the body if anything is thrown or the result is malformed. */
function decodeSafely(body: Uint8Array, encoding: OtlpEncoding): OtlpDecodeResult {
  let result: OtlpDecodeResult;
  try {
    result = decodeOtlpLogs(body, encoding);
  } catch (error) {
    throw new Error(`decodeOtlpLogs threw for the ${encoding} body ${Buffer.from(body).toString('hex')}: ${String(error)}`);
  }
  if (result.ok) {
    expect(Array.isArray(result.predictions) && Array.isArray(result.feedback) && Number.isInteger(result.ignored)).toBe(true);
  } else {
    expect(typeof result.message).toBe('string');
  }
  return result;
}

let validProtobuf: Uint8Array;
let validJson: unknown;

beforeAll(async () => {
  const records = await emitWithSdk(
    [
      {
        eventName: 'ml.prediction',
        attributes: {
          'ml.model.name': 'churn',
          'ml.prediction.id': 'req-1',
          'ml.features': { tenure_months: 14, plan: 'pro', region: null, spend: 72.5 },
          'ml.prediction.value': 1,
          'ml.prediction.scores': { '0': 0.3, '1': 0.7 },
          'ml.latency_ms': 4,
        },
      },
      { eventName: 'ml.feedback', attributes: { 'ml.model.name': 'churn', 'ml.prediction.id': 'req-1', 'ml.label': 1 } },
      { body: 'plain log line' },
    ],
    { 'ml.model.version': '2' },
  );
  validProtobuf = protobufBody(records);
  validJson = JSON.parse(new TextDecoder().decode(jsonBody(records)));
});

describe('decodeOtlpLogs never throws', () => {
  it.each<OtlpEncoding>(['protobuf', 'json'])('for random %s bodies', (encoding) => {
    const random = seededRandom(20261123);
    for (let n = 0; n < 3000; n++) {
      const body = new Uint8Array(Math.floor(random() * 300));
      for (let i = 0; i < body.length; i++) body[i] = Math.floor(random() * 256);
      decodeSafely(body, encoding);
    }
  });

  it('for every truncation of a real protobuf request, refusing all but those that end between records', () => {
    let accepted = 0;
    for (let length = 0; length < validProtobuf.length; length++) {
      if (decodeSafely(validProtobuf.subarray(0, length), 'protobuf').ok) accepted += 1;
    }
    // Only a cut at the very start (an empty request) falls between complete top-level fields.
    expect(accepted).toBe(1);
  });

  it('for every truncation of a real JSON request', () => {
    const text = JSON.stringify(validJson);
    for (let length = 0; length < text.length; length++) {
      expect(decodeSafely(jsonText(text).subarray(0, length), 'json').ok).toBe(false);
    }
  });

  it('for real protobuf requests with random bytes changed', () => {
    const random = seededRandom(7);
    for (let n = 0; n < 3000; n++) {
      const body = Uint8Array.from(validProtobuf);
      const changes = 1 + Math.floor(random() * 4);
      for (let c = 0; c < changes; c++) body[Math.floor(random() * body.length)] = Math.floor(random() * 256);
      decodeSafely(body, 'protobuf');
    }
  });

  it('for real JSON requests with values replaced by values of other types', () => {
    const random = seededRandom(42);
    const replacements: unknown[] = [null, true, 0, -1, 1.5, '', 'x', '12', [], [1, 'a'], {}, { stringValue: 1 }, 1e308, '18446744073709551616'];
    /** Every [parent, key] in a JSON tree, so one of them can be replaced. */
    const slots = (node: unknown, out: Array<[Record<string | number, unknown>, string | number]> = []) => {
      if (node === null || typeof node !== 'object') return out;
      for (const [key, child] of Object.entries(node)) {
        out.push([node as Record<string, unknown>, Array.isArray(node) ? Number(key) : key]);
        slots(child, out);
      }
      return out;
    };
    for (let n = 0; n < 1500; n++) {
      const tree = structuredClone(validJson);
      const all = slots(tree);
      const [parent, key] = all[Math.floor(random() * all.length)]!;
      parent[key] = replacements[Math.floor(random() * replacements.length)];
      decodeSafely(jsonText(tree), 'json');
    }
  });

  it('for deeply nested JSON', () => {
    const text = (value: string) => new TextEncoder().encode(value);
    const deepArray = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(decodeSafely(text(deepArray), 'json').ok).toBe(false);

    // An attribute value nested 5000 levels deep, written as text: JSON.stringify would overflow.
    const open = '{"kvlistValue":{"values":[{"key":"k","value":'.repeat(5000);
    const close = '}]}}'.repeat(5000);
    const deepValue = `${open}{"stringValue":"leaf"}${close}`;
    const body = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"eventName":"ml.prediction","attributes":[{"key":"ml.features","value":${deepValue}}]}]}]}]}`;
    expect(decodeSafely(text(body), 'json')).toEqual({ ok: false, message: expect.stringContaining('values nested deeper than 32 levels') });

    // The same depth in a log body, which Vigil does not read: protobufjs' own limit refuses it.
    const deepBody = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"body":${deepValue}}]}]}]}`;
    expect(decodeSafely(text(deepBody), 'json')).toEqual({ ok: false, message: expect.stringContaining('max depth exceeded') });
  });

  it('for deeply nested protobuf', () => {
    // AnyValue{kvlist_value: KeyValueList{values: KeyValue{key, value: AnyValue{...}}}}, 500 levels.
    let anyValue = protobuf.Writer.create().uint32((1 << 3) | 2).string('leaf').finish();
    for (let depth = 0; depth < 500; depth++) {
      const keyValue = protobuf.Writer.create().uint32((1 << 3) | 2).string('k').uint32((2 << 3) | 2).bytes(anyValue).finish();
      const list = protobuf.Writer.create().uint32((1 << 3) | 2).bytes(keyValue).finish();
      anyValue = protobuf.Writer.create().uint32((6 << 3) | 2).bytes(list).finish();
    }
    const attribute = protobuf.Writer.create().uint32((1 << 3) | 2).string('ml.features').uint32((2 << 3) | 2).bytes(anyValue).finish();
    const record = protobuf.Writer.create().uint32((6 << 3) | 2).bytes(attribute).finish();
    const scopeLogs = protobuf.Writer.create().uint32((2 << 3) | 2).bytes(record).finish();
    const resourceLogs = protobuf.Writer.create().uint32((2 << 3) | 2).bytes(scopeLogs).finish();
    const request = protobuf.Writer.create().uint32((1 << 3) | 2).bytes(resourceLogs).finish();

    expect(decodeSafely(request, 'protobuf')).toEqual({ ok: false, message: expect.stringContaining('max depth exceeded') });
  });

  it('for a protobuf length prefix far beyond the body', () => {
    const body = protobuf.Writer.create().uint32((1 << 3) | 2).uint32(0x7fffffff).finish();
    expect(decodeSafely(body, 'protobuf').ok).toBe(false);
  });
});
