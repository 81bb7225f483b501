import { describe, expect, it } from 'vitest';
import { alertFingerprint } from './fingerprint';

describe('alertFingerprint', () => {
  it('depends on the labels, not their order', () => {
    expect(alertFingerprint({ alertname: 'FeatureDrift', model: 'churn', feature: 'age' })).toBe(alertFingerprint({ feature: 'age', model: 'churn', alertname: 'FeatureDrift' }));
  });

  it('differs for any other label set, including values that would collide when concatenated', () => {
    const prints = new Set([
      alertFingerprint({ model: 'churn', feature: 'age' }),
      alertFingerprint({ model: 'churn', feature: 'plan' }),
      alertFingerprint({ model: 'churn' }),
      alertFingerprint({ model: 'churnfeature', feature: '' }),
      alertFingerprint({ model: 'a=b', feature: 'c' }),
      alertFingerprint({ model: 'a', feature: 'b=c' }),
    ]);
    expect(prints.size).toBe(6);
    expect([...prints].every((p) => /^[0-9a-f]{16}$/.test(p))).toBe(true);
  });
});
