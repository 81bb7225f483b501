import { describe, expect, it } from 'vitest';
import { sourcePath } from './sourcePath';
import type { LogRecordItem, OtlpPredictionInput } from './types';

const record = 'resourceLogs[0].scopeLogs[1].logRecords[4]';
const entry: LogRecordItem<OtlpPredictionInput> = {
  path: record,
  item: { model: 'churn', features: { age: 'old', 'monthly spend': 'x' } },
  fieldPaths: {
    model: 'resourceLogs[0].resource.attributes["ml.model.name"]',
    version: `${record}.attributes["ml.model.version"]`,
    id: `${record}.attributes["ml.prediction.id"]`,
    timestamp: `${record}.timeUnixNano`,
    features: `${record}.attributes["ml.features"]`,
    prediction: `${record}.attributes["ml.prediction.value"]`,
    scores: `${record}.attributes["ml.prediction.scores"]`,
    latencyMs: `${record}.attributes["ml.latency_ms"]`,
  },
};

describe('sourcePath', () => {
  const rows: Array<[reported: string, source: string]> = [
    [`${record}.features.age`, `${record}.attributes["ml.features"].age`],
    ['features.age', `${record}.attributes["ml.features"].age`],
    [`${record}.features["monthly spend"]`, `${record}.attributes["ml.features"]["monthly spend"]`],
    [`${record}.model`, 'resourceLogs[0].resource.attributes["ml.model.name"]'],
    [`${record}.prediction`, `${record}.attributes["ml.prediction.value"]`],
    [`${record}.timestamp`, `${record}.timeUnixNano`],
    [record, record],
    [`${record}.unexpected`, `${record}.unexpected`],
    ['[0]', `${record}[0]`],
  ];

  it.each(rows)('%s → %s', (reported, source) => {
    expect(sourcePath(entry, reported)).toBe(source);
  });
});
