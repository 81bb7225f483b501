import { ldexp, SCALE_DOWN, SCALE_EXPONENT, SCALE_UP } from './ldexp.js';

/**
 * P(D_n <= d) for the two-sided one-sample Kolmogorov statistic D_n, by Durbin's matrix
 * algorithm in the form of Marsaglia, Tsang & Wang, "Evaluating Kolmogorov's Distribution",
 * J. Stat. Software 8(18), 2003 (scipy `_kolmogn_DMTW`). Exact; costs O(m^3 log n) with
 * m = 2 ceil(n d) - 1, so Simard & L'Ecuyer (2011) use it only where n d is small.
 *
 * @example durbinMatrixCdf(10, 0.2) // 0.2512..., scipy.stats.kstwo.cdf(0.2, 10)
 */
export function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;

  // v[j] = (1 - h^(j+1)) / (j+1)!, w[j] = 1 / j!
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorialInverse = 1;
  for (let j = 1; j <= m; j++) {
    w[j - 1] = factorialInverse;
    factorialInverse /= j;
    v[j - 1] = (1 - h ** j) * factorialInverse;
  }
  v[m - 1] = (1 + Math.max(2 * h - 1, 0) ** m - 2 * h ** m) * factorialInverse;

  let power: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) {
    for (let row = i - 1; row < m; row++) power[row * m + i] = w[row - i + 1] ?? 0;
  }
  for (let row = 0; row < m; row++) power[row * m] = v[row] ?? 0;
  for (let col = 0; col < m; col++) power[(m - 1) * m + col] = v[m - 1 - col] ?? 0;

  // Square-and-multiply for H^n, rescaling H by 2^-128 when its centre entry grows large.
  let result: Float64Array = identity(m);
  let exponent = 0;
  let powerExponent = 0;
  for (let remaining = n; remaining > 0; remaining = Math.floor(remaining / 2)) {
    if (remaining % 2 === 1) {
      result = multiply(result, power, m);
      exponent += powerExponent;
    }
    power = multiply(power, power, m);
    powerExponent *= 2;
    if (Math.abs(power[(k - 1) * m + (k - 1)] ?? 0) > SCALE_UP) {
      for (let i = 0; i < power.length; i++) power[i] = (power[i] ?? 0) / SCALE_UP;
      powerExponent += SCALE_EXPONENT;
    }
  }

  // Multiply by n! / n^n.
  let p = result[(k - 1) * m + (k - 1)] ?? 0;
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < SCALE_DOWN) {
      p *= SCALE_UP;
      exponent -= SCALE_EXPONENT;
    }
  }
  return Math.min(Math.max(ldexp(p, exponent), 0), 1);
}

function identity(m: number): Float64Array {
  const matrix = new Float64Array(m * m);
  for (let i = 0; i < m; i++) matrix[i * m + i] = 1;
  return matrix;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const product = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let l = 0; l < m; l++) {
      const ail = a[i * m + l] ?? 0;
      for (let j = 0; j < m; j++) product[i * m + j] = (product[i * m + j] ?? 0) + ail * (b[l * m + j] ?? 0);
    }
  }
  return product;
}
