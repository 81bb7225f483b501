import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjaminiHochberg.js';

describe('benjaminiHochberg', () => {
  // Expected: scipy.stats.false_discovery_control(p, method='bh') (scipy 1.17); statsmodels 0.15
  // multipletests(p, method='fdr_bh')[1] agrees to within 1e-16 on every row.
  it.each([
    { name: 'in input order, made monotone', p: [0.01, 0.04, 0.03], expected: [0.03, 0.04, 0.04] },
    { name: 'evenly spaced p-values all become the largest', p: [0.01, 0.02, 0.03, 0.04, 0.05], expected: [0.05, 0.05, 0.05, 0.05, 0.05] },
    { name: 'ties get the same adjustment', p: [0.5, 0.001, 0.9, 0.04, 0.04], expected: [0.625, 0.005, 0.9, 0.06666666666666667, 0.06666666666666667] },
    { name: 'a single p-value is unchanged', p: [0.2], expected: [0.2] },
    { name: 'no p-values', p: [], expected: [] },
    { name: 'capped at 1', p: [0.9, 0.95, 1], expected: [1, 1, 1] },
    { name: 'six features of one model', p: [1e-10, 0.5, 0.02, 0.02, 0.7, 0.049], expected: [6e-10, 0.6, 0.04, 0.04, 0.7, 0.07350000000000001] },
  ])('$name', ({ p, expected }) => {
    const adjusted = benjaminiHochberg(p);
    expect(adjusted).toHaveLength(expected.length);
    adjusted.forEach((value, i) => expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 15));
  });

  it('does not modify its input', () => {
    const p = [0.04, 0.01];
    benjaminiHochberg(p);
    expect(p).toEqual([0.04, 0.01]);
  });

  it('rejects values that are not probabilities', () => {
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(/pValues\[1\] must be in \[0, 1\], got NaN/);
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
  });
});
