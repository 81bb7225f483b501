import { kolmogorovSurvival } from './kolmogorov/survival.js';
import { ksExactPValue } from './ksExact.js';
import { roundHalfEven } from './roundHalfEven.js';

/** scipy `ks_2samp(method="auto")` is exact when both samples have at most this many values. */
export const MAX_AUTO_N = 10_000;

export interface KsTest {
  /** D = sup |F_R - F_C| over the raw samples, in [0, 1]. */
  ksStatistic: number;
  /** Two-sided p-value as scipy `ks_2samp(R, C, method="auto")`. */
  ksPValue: number;
}

/**
 * Two-sample Kolmogorov-Smirnov test of two samples sorted ascending (as they come from
 * ClickHouse): statistic and p-value as scipy `ks_2samp(R, C, method="auto")`
 * (STATISTICS.md, Kolmogorov-Smirnov). Both samples must be non-empty and free of NaN.
 *
 * @example ksTestSorted([1, 2, 3], [2, 4, 5, 6]) // { ksStatistic: 0.75, ksPValue: 0.2285... }
 */
export function ksTestSorted(baselineSorted: ArrayLike<number>, currentSorted: ArrayLike<number>): KsTest {
  const ksStatistic = ksStatisticSorted(baselineSorted, currentSorted);
  return { ksStatistic, ksPValue: ksPValue(ksStatistic, baselineSorted.length, currentSorted.length) };
}

/**
 * As {@link ksTestSorted} for samples in any order; sorts copies.
 *
 * @example ksTest([3, 1, 2], [6, 2, 5, 4]) // { ksStatistic: 0.75, ksPValue: 0.2285... }
 */
export function ksTest(baseline: ArrayLike<number>, current: ArrayLike<number>): KsTest {
  return ksTestSorted(Float64Array.from(baseline).sort(), Float64Array.from(current).sort());
}

/**
 * D = sup_x |F_R(x) - F_C(x)| of two samples sorted ascending, evaluated after every distinct
 * value of the pooled sample (so ties are handled as scipy does). Unitless, in [0, 1].
 *
 * @example ksStatisticSorted([1, 2, 3], [2, 4, 5, 6]) // 0.75
 */
export function ksStatisticSorted(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError('ksStatisticSorted: both samples must be non-empty');
  let i = 0;
  let j = 0;
  let d = 0;
  // Once one sample is exhausted the gap only shrinks, so the loop can stop there.
  while (i < n1 && j < n2) {
    const value = Math.min(a[i] ?? Number.NaN, b[j] ?? Number.NaN);
    while (i < n1 && (a[i] ?? Number.NaN) <= value) i++;
    while (j < n2 && (b[j] ?? Number.NaN) <= value) j++;
    d = Math.max(d, Math.abs(i / n1 - j / n2));
  }
  return d;
}

/**
 * Two-sided p-value of a two-sample KS statistic d for sample sizes n1 and n2, as scipy
 * `ks_2samp(method="auto")`: exact when max(n1, n2) <= MAX_AUTO_N (falling back as scipy does
 * if the exact computation fails), otherwise `kstwo.sf(d, round(n1 n2 / (n1 + n2)))`.
 * The exact path costs O(max(n1, n2) * d * min(n1, n2)): about 0.5 s in the worst case
 * (n1 = 10^4, n2 = 10^4 - 1, D near 1), tens of milliseconds for typical D.
 *
 * @example ksPValue(0.5, 20, 30) // 0.0034..., scipy's exact p for D = 0.5, n = (20, 30)
 */
export function ksPValue(d: number, n1: number, n2: number): number {
  const larger = Math.max(n1, n2);
  if (larger <= MAX_AUTO_N) {
    const exact = ksExactPValue(n1, n2, d);
    if (exact !== null) return exact;
  }
  const smaller = Math.min(n1, n2);
  const effectiveSize = roundHalfEven((larger * smaller) / (larger + smaller));
  return Math.min(Math.max(kolmogorovSurvival(effectiveSize, d), 0), 1);
}
