import { roundHalfEven } from './roundHalfEven.js';

/**
 * Exact two-sided p-value P(D_{n1,n2} >= d) of the two-sample Kolmogorov-Smirnov statistic
 * under the null hypothesis (continuous distributions, no ties), as scipy
 * `_attempt_exact_2kssamp(n1, n2, g, d, 'two-sided')` in `scipy/stats/_stats_py.py`.
 * Unitless probability, or null when the computation is not a valid probability (scipy
 * then falls back to the asymptotic distribution).
 *
 * d is first snapped to the lattice h / lcm(n1, n2) on which the statistic lives. Equal sizes
 * use the closed-form reflection sum; unequal sizes count lattice paths that stay strictly
 * inside the band |x/n1 - y/n2| < d (Hodges 1958, "The significance probability of the
 * Smirnov two-sample test"), in Viehmann's form that carries 1 - p directly
 * (arXiv:2102.08037), one column at a time. Cost O(max(n1, n2) * d * min(n1, n2)).
 *
 * @example ksExactPValue(5, 4, 0.8) // 0.0793..., scipy.stats.ks_2samp(..., method='exact') for D = 0.8
 */
export function ksExactPValue(n1: number, n2: number, d: number): number | null {
  if (!Number.isInteger(n1) || !Number.isInteger(n2) || n1 <= 0 || n2 <= 0) {
    throw new RangeError(`ksExactPValue: sample sizes must be positive integers, got ${n1} and ${n2}`);
  }
  const g = greatestCommonDivisor(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  if (h === 0) return 1;
  const p = n1 === n2 ? probabilityOutsideSquare(n1, h) : probabilityOutsideBand(n1, n2, g, h);
  return p >= 0 && p <= 1 ? p : null;
}

/**
 * P(D_{n,n} >= h/n) = 2 sum_k (-1)^(k+1) C(2n, n - k h) / C(2n, n), evaluated as a Horner-like
 * product of ratios to avoid the subtractive cancellation of the alternating sum.
 */
function probabilityOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let ratio = 1;
    for (let j = 0; j < h; j++) ratio = ((n - k * h - j) * ratio) / (n + k * h + j + 1);
    p = ratio * (1 - p);
  }
  return 2 * p;
}

/**
 * Share of monotone lattice paths from (0,0) to (m,n) that leave the band
 * |x n/g - y m/g| < h. A holds one column of the path counts, normalised so that it directly
 * holds 1 - (share of paths still inside); only a sliding window of rows is kept.
 */
function probabilityOutsideBand(size1: number, size2: number, g: number, h: number): number {
  const m = Math.max(size1, size2);
  const n = Math.min(size1, size2);
  const mg = m / g;
  const ng = n / g;
  let minJ = 0;
  let maxJ = Math.min(Math.ceil(h / mg), n + 1);
  let currentLength = maxJ - minJ;
  const column = new Float64Array(Math.min(2 * maxJ + 2, n + 1)).fill(1);
  column.fill(0, minJ, maxJ);
  for (let i = 1; i <= m; i++) {
    const lastMinJ = minJ;
    const lastLength = currentLength;
    minJ = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxJ = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxJ <= minJ) return 1;
    let value = minJ === 0 ? 0 : 1;
    for (let jj = 0; jj < maxJ - minJ; jj++) {
      const j = jj + minJ;
      value = ((column[jj + minJ - lastMinJ] ?? Number.NaN) * i + value * j) / (i + j);
      column[jj] = value;
    }
    currentLength = maxJ - minJ;
    if (lastLength > currentLength) column.fill(1, currentLength, currentLength + (lastLength - currentLength));
  }
  return column[maxJ - minJ - 1] ?? Number.NaN;
}

function greatestCommonDivisor(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}
