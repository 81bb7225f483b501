import { describe, expect, it } from 'vitest';
import { decodeJsonRequest } from './decodeJson';
import { decodeOtlpLogs } from './index';
import { jsonText } from './testing/sdkLogs';

const kv = (key: string, value: unknown) => ({ key, value });

/** A request as the OTLP specification's JSON example writes one, with one log record. */
function requestWith(record: Record<string, unknown>, resourceAttributes: unknown[] = []) {
  return {
    resourceLogs: [{ resource: { attributes: resourceAttributes }, scopeLogs: [{ scope: { name: 'python' }, logRecords: [record] }] }],
  };
}

/** An `ml.prediction` record in OTLP/JSON as the Collector or a Python SDK writes it. */
const collectorPrediction = {
  timeUnixNano: '1763631000123456789',
  observedTimeUnixNano: '1763631000200000000',
  severityNumber: 9,
  severityText: 'INFO',
  traceId: '5B8EFFF798038103D269B633813FC60C',
  spanId: 'EEE19B7EC3C1B174',
  eventName: 'ml.prediction',
  attributes: [
    kv('ml.model.name', { stringValue: 'churn' }),
    kv('ml.prediction.id', { stringValue: 'req-9' }),
    kv('ml.features', {
      kvlistValue: {
        values: [kv('tenure_months', { intValue: '14' }), kv('monthly_spend', { doubleValue: 72.5 }), kv('plan', { stringValue: 'pro' }), kv('region', {})],
      },
    }),
    kv('ml.prediction.value', { intValue: 1 }),
    kv('ml.latency_ms', { doubleValue: '3.25' }),
  ],
  droppedAttributesCount: 0,
};

describe('OTLP/JSON as the specification writes it', () => {
  it('reads 64-bit integers given as strings or numbers, and integer enums', () => {
    const result = decodeOtlpLogs(jsonText(requestWith(collectorPrediction, [kv('ml.model.version', { stringValue: '3' })])), 'json');

    expect(result).toMatchObject({ ok: true, ignored: 0, feedback: [] });
    if (!result.ok) return;
    expect(result.predictions[0]!.item).toEqual({
      model: 'churn',
      version: '3',
      id: 'req-9',
      timestamp: 1763631000123,
      features: { tenure_months: 14, monthly_spend: 72.5, plan: 'pro', region: null },
      prediction: 1,
      latencyMs: 3.25,
    });
  });

  it('reads traceId and spanId as hex, not base64', () => {
    const decoded = decodeJsonRequest(jsonText(requestWith(collectorPrediction)));

    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const record = decoded.request.resourceLogs[0]!.scopeLogs[0]!.logRecords[0] as unknown as { traceId: Uint8Array; spanId: Uint8Array };
    expect(Buffer.from(record.traceId).toString('hex')).toBe('5b8efff798038103d269b633813fc60c');
    expect(Buffer.from(record.spanId).toString('hex')).toBe('eee19b7ec3c1b174');
  });

  it('falls back to the observed time when the event time is 0, and leaves the time out when both are', () => {
    const observedOnly = { ...collectorPrediction, timeUnixNano: '0' };
    const neither = { ...collectorPrediction, timeUnixNano: 0, observedTimeUnixNano: undefined };

    const [a, b] = [observedOnly, neither].map((record) => decodeOtlpLogs(jsonText(requestWith(record)), 'json'));

    expect(a!.ok && a!.predictions[0]!.item.timestamp).toBe(1763631000200);
    expect(a!.ok && a!.predictions[0]!.fieldPaths.timestamp).toBe('resourceLogs[0].scopeLogs[0].logRecords[0].observedTimeUnixNano');
    expect(b!.ok && 'timestamp' in b!.predictions[0]!.item).toBe(false);
  });

  it('keeps an attribute sent without a value as null, even over the resource', () => {
    const record = { eventName: 'ml.prediction', attributes: [{ key: 'ml.model.name' }, kv('ml.latency_ms', {})] };
    const result = decodeOtlpLogs(jsonText(requestWith(record, [kv('ml.model.name', { stringValue: 'churn' })])), 'json');
    expect(result.ok && result.predictions[0]!.item).toEqual({ model: null, latencyMs: null });
  });

  it('ignores fields it does not know, as OTLP requires of receivers', () => {
    const body = { futureField: [1, 2], ...requestWith({ ...collectorPrediction, somethingNew: { a: 1 } }) };
    const result = decodeOtlpLogs(jsonText(body), 'json');
    expect(result.ok && result.predictions.length).toBe(1);
  });

  it('keeps a __proto__ feature as an ordinary feature', () => {
    const record = {
      eventName: 'ml.prediction',
      attributes: [kv('ml.features', { kvlistValue: { values: [kv('__proto__', { stringValue: 'x' }), kv('toString', { intValue: 1 })] } })],
    };
    const result = decodeOtlpLogs(jsonText(requestWith(record)), 'json');

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const features = result.predictions[0]!.item.features as Record<string, unknown>;
    expect(Object.getPrototypeOf(features)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(features, '__proto__')?.value).toBe('x');
    expect(features.toString).toBe(1);
  });
});

describe('OTLP/JSON with wrongly typed values is refused with the path of the value', () => {
  const record = 'resourceLogs[0].scopeLogs[0].logRecords[0]';
  const withAttribute = (value: unknown) => requestWith({ eventName: 'ml.prediction', attributes: [kv('ml.features', value)] });
  const rows: Array<[name: string, body: unknown, message: string]> = [
    [
      'a boolean written as a string',
      withAttribute({ boolValue: 'false' }),
      `${record}.attributes[0].value.boolValue: expected true or false, got string "false"`,
    ],
    [
      'an integer that is not one',
      withAttribute({ intValue: '12.5' }),
      `${record}.attributes[0].value.intValue: expected an int64, an integer from -9223372036854775808 to 9223372036854775807 (number or decimal string), got string "12.5"`,
    ],
    [
      'an integer beyond int64',
      withAttribute({ intValue: '9223372036854775808' }),
      `${record}.attributes[0].value.intValue: expected an int64, an integer from -9223372036854775808 to 9223372036854775807 (number or decimal string), got string "9223372036854775808"`,
    ],
    ['a double that is not a number', withAttribute({ doubleValue: 'abc' }), `${record}.attributes[0].value.doubleValue: expected a number, got string "abc"`],
    ['a string that is an object', withAttribute({ stringValue: { a: 1 } }), `${record}.attributes[0].value.stringValue: expected a string, got an object`],
    ['two values in one AnyValue', withAttribute({ stringValue: 'a', intValue: 1 }), `${record}.attributes[0].value: expected one value, got stringValue and intValue`],
    [
      'a nested feature of the wrong type',
      withAttribute({ kvlistValue: { values: [kv('age', { intValue: 3 }), kv('plan', { stringValue: 7 })] } }),
      `${record}.attributes[0].value.kvlistValue.values[1].value.stringValue: expected a string, got number 7`,
    ],
    ['a key-value list that is a list', withAttribute({ kvlistValue: [] }), `${record}.attributes[0].value.kvlistValue: expected an object, got an array`],
    ['an attribute key that is a number', requestWith({ attributes: [{ key: 5, value: {} }] }), `${record}.attributes[0].key: expected a string, got number 5`],
    ['attributes that are an object', requestWith({ attributes: { 'ml.model.name': 'churn' } }), `${record}.attributes: expected an array, got an object`],
    [
      'a timestamp number just beyond uint64',
      requestWith({ timeUnixNano: 2 ** 64 }),
      `${record}.timeUnixNano: expected a uint64, an integer from 0 to 18446744073709551615 (number or decimal string), got number 18446744073709552000`,
    ],
    [
      'a negative timestamp',
      requestWith({ timeUnixNano: -5 }),
      `${record}.timeUnixNano: expected a uint64, an integer from 0 to 18446744073709551615 (number or decimal string), got number -5`,
    ],
    ['a base64 trace id', requestWith({ traceId: 'W47/95gDgQPSabYzgT/GDA==' }), `${record}.traceId: expected 32 hex digits, got string "W47/95gDgQPSabYzgT/GDA=="`],
    ['a span id of the wrong length', requestWith({ spanId: 'abcd' }), `${record}.spanId: expected 16 hex digits, got string "abcd"`],
    ['an event name that is a number', requestWith({ eventName: 5 }), `${record}.eventName: expected a string, got number 5`],
    ['a record that is a string', { resourceLogs: [{ scopeLogs: [{ logRecords: ['hello'] }] }] }, `${record}: expected an object, got string "hello"`],
    [
      'a resource attribute of the wrong type',
      requestWith({}, [kv('ml.model.name', { stringValue: ['churn'] })]),
      'resourceLogs[0].resource.attributes[0].value.stringValue: expected a string, got an array',
    ],
  ];

  it.each(rows)('%s', (_name, body, message) => {
    expect(decodeOtlpLogs(jsonText(body), 'json')).toEqual({ ok: false, message });
  });

  it('leaves the rest to protobufjs, which refuses wrong shapes elsewhere', () => {
    const result = decodeOtlpLogs(jsonText({ resourceLogs: [{ scopeLogs: [{ scope: 'python' }] }] }), 'json');
    expect(result).toEqual({ ok: false, message: 'body is not an OTLP/JSON ExportLogsServiceRequest: .opentelemetry.proto.logs.v1.ScopeLogs.scope: object expected' });
  });
});
