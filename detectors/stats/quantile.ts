/**
 * The q-quantile of a sample sorted ascending, by linear interpolation between order
 * statistics: numpy's default `np.quantile(x, q)` (method "linear", Hyndman & Fan type 7,
 * ClickHouse `quantileExactInclusive`), reproduced to the last bit including numpy's
 * two-sided interpolation formula. Same units as the sample.
 *
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5, np.quantile([1, 2, 3, 4], 0.5)
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantileSorted: the sample is empty');
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantileSorted: q must be in [0, 1], got ${q}`);
  const position = (n - 1) * q;
  if (position >= n - 1) return sorted[n - 1] ?? Number.NaN;
  const below = Math.floor(position);
  const gamma = position - below;
  const a = sorted[below] ?? Number.NaN;
  const b = sorted[below + 1] ?? Number.NaN;
  const difference = b - a;
  // numpy interpolates from the nearer end, which keeps the result inside [a, b].
  return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma;
}
