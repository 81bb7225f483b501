/**
 * Bin or category proportions p_i = count_i / sum(counts) (STATISTICS.md, Proportions).
 * Unitless, summing to 1; all zeros for an empty sample.
 *
 * @example proportions([1, 3]) // [0.25, 0.75]
 */
export function proportions(counts: readonly number[]): number[] {
  let total = 0;
  for (const count of counts) total += count;
  return counts.map((count) => (total === 0 ? 0 : count / total));
}
