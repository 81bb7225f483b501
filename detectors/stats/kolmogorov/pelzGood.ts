const PI2 = Math.PI ** 2;
const PI4 = Math.PI ** 4;
const PI6 = Math.PI ** 6;
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const MIN_LOG = -708;

/**
 * Pelz & Good's approximation to P(D_n <= x) for the two-sided one-sample Kolmogorov
 * statistic: "Approximating the lower tail-areas of the Kolmogorov-Smirnov one-sample
 * statistic", JRSS B 38(2), 1976. It is the Li-Chien/Korolyuk expansion
 * K0(z) + K1(z)/sqrt(n) + K2(z)/n + K3(z)/n^1.5, z = x sqrt(n), rewritten with Jacobi theta
 * identities so that it converges fast for small z. Simard & L'Ecuyer (2011) use it for
 * n > 140 where the Durbin matrix would be too slow (scipy `_kolmogn_PelzGood`).
 *
 * @example pelzGoodCdf(1000, 0.03) // 0.6773..., scipy.stats._ksstats._kolmogn_PelzGood(1000, 0.03)
 */
export function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z * z;
  const z4 = z2 * z2;
  const z6 = z4 * z2;
  const qLog = -PI2 / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  const q = Math.exp(qLog);

  const k1a = -z2;
  const k1b = PI2 / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI2) / 4;
  const k2c = (PI4 * (1 - 2 * z2)) / 16;
  const k3d = (PI6 * (5 - 30 * z2)) / 64;
  const k3c = (PI4 * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI2 * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;

  // Horner scheme in q^(8k) for sum over odd m = 2k-1 of c(m) q^(m^2).
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m2 = (2 * k - 1) ** 2;
    const qPower = q ** (8 * k);
    const coefficients = [
      1,
      k1a + k1b * m2,
      k2a + k2b * m2 + k2c * m2 * m2,
      k3a + k3b * m2 + k3c * m2 * m2 + k3d * m2 * m2 * m2,
    ];
    for (let i = 0; i < 4; i++) terms[i] = (terms[i] ?? 0) * qPower + (coefficients[i] ?? 0);
  }
  const denominators = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let i = 0; i < 4; i++) terms[i] = ((terms[i] ?? 0) * q * SQRT_2PI) / (denominators[i] ?? 1);

  // The sums over all integers k for K2 and K3.
  const qAll = Math.exp(-PI2 / 2 / z2);
  const sqrt3z = Math.sqrt(3) * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k * k;
    const weight = k2 * qAll ** k2;
    const kPi = Math.PI * k;
    k2Extra += weight;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * weight;
  }
  terms[2] = (terms[2] ?? 0) + (k2Extra * PI2 * SQRT_2PI) / (-36 * z2 * z);
  terms[3] = (terms[3] ?? 0) + (k3Extra * PI2 * SQRT_2PI) / (216 * z6);

  let cdf = 0;
  for (let i = 0; i < 4; i++) cdf += (terms[i] ?? 0) / n ** (i / 2);
  return cdf;
}
