/** Replaces empty bins so that the logarithm stays finite (STATISTICS.md, PSI). */
export const PSI_EPSILON = 1e-4;

/**
 * Population Stability Index: sum_i (q'_i - p'_i) ln(q'_i / p'_i), where p' and q' are the
 * baseline and current proportions with every zero replaced by epsilon and no
 * renormalisation (STATISTICS.md, PSI). Unitless (nats); 0.1 is commonly read as a moderate
 * shift and 0.2 as a significant one.
 *
 * @example populationStabilityIndex([0.5, 0.5], [0.4, 0.6]) // 0.0405..., = 0.1 * ln(1.5)
 */
export function populationStabilityIndex(
  baselineProportions: readonly number[],
  currentProportions: readonly number[],
  epsilon: number = PSI_EPSILON,
): number {
  if (baselineProportions.length !== currentProportions.length) {
    throw new RangeError(
      `populationStabilityIndex: ${baselineProportions.length} baseline bins but ${currentProportions.length} current bins`,
    );
  }
  let psi = 0;
  baselineProportions.forEach((baseline, i) => {
    const p = baseline === 0 ? epsilon : baseline;
    const current = currentProportions[i] ?? 0;
    const q = current === 0 ? epsilon : current;
    psi += (q - p) * Math.log(q / p);
  });
  return psi;
}
