import { describe, expect, it } from 'vitest';
import { ksExactPValue } from './ksExact.js';

describe('ksExactPValue', () => {
  // Expected: scipy.stats._stats_py._attempt_exact_2kssamp(n1, n2, gcd(n1, n2), d, 'two-sided')[2] (scipy 1.17)
  it.each([
    { n1: 5, n2: 4, d: 0.8, expected: 0.07936507936507936 },
    { n1: 20, n2: 30, d: 0.5, expected: 0.003356115391389148 },
    { n1: 3, n2: 3, d: 2 / 3, expected: 0.6 },
    { n1: 100, n2: 100, d: 0.15, expected: 0.21117008625127576 },
    { n1: 50, n2: 30, d: 1 / 6, expected: 0.6227763284451165 },
    { n1: 7, n2: 11, d: 0, expected: 1 },
    { n1: 1, n2: 1, d: 1, expected: 1 },
    { n1: 1000, n2: 700, d: 0.06, expected: 0.09863410398561652 },
    // d is snapped to the lattice h / lcm(n1, n2) first (scipy returns d = 0.2999340804218853).
    { n1: 37, n2: 41, d: 0.3, expected: 0.04522672719009359 },
    { n1: 10_000, n2: 7_000, d: 0.05, expected: 2.1894443162815043e-9 },
  ])('n1 = $n1, n2 = $n2, D = $d', ({ n1, n2, d, expected }) => {
    const p = ksExactPValue(n1, n2, d);
    expect(p).not.toBeNull();
    expect((p ?? Number.NaN) / expected).toBeCloseTo(1, 12);
  });

  it('is symmetric in the sample sizes', () => {
    expect(ksExactPValue(30, 20, 0.5)).toBe(ksExactPValue(20, 30, 0.5));
  });

  it('rejects sample sizes that are not positive integers', () => {
    expect(() => ksExactPValue(0, 5, 0.5)).toThrow(/positive integers, got 0 and 5/);
    expect(() => ksExactPValue(2.5, 5, 0.5)).toThrow(RangeError);
  });
});
