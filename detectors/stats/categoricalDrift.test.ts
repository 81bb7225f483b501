import { describe, expect, it } from 'vitest';
import { categoricalDrift } from './categoricalDrift.js';

describe('categoricalDrift', () => {
  it('computes every statistic of a small feature', () => {
    // Expected: counts over sorted(set(B) | set(C)); psi as STATISTICS.md; jensenshannon(p, q, base=2);
    // chi2_contingency(np.array([[1, 3, 0, 2], [2, 0, 1, 1]]), correction=False) (scipy 1.17)
    const result = categoricalDrift(
      ['red', 'red', 'blue', null, 'green', 'green', 'green'],
      ['red', 'blue', 'blue', 'purple', undefined],
    );
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.categories).toEqual(['blue', 'green', 'purple', 'red']);
    expect(result.baselineCounts).toEqual([1, 3, 0, 2]);
    expect(result.currentCounts).toEqual([2, 0, 1, 1]);
    expect(result.psi).toBeCloseTo(6.603151576762316, 13);
    expect(result.jsDistance).toBeCloseTo(0.6649930467082338, 14);
    expect(result.chi2Statistic).toBeCloseTo(4.444444444444445, 13);
    expect(result.chi2PValue).toBeCloseTo(0.2172995701784638, 14);
    expect(result.chi2Dof).toBe(3);
    expect(result.newCategoryRate).toBe(0.25);
    expect(result.baselineMissingRate).toBeCloseTo(1 / 7, 15);
    expect(result.currentMissingRate).toBeCloseTo(1 / 5, 15);
    expect([result.baselineSampleSize, result.currentSampleSize]).toEqual([6, 4]);
  });

  it('gives a single shared category statistic 0, p-value 1, dof 0', () => {
    expect(categoricalDrift(['a', 'a'], ['a'])).toMatchObject({ status: 'ok', psi: 0, jsDistance: 0, chi2Statistic: 0, chi2PValue: 1, chi2Dof: 0 });
  });

  it('reports insufficient_data instead of throwing when a sample has no values', () => {
    expect(categoricalDrift([null], ['a'])).toEqual({
      status: 'insufficient_data',
      reason: 'the baseline has no non-missing values',
      baselineSampleSize: 0,
      currentSampleSize: 1,
      baselineMissingRate: 1,
      currentMissingRate: 0,
    });
    expect(categoricalDrift(['a'], [])).toMatchObject({ status: 'insufficient_data', currentMissingRate: null });
  });
});
