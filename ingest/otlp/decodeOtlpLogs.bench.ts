/**
 * How long decoding a full batch takes: 10,000 `ml.prediction` records (6 features, scores, id,
 * latency; model and version on the resource), as the OpenTelemetry JS SDK encodes them.
 * Run with `npx vitest bench --run ingest/otlp`.
 */
import { bench, describe } from 'vitest';
import { decodeOtlpLogs } from './index';
import { emitWithSdk, jsonBody, protobufBody } from './testing/sdkLogs';

const RECORDS = 10_000;

const records = await emitWithSdk(
  Array.from({ length: RECORDS }, (_, i) => ({
    eventName: 'ml.prediction',
    timestamp: 1_763_631_000_000 + i,
    attributes: {
      'ml.prediction.id': `req-${i}`,
      'ml.features': { tenure_months: i % 48, monthly_spend: 20 + (i % 97) * 0.5, plan: i % 3 === 0 ? 'pro' : 'free', region: 'eu', seats: 1 + (i % 9), discount: null },
      'ml.prediction.value': i % 2,
      'ml.prediction.scores': { '0': 0.4, '1': 0.6 },
      'ml.latency_ms': 3.5,
    },
  })),
  { 'ml.model.name': 'churn', 'ml.model.version': '3' },
);
const protobuf = protobufBody(records);
const json = jsonBody(records);

describe(`decodeOtlpLogs, ${RECORDS} prediction records`, () => {
  bench(`protobuf (${(protobuf.length / 1e6).toFixed(1)} MB)`, () => {
    decodeOtlpLogs(protobuf, 'protobuf');
  });
  bench(`json (${(json.length / 1e6).toFixed(1)} MB)`, () => {
    decodeOtlpLogs(json, 'json');
  });
});
