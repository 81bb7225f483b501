/**
 * Jensen-Shannon distance between two discrete distributions, as
 * `scipy.spatial.distance.jensenshannon(p, q, base=2)` on the unsmoothed proportions
 * (STATISTICS.md, Jensen-Shannon distance): sqrt((KL(p||m) + KL(q||m)) / 2) with
 * m = (p + q) / 2 and logarithms in base 2. Unitless, in [0, 1]. Inputs are normalised to sum
 * 1 first, as scipy does, so counts work too.
 *
 * @example jensenShannonDistance([1, 0], [0, 1]) // 1
 */
export function jensenShannonDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length !== q.length) throw new RangeError(`jensenShannonDistance: lengths differ (${p.length} and ${q.length})`);
  const pTotal = p.reduce((sum, value) => sum + value, 0);
  const qTotal = q.reduce((sum, value) => sum + value, 0);
  let left = 0;
  let right = 0;
  p.forEach((pRaw, i) => {
    const pi = pRaw / pTotal;
    const qi = (q[i] ?? 0) / qTotal;
    const mi = (pi + qi) / 2;
    left += relativeEntropyTerm(pi, mi);
    right += relativeEntropyTerm(qi, mi);
  });
  const divergence = (left + right) / Math.LN2;
  // Rounding can leave a tiny negative divergence for identical inputs.
  return Math.sqrt(Math.max(divergence, 0) / 2);
}

/** scipy.special.rel_entr: x ln(x / y), 0 when x is 0. */
function relativeEntropyTerm(x: number, y: number): number {
  if (x === 0) return 0;
  return x * Math.log(x / y);
}
