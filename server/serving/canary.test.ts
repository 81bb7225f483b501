import { describe, expect, it } from 'vitest';
import { canaryPoint, goesToCanary } from './canary';

describe('goesToCanary', () => {
  it('sends a keyed request to the same side every time', () => {
    const sides = Array.from({ length: 20 }, () => goesToCanary('churn', 'user-42', 0.3));
    expect(new Set(sides).size).toBe(1);
  });

  it('puts about `share` of distinct keys on the canary', () => {
    const n = 10_000;
    let canary = 0;
    for (let i = 0; i < n; i++) if (goesToCanary('churn', `user-${i}`, 0.2)) canary++;
    // Binomial(10,000, 0.2): sd = 40; 5 sd either side.
    expect(Math.abs(canary - 2_000)).toBeLessThan(200);
  });

  it('uses the random source without a key, and honours 0 and 1', () => {
    expect(goesToCanary('churn', undefined, 0.5, () => 0.49)).toBe(true);
    expect(goesToCanary('churn', '', 0.5, () => 0.51)).toBe(false);
    expect(goesToCanary('churn', 'k', 0)).toBe(false);
    expect(goesToCanary('churn', 'k', 1)).toBe(true);
  });

  it('hashes the model with the key, so one key is not on every canary', () => {
    const points = ['a', 'b', 'c', 'd'].map((model) => canaryPoint(model, 'user-1'));
    expect(new Set(points).size).toBe(4);
    for (const p of points) expect(p).toBeGreaterThanOrEqual(0);
  });
});
