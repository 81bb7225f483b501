import gammainc from '@stdlib/math-base-special-gammainc';

export interface ChiSquareTest {
  /** Pearson's X^2 statistic, unitless. */
  chi2Statistic: number;
  /** P(chi^2_dof >= statistic). */
  chi2PValue: number;
  /** Degrees of freedom, K - 1. */
  chi2Dof: number;
}

/**
 * Chi-square test of homogeneity on the 2 x K table [baselineCounts; currentCounts], as
 * `scipy.stats.chi2_contingency(table, correction=False)` (STATISTICS.md, Chi-square test):
 * X^2 = sum (observed - expected)^2 / expected with expected = row total * column total / N,
 * dof = K - 1, p = Q(dof/2, X^2/2) (regularised upper incomplete gamma). A single category
 * gives statistic 0, p-value 1, dof 0. Every column needs a non-zero total and both rows a
 * non-zero sum, otherwise an expected count is 0 (scipy raises; so does this, as a
 * programmer error).
 *
 * @example chiSquareHomogeneity([10, 20], [20, 10]) // { chi2Statistic: 6.666..., chi2PValue: 0.0098..., chi2Dof: 1 }
 */
export function chiSquareHomogeneity(baselineCounts: readonly number[], currentCounts: readonly number[]): ChiSquareTest {
  const k = baselineCounts.length;
  if (currentCounts.length !== k) throw new RangeError(`chiSquareHomogeneity: ${k} baseline categories but ${currentCounts.length} current`);
  if (k <= 1) return { chi2Statistic: 0, chi2PValue: 1, chi2Dof: 0 };
  const baselineTotal = baselineCounts.reduce((sum, count) => sum + count, 0);
  const currentTotal = currentCounts.reduce((sum, count) => sum + count, 0);
  const total = baselineTotal + currentTotal;
  let statistic = 0;
  for (let i = 0; i < k; i++) {
    const observedBaseline = baselineCounts[i] ?? 0;
    const observedCurrent = currentCounts[i] ?? 0;
    const columnTotal = observedBaseline + observedCurrent;
    const expectedBaseline = (baselineTotal * columnTotal) / total;
    const expectedCurrent = (currentTotal * columnTotal) / total;
    if (expectedBaseline === 0 || expectedCurrent === 0) {
      throw new RangeError(`chiSquareHomogeneity: expected count 0 in category ${i}; every row and column needs a non-zero total`);
    }
    statistic += (observedBaseline - expectedBaseline) ** 2 / expectedBaseline;
    statistic += (observedCurrent - expectedCurrent) ** 2 / expectedCurrent;
  }
  const dof = k - 1;
  return { chi2Statistic: statistic, chi2PValue: gammainc(statistic / 2, dof / 2, true, true), chi2Dof: dof };
}
