/**
 * Share of current values outside [min R, max R], the range seen in the baseline
 * (STATISTICS.md, Data quality). Unitless, in [0, 1]; 0 for an empty current sample.
 *
 * @example outOfRangeRate([1, 5], [0, 2, 5, 6]) // 0.5
 */
export function outOfRangeRate(baselineSorted: ArrayLike<number>, current: ArrayLike<number>): number {
  if (baselineSorted.length === 0) throw new RangeError('outOfRangeRate: the baseline is empty');
  if (current.length === 0) return 0;
  const min = baselineSorted[0] ?? Number.NaN;
  const max = baselineSorted[baselineSorted.length - 1] ?? Number.NaN;
  let outside = 0;
  for (let i = 0; i < current.length; i++) {
    const value = current[i] ?? Number.NaN;
    if (value < min || value > max) outside++;
  }
  return outside / current.length;
}
