import { describe, expect, it } from 'vitest';
import { kolmogorovSurvival } from './survival.js';

describe('kolmogorovSurvival', () => {
  // One row per branch of Simard & L'Ecuyer's selection.
  // Expected: scipy.stats.kstwo.sf(x, n) (scipy 1.17), printed with repr.
  it.each([
    { branch: 'x >= 1', n: 10, x: 1, expected: 0 },
    { branch: 'x <= 1/(2n): P = 1', n: 10, x: 0.04, expected: 1 },
    { branch: 'Ruben-Gambino lower end, n <= 140', n: 10, x: 0.08, expected: 0.9999978058034054 },
    { branch: 'Ruben-Gambino lower end, n > 140', n: 200, x: 0.004, expected: 1 },
    { branch: 'Ruben-Gambino upper end, nx >= n - 1', n: 10, x: 0.95, expected: 1.9531250000000172e-13 },
    { branch: 'x >= 0.5: 2 * smirnov', n: 100, x: 0.5, expected: 1.2131434371817858e-23 },
    { branch: 'n <= 140, Durbin matrix', n: 100, x: 0.05, expected: 0.9532159710635725 },
    { branch: 'n <= 140, Pomeranz', n: 100, x: 0.15, expected: 0.019839242125643017 },
    { branch: 'n <= 140, tail: 2 * smirnov', n: 100, x: 0.25, expected: 5.408871776434847e-6 },
    { branch: 'n > 140, nx^2 >= 370: 0', n: 1000, x: 0.7, expected: 0 },
    { branch: 'n > 140, tail: 2 * smirnov', n: 18_750, x: 0.0333, expected: 1.6893370378142235e-18 },
    { branch: 'n > 140, Durbin matrix', n: 1000, x: 0.012, expected: 0.9984464668620097 },
    { branch: 'n > 140, Pelz-Good', n: 1000, x: 0.03, expected: 0.3226902143914636 },
    { branch: 'n > 100000, Pelz-Good', n: 200_000, x: 0.002, expected: 0.39995085369038097 },
    { branch: 'n > 10^6, Smirnov approximation', n: 2_000_000, x: 0.002, expected: 2.247704493692889e-7 },
    { branch: 'doc example', n: 100, x: 0.1, expected: 0.2526927570063874 },
  ])('$branch: kstwo.sf($x, $n)', ({ n, x, expected }) => {
    const p = kolmogorovSurvival(n, x);
    if (expected === 0) expect(p).toBe(0);
    else expect(p / expected).toBeCloseTo(1, 10);
  });

  it('returns NaN for NaN and rejects a sample size that is not a positive integer', () => {
    expect(kolmogorovSurvival(10, Number.NaN)).toBeNaN();
    expect(() => kolmogorovSurvival(0, 0.5)).toThrow(/positive integer, got 0/);
    expect(() => kolmogorovSurvival(2.5, 0.5)).toThrow(RangeError);
  });
});
