import { describe, expect, it } from 'vitest';
import { alertFingerprint } from '../fingerprint';
import { defaultRules } from './defaults';
import { observe, type DetectorWindowSignals } from './observe';
import { conditionHolds, type AlertRule } from './rule';

const rule = (overrides: Partial<AlertRule> = {}): AlertRule => ({
  id: 'r1',
  name: 'FeatureDrift',
  model: '*',
  metric: 'drift_verdict',
  feature: '*',
  op: '>=',
  threshold: 2,
  forWindows: 1,
  severity: 'warning',
  channels: [],
  enabled: true,
  isDefault: false,
  ...overrides,
});

const window = (overrides: Partial<DetectorWindowSignals> = {}): DetectorWindowSignals => ({
  source: 'detector',
  model: 'churn',
  version: '2',
  startMs: 0,
  endMs: 3_600_000,
  status: 'ok',
  predictionCount: 500,
  features: [
    { feature: 'age', kind: 'numeric', verdict: 'drift', statistics: { psi: 0.8, currentMissingRate: 0.3, baselineMissingRate: 0.01 } },
    { feature: 'plan', kind: 'categorical', verdict: 'no_drift', statistics: { psi: 0.01, currentMissingRate: 0 } },
    { feature: 'tenure', kind: 'numeric', verdict: 'insufficient_data', statistics: { psi: null } },
  ],
  performance: { accuracy: 0.7 },
  skew: { accuracy: -0.2 },
  ...overrides,
});

describe('observe', () => {
  it.each([
    ['drift verdict per feature; insufficient data is no value', rule(), [['age', 2], ['plan', 0]]],
    ['one feature only', rule({ feature: 'plan', metric: 'psi', op: '>', threshold: 0.2 }), [['plan', 0.01]]],
    ['missing-rate increase over the baseline', rule({ metric: 'missing_rate_increase' }), [['age', 0.3 - 0.01], ['plan', 0]]],
    ['another model', rule({ model: 'fraud' }), []],
    ['a disabled rule', rule({ enabled: false }), []],
  ] as const)('%s', (_name, r, expected) => {
    const got = observe(r, 'default', window()).map((o) => [o.labels.feature, o.value]);
    expect(got).toEqual(expected);
  });

  it('window metrics: accuracy drop is offline minus online; counts even with too few predictions', () => {
    expect(observe(rule({ metric: 'accuracy_drop', op: '>', threshold: 0.05 }), 'p', window()).map((o) => o.value)).toEqual([0.2]);
    expect(observe(rule({ metric: 'accuracy_drop' }), 'p', window({ skew: {} }))).toEqual([]);
    expect(observe(rule({ metric: 'prediction_count', op: '<', threshold: 100 }), 'p', window({ status: 'insufficient_data', predictionCount: 3 })).map((o) => o.value)).toEqual([3]);
  });

  it('serving metrics read only serving windows', () => {
    const serving = { source: 'serving', model: 'churn', version: '2', startMs: 0, endMs: 1, errorRate: 0.25, latencyP99: null } as const;
    expect(observe(rule({ metric: 'error_rate' }), 'p', serving).map((o) => o.value)).toEqual([0.25]);
    expect(observe(rule({ metric: 'latency_p99' }), 'p', serving)).toEqual([]);
    expect(observe(rule({ metric: 'error_rate' }), 'p', window())).toEqual([]);
  });

  it('labels carry what inhibition and grouping need, and make a stable fingerprint', () => {
    const [age] = observe(rule(), 'default', window());
    expect(age?.labels).toEqual({ alertname: 'FeatureDrift', rule: 'r1', project: 'default', model: 'churn', version: '2', metric: 'drift_verdict', category: 'drift', severity: 'warning', feature: 'age' });
    expect(alertFingerprint(age!.labels)).toBe(alertFingerprint({ ...age!.labels }));
    expect(age?.details).toMatchObject({ feature: 'age', verdict: 'drift', statistics: { psi: 0.8 } });
  });
});

describe('conditionHolds', () => {
  it.each([
    [0.3, '>', 0.2, true],
    [0.2, '>', 0.2, false],
    [0.2, '>=', 0.2, true],
    [0.1, '<', 0.2, true],
    [0.2, '<=', 0.2, true],
    [2, '==', 2, true],
    [2, '!=', 2, false],
  ] as const)('%d %s %d is %s', (value, op, threshold, expected) => {
    expect(conditionHolds(value, op, threshold)).toBe(expected);
  });
});

describe('default rules', () => {
  it('cover drift, missing-rate jumps, accuracy drop, gateway errors and latency, with stable ids', () => {
    const rules = defaultRules('churn');
    expect(rules.map((r) => r.metric)).toEqual(['drift_verdict', 'missing_rate_increase', 'accuracy_drop', 'error_rate', 'latency_p99']);
    expect(rules[0]?.id).toBe('default:churn:drift_verdict');
    expect(rules.every((r) => r.model === 'churn')).toBe(true);
  });
});
