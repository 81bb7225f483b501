/**
 * Benjamini-Hochberg adjusted p-values (false discovery rate), as
 * `scipy.stats.false_discovery_control(ps, method='bh')` and statsmodels
 * `multipletests(ps, method='fdr_bh')[1]`: p_(i) * m / i for the i-th smallest of m p-values,
 * made monotone from the largest down, capped at 1, returned in input order
 * (STATISTICS.md: all features of one model in one window are adjusted together).
 * A feature is significant at FDR q when its adjusted p-value is < q.
 *
 * @example benjaminiHochberg([0.01, 0.04, 0.03]) // [0.03, 0.04, 0.04]
 */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`benjaminiHochberg: pValues[${i}] must be in [0, 1], got ${p}`);
  });
  if (m <= 1) return [...pValues];
  const order = pValues.map((_, i) => i).sort((a, b) => (pValues[a] ?? 0) - (pValues[b] ?? 0));
  const adjusted = new Array<number>(m);
  let runningMin = Infinity;
  for (let rank = m; rank >= 1; rank--) {
    const index = order[rank - 1] ?? 0;
    runningMin = Math.min(runningMin, (pValues[index] ?? 0) * (m / rank));
    adjusted[index] = Math.min(runningMin, 1);
  }
  return adjusted;
}
