import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Notification, NotifiedAlert } from '../../dispatch/notification';
import { RetrainPayloadSchema, retrainPayload, retrainPayloadJsonSchema, wantsRetrain } from './payload';

const alert = (feature: string, category: string, overrides: Partial<NotifiedAlert> = {}): NotifiedAlert => ({
  id: `fp-${feature}`,
  labels: { alertname: category === 'drift' ? 'FeatureDrift' : 'MissingRateJump', project: 'default', model: 'churn', version: '2', feature, category, severity: 'warning' },
  state: 'firing',
  startsAt: '2026-11-20T08:00:00.000Z',
  endsAt: null,
  value: 2,
  details: { windowStart: Date.parse('2026-11-20T10:00:00Z'), windowEnd: Date.parse('2026-11-20T11:00:00Z'), feature, kind: 'numeric', verdict: 'drift', statistics: { psi: 0.5, ksPValueAdjusted: 0.001 } },
  covers: [],
  ...overrides,
});

const notification = (firing: NotifiedAlert[]): Notification => ({
  id: 'msg_1',
  kind: 'alerts',
  project: 'default',
  model: 'churn',
  groupKey: '["default","churn"]',
  status: 'firing',
  firing,
  resolved: [],
  dashboardUrl: 'https://vigil.example/models/churn',
  dataUrl: 'https://vigil.example/v1/models/churn/predictions',
  createdAt: '2026-11-20T11:05:00.000Z',
});

describe('retrain payload', () => {
  it('names the model, version, drifted features with statistics, window and fresh data range', () => {
    const payload = retrainPayload(notification([alert('age', 'drift'), alert('income', 'drift'), alert('plan', 'quality')]), 'https://vigil.example');
    expect(RetrainPayloadSchema.parse(payload)).toEqual(payload);
    expect(payload).toMatchObject({
      type: 'vigil.retrain.requested',
      id: 'msg_1',
      model: 'churn',
      version: '2',
      window: { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z' },
      freshData: { from: '2026-11-20T08:00:00.000Z', to: '2026-11-20T11:00:00.000Z', url: 'https://vigil.example/v1/models/churn/predictions?from=2026-11-20T08%3A00%3A00.000Z&to=2026-11-20T11%3A00%3A00.000Z&version=2' },
    });
    expect(payload.driftedFeatures.map((f) => [f.feature, f.statistics.psi])).toEqual([
      ['age', 0.5],
      ['income', 0.5],
    ]);
  });

  it('is asked for by firing drift or performance alerts only', () => {
    expect(wantsRetrain(notification([alert('age', 'drift')]))).toBe(true);
    expect(wantsRetrain(notification([alert('age', 'quality')]))).toBe(false);
    expect(wantsRetrain({ ...notification([]), status: 'resolved', resolved: [alert('age', 'drift', { state: 'resolved' })] })).toBe(false);
  });

  it('is documented by docs/retrain-payload.schema.json, generated from the same schema', () => {
    const documented = JSON.parse(readFileSync(new URL('../../../docs/retrain-payload.schema.json', import.meta.url), 'utf8')) as unknown;
    // Regenerate with the command in docs/alerts.md (Retrain payload).
    expect(documented).toEqual(retrainPayloadJsonSchema());
  });
});
