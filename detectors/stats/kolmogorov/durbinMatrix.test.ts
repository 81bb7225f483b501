import { describe, expect, it } from 'vitest';
import { durbinMatrixCdf } from './durbinMatrix.js';

describe('durbinMatrixCdf', () => {
  // Expected: scipy.stats._ksstats._kolmogn_DMTW(n, x) (scipy 1.17)
  it.each([
    { n: 10, x: 0.2, expected: 0.25128096000000005 },
    { n: 100, x: 0.05, expected: 0.0467840289364275 },
    { n: 1000, x: 0.012, expected: 0.0015535331379903396 },
    { n: 5, x: 0.05, expected: 0 },
    { n: 3, x: 1, expected: 1 },
  ])('P(D_$n <= $x)', ({ n, x, expected }) => {
    const p = durbinMatrixCdf(n, x);
    if (expected === 0) expect(p).toBe(0);
    else expect(p / expected).toBeCloseTo(1, 11);
  });
});
