/**
 * Share of current values whose category never appears in the baseline
 * (STATISTICS.md, New-category rate), from aligned per-category counts. Unitless, in [0, 1];
 * the denominator is the number of non-missing current values, and 0 when there are none.
 *
 * @example newCategoryRate([5, 0], [3, 1]) // 0.25
 */
export function newCategoryRate(baselineCounts: readonly number[], currentCounts: readonly number[]): number {
  if (baselineCounts.length !== currentCounts.length) {
    throw new RangeError(`newCategoryRate: ${baselineCounts.length} baseline categories but ${currentCounts.length} current`);
  }
  let total = 0;
  let unseen = 0;
  currentCounts.forEach((count, i) => {
    total += count;
    if (baselineCounts[i] === 0) unseen += count;
  });
  return total === 0 ? 0 : unseen / total;
}
