import { describe, expect, it } from 'vitest';
import { pomeranzCdf } from './pomeranz.js';

describe('pomeranzCdf', () => {
  // Expected: scipy.stats._ksstats._kolmogn_Pomeranz(n, x) (scipy 1.17)
  it.each([
    { n: 20, x: 0.3, expected: 0.9569329333414838 },
    { n: 100, x: 0.15, expected: 0.980160757874357 },
    { n: 140, x: 0.1, expected: 0.8864634270990905 },
    { n: 7, x: 0.5, expected: 0.9616082584637349 },
  ])('P(D_$n <= $x)', ({ n, x, expected }) => {
    expect(pomeranzCdf(n, x)).toBeCloseTo(expected, 12);
  });
});
