import { describe, expect, it } from 'vitest';
import { chiSquareHomogeneity } from './chiSquare.js';

describe('chiSquareHomogeneity', () => {
  // Expected: r = scipy.stats.chi2_contingency(np.array([baseline, current]), correction=False);
  // (r.statistic, r.pvalue, r.dof) (scipy 1.17)
  it.each([
    { name: '2 x 2 table, no Yates correction', baseline: [10, 20], current: [20, 10], statistic: 6.666666666666667, p: 0.009823274507519235, dof: 1 },
    {
      name: 'four colours, no drift',
      baseline: [423, 834, 1212, 1531],
      current: [207, 372, 602, 819],
      statistic: 5.876092689636737,
      p: 0.11779668919579792,
      dof: 3,
    },
    { name: 'a single category', baseline: [5], current: [7], statistic: 0, p: 1, dof: 0 },
    { name: 'a category absent from the baseline', baseline: [30, 0, 70], current: [20, 10, 70], statistic: 12, p: 0.002478752176666357, dof: 2 },
    { name: 'proportional rows', baseline: [1, 2, 3], current: [2, 4, 6], statistic: 0, p: 1, dof: 2 },
  ])('$name', ({ baseline, current, statistic, p, dof }) => {
    const result = chiSquareHomogeneity(baseline, current);
    expect(result.chi2Statistic).toBeCloseTo(statistic, 12);
    expect(result.chi2PValue).toBeCloseTo(p, 14);
    expect(result.chi2Dof).toBe(dof);
  });

  it('rejects tables whose expected counts would be 0, as scipy does', () => {
    expect(() => chiSquareHomogeneity([0, 0], [1, 2])).toThrow(/expected count 0 in category 0/);
    expect(() => chiSquareHomogeneity([1, 0], [1, 0])).toThrow(/category 1/);
    expect(() => chiSquareHomogeneity([1, 2], [1])).toThrow(/2 baseline categories but 1 current/);
  });
});
