import { quantileSorted } from './quantile.js';

/** Number of bins for numeric features unless a model configures another (STATISTICS.md). */
export const DEFAULT_BINS = 10;

/**
 * Interior bin edges for a numeric feature: the baseline's quantiles at k/B, k = 1..B-1
 * (numpy linear interpolation), with duplicates dropped, ascending (STATISTICS.md, Bin edges).
 * The bins are (-inf, e1], (e1, e2], ..., (e_m, +inf), so m edges make m + 1 bins; a constant
 * baseline gives one edge and two bins. Same units as the feature.
 *
 * @example binEdgesSorted([1, 2, 3, 4, 5], 4) // [2, 3, 4]
 */
export function binEdgesSorted(baselineSorted: ArrayLike<number>, bins: number = DEFAULT_BINS): number[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`binEdgesSorted: bins must be a positive integer, got ${bins}`);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = quantileSorted(baselineSorted, k / bins);
    if (edges.length === 0 || edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}
