import { ldexp, SCALE_DOWN, SCALE_EXPONENT, SCALE_UP } from './ldexp.js';

/**
 * P(D_n <= x) for the two-sided one-sample Kolmogorov statistic by Pomeranz's recursion,
 * "Exact cumulative distribution of the Kolmogorov-Smirnov statistic for small samples
 * (Algorithm 487)", CACM 17(12), 1974, as used by Simard & L'Ecuyer (2011) for n <= 140 and
 * 0.754693 < n x^2 <= 4 (scipy `_kolmogn_Pomeranz`). Exact.
 *
 * Each of the 2n+1 steps convolves the previous row with one of three truncated Poisson
 * weight vectors; only a sliding window of each row can be non-zero.
 *
 * @example pomeranzCdf(20, 0.3) // 0.9569..., scipy.stats.kstwo.cdf(0.3, 20)
 */
export function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const window = { n, ll, ceilf: f > 0 ? 1 : 0, roundf: f > 0.5 ? 1 : 0 };
  const size = 2 * (ll + 1);

  // (c/n)^m / m! for c = g, 2g, 1-2g: Poisson weights without their normalising factor.
  const gPowers = scaledPowers(g / n, size);
  const twoGPowers = scaledPowers((2 * g) / n, size);
  const oneMinusTwoGPowers = scaledPowers((1 - 2 * g) / n, size);

  let previous = new Float64Array(size);
  let current = new Float64Array(size);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let [j1, j2] = rowInterval(0, window);
  for (let i = 1; i <= 2 * n + 1; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    [j1, j2] = rowInterval(i, window);
    const weights = i === 1 || i === 2 * n + 1 ? gPowers : i % 2 === 1 ? twoGPowers : oneMinusTwoGPowers;
    const span = j2 - k1 + 1;
    if (span <= 0) continue;
    // current[0..j2-j1] = (previous[k1-previousStart ..][:span] * weights[:span])[j1-k1 ..]
    const offset = k1 - previousStart;
    const aLength = Math.max(0, Math.min(span, size - offset));
    const bLength = Math.min(span, size);
    const first = j1 - k1;
    let largest = 0;
    for (let c = 0; c <= j2 - j1; c++) {
      const index = first + c;
      let sum = 0;
      for (let a = Math.max(0, index - bLength + 1); a <= Math.min(index, aLength - 1); a++) {
        sum += (previous[offset + a] ?? 0) * (weights[index - a] ?? 0);
      }
      current[c] = sum;
      largest = Math.max(largest, sum);
    }
    if (largest > 0 && largest < SCALE_DOWN) {
      for (let c = 0; c < size; c++) current[c] = (current[c] ?? 0) * SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
    currentStart = previousStart + j1 - k1;
  }

  // Multiply by n!.
  let answer = current[n - currentStart] ?? 0;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > SCALE_UP) {
      answer *= SCALE_DOWN;
      exponent += SCALE_EXPONENT;
    }
    answer *= m;
  }
  return Math.min(Math.max(ldexp(answer, exponent), 0), 1);
}

interface RowWindow {
  n: number;
  ll: number;
  ceilf: number;
  roundf: number;
}

/** The columns [j1, j2] of row i that can be non-zero (scipy `_pomeranz_compute_j1j2`). */
function rowInterval(i: number, { n, ll, ceilf, roundf }: RowWindow): [number, number] {
  let j1: number;
  let j2: number;
  const half = Math.floor((i + 1) / 2);
  if (i === 0) {
    [j1, j2] = [-ll - ceilf - 1, ll + ceilf - 1];
  } else if ((i + 1) % 2 === 0) {
    [j1, j2] =
      half === n + 1
        ? [n - ll - ceilf - 1, n + ll + ceilf - 1]
        : [half - 1 - ll - roundf - 1, half + ll - 1 + ceilf - 1];
  } else {
    [j1, j2] = [half - 1 - ll - 1, half + ll + roundf - 1];
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

function scaledPowers(base: number, count: number): Float64Array {
  const powers = new Float64Array(count);
  powers[0] = 1;
  for (let m = 1; m < count; m++) powers[m] = ((powers[m - 1] ?? 0) * base) / m;
  return powers;
}
