/** log(2^-1075): exp of anything smaller is 0 in double precision (cephes MINLOG). */
const MIN_LOG = -745.1332191019412;
/** Above this n, scipy switches to an approximation rather than summing n terms. */
const MAX_COMPUTE_N = 1_000_000;

/**
 * P(D+_n >= x): survival function of the one-sided one-sample Kolmogorov-Smirnov statistic
 * D+_n = sup (F_n - F), as `scipy.special.smirnov(n, x)`. Unitless probability in [0, 1].
 *
 * Uses the Smirnov (1944) / Birnbaum & Tingey (1951) sum
 *   P(D+_n >= x) = x * sum_{v=0}^{floor(n(1-x))} C(n,v) (x + v/n)^(v-1) (1 - x - v/n)^(n-v),
 * whose terms are all positive, evaluated in log space. scipy's cephes/xsf `_smirnov`
 * (van Mulbregt, arXiv:1802.06966) evaluates the same sum in double-double arithmetic and
 * switches to the upper sum for tiny x, where only the CDF would lose accuracy; the survival
 * function needed by the Kolmogorov distribution is accurate to ~1e-10 relative here.
 *
 * @example smirnovSurvival(5, 0.5) // 0.056, scipy.special.smirnov(5, 0.5)
 */
export function smirnovSurvival(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloor, fraction: alpha } = splitProduct(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) return 1 - x * (1 + x) ** (n - 1);
  if (-2 * n * x * x < MIN_LOG) return 0;
  if (nxFloor >= n - 1) return (1 - x) ** n;
  if (n > MAX_COMPUTE_N) {
    // p ~ exp(-(6nx + 1)^2 / 18n), as scipy does for very large n.
    const logP = -((6 * n * x + 1) ** 2) / 18 / n;
    return logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP);
  }
  return lowerSum(n, x, nxFloor, alpha);
}

function lowerSum(n: number, x: number, nxFloor: number, alpha: number): number {
  const termCount = n - nxFloor; // v = 0 .. n - floor(nx) - 1; the next term is 0 or excluded
  const logX = Math.log(x);
  // log C(n, v), accumulated with Kahan compensation: n can be 10^6 terms.
  let logBinomial = 0;
  let logBinomialCarry = 0;
  let sum = 0;
  for (let v = 0; v < termCount; v++) {
    // x + v/n and 1 - x - v/n, from the exact split n x = nxFloor + alpha.
    const left = (nxFloor + v + alpha) / n;
    const right = (n - nxFloor - v - alpha) / n;
    const term = Math.exp(logX + logBinomial + (v - 1) * Math.log(left) + (n - v) * Math.log(right));
    sum += term;
    // Stop once the remaining terms cannot change the sum (scipy's criterion).
    if (term !== 0 && 4 * (termCount - v) * term < Number.EPSILON * sum && v !== termCount - 1) break;
    if (term === 0 && v > n / 2) break;
    const step = Math.log((n - v) / (v + 1)) - logBinomialCarry;
    const next = logBinomial + step;
    logBinomialCarry = next - logBinomial - step;
    logBinomial = next;
  }
  return Math.min(Math.max(sum, 0), 1);
}

/** floor(n x) and n x - floor(n x), with the product's rounding error recovered (Dekker). */
function splitProduct(n: number, x: number): { floor: number; fraction: number } {
  const product = n * x;
  const error = productError(n, x, product);
  let floor = Math.floor(product);
  let fraction = product - floor + error;
  if (fraction < 0) {
    floor -= 1;
    fraction += 1;
  }
  if (fraction >= 1) {
    floor += 1;
    fraction -= 1;
  }
  return { floor, fraction };
}

const SPLITTER = 134217729; // 2^27 + 1

function productError(a: number, b: number, product: number): number {
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}

function split(a: number): [number, number] {
  const c = SPLITTER * a;
  const high = c - (c - a);
  return [high, a - high];
}
