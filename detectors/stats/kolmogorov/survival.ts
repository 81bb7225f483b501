import { durbinMatrixCdf } from './durbinMatrix.js';
import { pelzGoodCdf } from './pelzGood.js';
import { pomeranzCdf } from './pomeranz.js';
import { smirnovSurvival } from './smirnov.js';

const LOG_2PI = Math.log(2 * Math.PI);
// Stirling series coefficients B_2j / (2j (2j - 1)) for j = 8..1, highest power first.
const STIRLING = [-3617 / 122400, 1 / 156, -691 / 360360, 1 / 1188, -1 / 1680, 1 / 1260, -1 / 360, 1 / 12];

/**
 * P(D_n >= x): survival function of the two-sided one-sample Kolmogorov statistic
 * D_n = sup |F_n - F| for a sample of size n, as `scipy.stats.kstwo.sf(x, n)`. Unitless
 * probability in [0, 1]. The two-sample KS test uses it, with n = round(n1 n2 / (n1 + n2)),
 * for its asymptotic p-value (STATISTICS.md, Kolmogorov-Smirnov).
 *
 * Follows the method selection of Simard & L'Ecuyer, "Computing the Two-Sided
 * Kolmogorov-Smirnov Distribution", J. Stat. Software 39(11), 2011, as implemented in scipy
 * `scipy/stats/_ksstats.py` (`_kolmogn`): closed forms of Ruben & Gambino near the ends,
 * 2 * Smirnov where the one-sided tails are disjoint or the tail is small, the Durbin matrix
 * or Pomeranz recursion (exact) for n <= 140, the Durbin matrix or Pelz-Good otherwise.
 *
 * @example kolmogorovSurvival(100, 0.1) // 0.2526..., scipy.stats.kstwo.sf(0.1, 100)
 */
export function kolmogorovSurvival(n: number, x: number): number {
  if (!Number.isInteger(n) || n <= 0) throw new RangeError(`kolmogorovSurvival: n must be a positive integer, got ${n}`);
  if (Number.isNaN(x)) return Number.NaN;
  if (x >= 1) return 0;
  if (x <= 0) return 1;
  const t = n * x;
  if (t <= 1) {
    // Ruben-Gambino: P(D_n <= x) = n!/n^n (2t - 1)^n for 1/(2n) <= x <= 1/n.
    if (t <= 0.5) return 1;
    return clip(1 - rubenGambinoLowerCdf(n, t));
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n); // Ruben-Gambino upper end
  if (x >= 0.5) return clip(2 * smirnovSurvival(n, x)); // the one-sided tails are disjoint
  const nx2 = t * x;
  if (n <= 140) {
    if (nx2 <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nx2 <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSurvival(n, x)); // Miller's approximation, accurate in the tail
  }
  if (nx2 >= 370) return 0;
  if (nx2 >= 2.2) return clip(2 * smirnovSurvival(n, x));
  const cdf = n <= 100_000 && n * x ** 1.5 <= 1.4 ? durbinMatrixCdf(n, x) : pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

function rubenGambinoLowerCdf(n: number, t: number): number {
  if (n <= 140) {
    let product = 1;
    for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
    return product;
  }
  return Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
}

/** log(n! / n^n) by Stirling's series, with n log n removed up front. */
function logFactorialOverPower(n: number): number {
  const reciprocal = 1 / n;
  const reciprocalSquared = reciprocal / n;
  let series = 0;
  for (const coefficient of STIRLING) series = series * reciprocalSquared + coefficient;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + reciprocal * series;
}

function clip(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
