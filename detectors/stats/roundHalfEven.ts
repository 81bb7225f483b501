/**
 * Rounds to the nearest integer with halves going to the even neighbour, as numpy's
 * `np.round` (scipy's KS code rounds with it, so the p-values depend on the rule).
 *
 * @example roundHalfEven(2.5) // 2
 */
export function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const fraction = x - floor;
  if (fraction > 0.5) return floor + 1;
  if (fraction < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
