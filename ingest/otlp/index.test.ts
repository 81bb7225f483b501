import { describe, expect, it } from 'vitest';
import { decodeOtlpLogs, sourcePath, type OtlpDecodeResult, type OtlpDecodeSuccess, type OtlpEncoding } from './index';
import { emitWithSdk, jsonBody, protobufBody, type EmittedRecord } from './testing/sdkLogs';

const PREDICTION_TIME_MS = Date.UTC(2026, 10, 20, 9, 30, 0, 123);
const FEEDBACK_TIME_MS = Date.UTC(2026, 10, 22, 8, 0, 0, 7);

/** What the SDK sends for `records`, encoded as the OTLP exporter for `encoding` would. */
async function sentBySdk(encoding: OtlpEncoding, records: readonly EmittedRecord[], resource: Record<string, string> = {}): Promise<Uint8Array> {
  const emitted = await emitWithSdk(records, resource);
  return encoding === 'protobuf' ? protobufBody(emitted) : jsonBody(emitted);
}

function decoded(result: OtlpDecodeResult): OtlpDecodeSuccess {
  if (!result.ok) throw new Error(`expected a decoded request, got: ${result.message}`);
  return result;
}

describe.each<OtlpEncoding>(['protobuf', 'json'])('decodeOtlpLogs, %s bodies from the OpenTelemetry JS SDK', (encoding) => {
  it('reads a churn prediction with numeric, string and missing features, scores and latency', async () => {
    const body = await sentBySdk(
      encoding,
      [
        {
          eventName: 'ml.prediction',
          timestamp: PREDICTION_TIME_MS,
          attributes: {
            'ml.model.name': 'churn',
            'ml.prediction.id': 'req-42',
            'ml.features': { tenure_months: 14, monthly_spend: 72.5, plan: 'pro', region: null },
            'ml.prediction.value': 'churn',
            'ml.prediction.scores': { churn: 0.8, stay: 0.2 },
            'ml.latency_ms': 12.5,
          },
        },
      ],
      { 'ml.model.version': '3' },
    );

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect(result.feedback).toEqual([]);
    expect(result.ignored).toBe(0);
    expect(result.predictions).toHaveLength(1);
    const [prediction] = result.predictions;
    expect(prediction!.path).toBe('resourceLogs[0].scopeLogs[0].logRecords[0]');
    const item = prediction!.item;
    expect(item.model).toBe('churn');
    expect(item.version).toBe('3');
    expect(item.id).toBe('req-42');
    expect(item.timestamp).toBe(PREDICTION_TIME_MS);
    expect(item.features).toEqual({ tenure_months: 14, monthly_spend: 72.5, plan: 'pro', region: null });
    expect(item.prediction).toBe('churn');
    expect(item.scores).toEqual({ churn: 0.8, stay: 0.2 });
    expect(item.latencyMs).toBe(12.5);
    expect(Object.keys(item).sort()).toEqual(['features', 'id', 'latencyMs', 'model', 'prediction', 'scores', 'timestamp', 'version']);
  });

  it('says where each field came from, the resource included', async () => {
    const body = await sentBySdk(
      encoding,
      [{ eventName: 'ml.prediction', attributes: { 'ml.model.name': 'churn', 'ml.features': { age: 'old' }, 'ml.prediction.value': 1 } }],
      { 'ml.model.version': '3' },
    );

    const [prediction] = decoded(decodeOtlpLogs(body, encoding)).predictions;

    const record = 'resourceLogs[0].scopeLogs[0].logRecords[0]';
    expect(prediction!.fieldPaths).toEqual({
      model: `${record}.attributes["ml.model.name"]`,
      version: 'resourceLogs[0].resource.attributes["ml.model.version"]',
      id: `${record}.attributes["ml.prediction.id"]`,
      features: `${record}.attributes["ml.features"]`,
      prediction: `${record}.attributes["ml.prediction.value"]`,
      scores: `${record}.attributes["ml.prediction.scores"]`,
      latencyMs: `${record}.attributes["ml.latency_ms"]`,
      timestamp: `${record}.timeUnixNano`,
    });
    expect(sourcePath(prediction!, `${record}.features.age`)).toBe(`${record}.attributes["ml.features"].age`);
  });

  it("prefers the record's model name and version to the resource's", async () => {
    const body = await sentBySdk(
      encoding,
      [
        { eventName: 'ml.prediction', attributes: { 'ml.model.name': 'fraud', 'ml.model.version': '7', 'ml.prediction.value': 0 } },
        { eventName: 'ml.prediction', attributes: { 'ml.prediction.value': 1 } },
      ],
      { 'ml.model.name': 'churn', 'ml.model.version': '3' },
    );

    const { predictions } = decoded(decodeOtlpLogs(body, encoding));

    expect(predictions.map(({ item }) => [item.model, item.version])).toEqual([
      ['fraud', '7'],
      ['churn', '3'],
    ]);
  });

  it('reads feedback that arrives days later, with numeric and string labels', async () => {
    const body = await sentBySdk(encoding, [
      { eventName: 'ml.feedback', timestamp: FEEDBACK_TIME_MS, attributes: { 'ml.model.name': 'churn', 'ml.prediction.id': 'req-42', 'ml.label': 1 } },
      { eventName: 'ml.feedback', timestamp: FEEDBACK_TIME_MS, attributes: { 'ml.model.name': 'churn', 'ml.prediction.id': 'req-43', 'ml.label': 'stay' } },
    ]);

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect(result.predictions).toEqual([]);
    expect(result.feedback.map(({ path, item }) => ({ path, item }))).toEqual([
      { path: 'resourceLogs[0].scopeLogs[0].logRecords[0]', item: { model: 'churn', predictionId: 'req-42', label: 1, timestamp: FEEDBACK_TIME_MS } },
      { path: 'resourceLogs[0].scopeLogs[0].logRecords[1]', item: { model: 'churn', predictionId: 'req-43', label: 'stay', timestamp: FEEDBACK_TIME_MS } },
    ]);
    expect(result.feedback[0]!.fieldPaths).toEqual({
      model: 'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["ml.model.name"]',
      predictionId: 'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["ml.prediction.id"]',
      label: 'resourceLogs[0].scopeLogs[0].logRecords[0].attributes["ml.label"]',
      timestamp: 'resourceLogs[0].scopeLogs[0].logRecords[0].timeUnixNano',
    });
  });

  it('recognises the event by its event.name attribute when the eventName field is empty', async () => {
    const body = await sentBySdk(encoding, [
      { attributes: { 'event.name': 'ml.prediction', 'ml.model.name': 'churn', 'ml.prediction.value': 1 } },
      { attributes: { 'event.name': 'ml.feedback', 'ml.model.name': 'churn', 'ml.prediction.id': 'a', 'ml.label': 0 } },
    ]);

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect(result.predictions.map(({ item }) => item.prediction)).toEqual([1]);
    expect(result.feedback.map(({ item }) => item.label)).toEqual([0]);
  });

  it('lets the eventName field win over a contradicting event.name attribute', async () => {
    const body = await sentBySdk(encoding, [{ eventName: 'ml.feedback', attributes: { 'event.name': 'ml.prediction', 'ml.label': 1 } }]);

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect([result.predictions.length, result.feedback.length]).toEqual([0, 1]);
  });

  it('counts every other log record as ignored', async () => {
    const body = await sentBySdk(encoding, [
      { body: 'GET /healthz 200' },
      { eventName: 'http.request', attributes: { 'ml.model.name': 'churn' } },
      { attributes: { 'event.name': 'ml.training', 'ml.model.name': 'churn' } },
      { eventName: 'ml.prediction', attributes: { 'ml.model.name': 'churn', 'ml.prediction.value': 1 } },
    ]);

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect(result.ignored).toBe(3);
    expect(result.predictions.map(({ path }) => path)).toEqual(['resourceLogs[0].scopeLogs[0].logRecords[3]']);
  });

  it('numbers paths by resource and scope', async () => {
    const [first, second] = await Promise.all([
      emitWithSdk([{ eventName: 'ml.prediction', attributes: { 'ml.prediction.value': 1 } }], { 'ml.model.name': 'churn' }),
      emitWithSdk(
        [
          { scope: 'http', body: 'not an ml event' },
          { scope: 'ml', eventName: 'ml.prediction', attributes: { 'ml.prediction.value': 2 } },
        ],
        { 'ml.model.name': 'fraud' },
      ),
    ]);
    const records = [...first, ...second];
    const body = encoding === 'protobuf' ? protobufBody(records) : jsonBody(records);

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect(result.predictions.map(({ path, item }) => [path, item.model])).toEqual([
      ['resourceLogs[0].scopeLogs[0].logRecords[0]', 'churn'],
      ['resourceLogs[1].scopeLogs[1].logRecords[0]', 'fraud'],
    ]);
    expect(result.ignored).toBe(1);
  });

  it('keeps values that validation must refuse as the sender wrote them', async () => {
    const body = await sentBySdk(encoding, [
      {
        eventName: 'ml.prediction',
        attributes: {
          'ml.model.name': 'churn',
          'ml.features': { is_premium: true, history: [1, 2], address: { city: 'Lyon' } },
          'ml.prediction.value': 'yes',
          'ml.latency_ms': '12',
          'ml.prediction.scores': 'high',
        },
      },
    ]);

    const [prediction] = decoded(decodeOtlpLogs(body, encoding)).predictions;

    expect(prediction!.item.features).toEqual({ is_premium: true, history: [1, 2], address: { city: 'Lyon' } });
    expect(prediction!.item.latencyMs).toBe('12');
    expect(prediction!.item.scores).toBe('high');
  });

  it('leaves absent attributes out of the item, for validation to name', async () => {
    const body = await sentBySdk(encoding, [
      { eventName: 'ml.prediction', timestamp: PREDICTION_TIME_MS },
      { eventName: 'ml.feedback', timestamp: FEEDBACK_TIME_MS },
    ]);

    const result = decoded(decodeOtlpLogs(body, encoding));

    expect(result.predictions[0]!.item).toEqual({ timestamp: PREDICTION_TIME_MS });
    expect(result.feedback[0]!.item).toEqual({ timestamp: FEEDBACK_TIME_MS });
  });
});

describe('decodeOtlpLogs refuses bodies that are not OTLP logs requests', () => {
  const text = (value: string) => new TextEncoder().encode(value);
  const rows: Array<[name: string, body: Uint8Array, encoding: OtlpEncoding, message: RegExp]> = [
    ['JSON that is not JSON', text('{"resourceLogs": ['), 'json', /^body is not valid UTF-8 JSON: /],
    ['JSON that is not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'json', /^body is not valid UTF-8 JSON: /],
    ['a /v1/predictions body sent as an array', text('[{"model": "churn"}]'), 'json', /^body: expected an object, got an array$/],
    ['resourceLogs that is not a list', text('{"resourceLogs": {"scopeLogs": []}}'), 'json', /^resourceLogs: expected an array, got an object$/],
    ['a protobuf message cut short', new Uint8Array([0x0a, 0x05, 0x12, 0x03]), 'protobuf', /^body is not a protobuf OTLP ExportLogsServiceRequest: index out of range/],
    ['JSON sent as protobuf', text('{"resourceLogs": []}'), 'protobuf', /^body is not a protobuf OTLP ExportLogsServiceRequest: /],
  ];

  it.each(rows)('%s', (_name, body, encoding, message) => {
    const result = decodeOtlpLogs(body, encoding);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it.each<OtlpEncoding>(['protobuf', 'json'])('answers an empty %s request with no items', (encoding) => {
    const body = encoding === 'json' ? text('{}') : new Uint8Array(0);
    expect(decodeOtlpLogs(body, encoding)).toEqual({ ok: true, predictions: [], feedback: [], ignored: 0 });
  });
});
