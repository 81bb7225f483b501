/**
 * x * 2^exponent without overflowing an intermediate power of two, for the scaled
 * recursions of the Kolmogorov distribution (their exponents can exceed +-1023).
 *
 * @example ldexp(0.75, 2) // 3
 */
export function ldexp(x: number, exponent: number): number {
  let result = x;
  let remaining = exponent;
  while (remaining > 1000) {
    result *= 2 ** 1000;
    remaining -= 1000;
  }
  while (remaining < -1000) {
    result *= 2 ** -1000;
    remaining += 1000;
  }
  return result * 2 ** remaining;
}

/** 2^128 and 2^-128: the rescaling step used by scipy's `_ksstats.py`. */
export const SCALE_UP = 2 ** 128;
export const SCALE_DOWN = 2 ** -128;
export const SCALE_EXPONENT = 128;
