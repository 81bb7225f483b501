import { describe, expect, it } from 'vitest';
import { pelzGoodCdf } from './pelzGood.js';

describe('pelzGoodCdf', () => {
  // Expected: scipy.stats._ksstats._kolmogn_PelzGood(n, x) (scipy 1.17)
  it.each([
    { n: 1000, x: 0.03, expected: 0.6773097856085364 },
    { n: 200_000, x: 0.002, expected: 0.600049146309619 },
    { n: 500, x: 0.05, expected: 0.8413373977618461 },
    { n: 1000, x: 0, expected: 0 },
  ])('P(D_$n <= $x)', ({ n, x, expected }) => {
    expect(pelzGoodCdf(n, x)).toBeCloseTo(expected, 13);
  });
});
