import { CompensatedSum } from './compensatedSum.js';

/**
 * Wasserstein-1 (earth mover's) distance between two samples sorted ascending, as
 * `scipy.stats.wasserstein_distance(R, C)`: the integral of |F_R - F_C| over the pooled
 * values (STATISTICS.md, Wasserstein-1). Same units as the feature. O(n1 + n2).
 *
 * @example wassersteinDistanceSorted([0, 1, 3], [5, 6, 8]) // 5
 */
export function wassersteinDistanceSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('wassersteinDistanceSorted: both samples must be non-empty');
  const area = new CompensatedSum();
  let i = 0;
  let j = 0;
  let previous = Math.min(a[0] ?? Number.NaN, b[0] ?? Number.NaN);
  // Walk the pooled sample in order; before each step, i and j count the values <= previous.
  while (i < n1 || j < n2) {
    const takeA = j >= n2 || (i < n1 && (a[i] ?? Number.NaN) <= (b[j] ?? Number.NaN));
    const value = (takeA ? a[i] : b[j]) ?? Number.NaN;
    if (value !== previous) area.add(Math.abs(i / n1 - j / n2) * (value - previous));
    if (takeA) i++;
    else j++;
    previous = value;
  }
  return area.value;
}

/**
 * As {@link wassersteinDistanceSorted} for samples in any order; sorts copies.
 *
 * @example wassersteinDistance([3, 0, 1], [8, 5, 6]) // 5
 */
export function wassersteinDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return wassersteinDistanceSorted(Float64Array.from(a).sort(), Float64Array.from(b).sort());
}

/**
 * Wasserstein-1 distance divided by the baseline's population standard deviation (ddof = 0),
 * so that it reads in baseline standard deviations; null when that deviation is 0
 * (STATISTICS.md, Wasserstein-1 normed).
 *
 * @example normedWasserstein(0.5, 2) // 0.25
 */
export function normedWasserstein(distance: number, baselineStandardDeviation: number): number | null {
  return baselineStandardDeviation === 0 ? null : distance / baselineStandardDeviation;
}
