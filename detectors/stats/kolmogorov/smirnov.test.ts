import { describe, expect, it } from 'vitest';
import { smirnovSurvival } from './smirnov.js';

describe('smirnovSurvival', () => {
  // Expected: scipy.special.smirnov(n, x) (scipy 1.17)
  it.each([
    { name: 'n = 1', n: 1, x: 0.3, expected: 0.7 },
    { name: 'x = 0', n: 5, x: 0, expected: 1 },
    { name: 'x = 1', n: 5, x: 1, expected: 0 },
    { name: 'x <= 1/n closed form', n: 5, x: 0.1, expected: 0.85359 },
    { name: 'small n, sum', n: 5, x: 0.5, expected: 0.056 },
    { name: 'x >= 1 - 1/n closed form', n: 10, x: 0.95, expected: 9.765625000000086e-14 },
    { name: 'n = 100', n: 100, x: 0.1, expected: 0.1265906584562817 },
    { name: 'n = 1000', n: 1000, x: 0.05, expected: 0.006506037390545166 },
    { name: 'deep tail', n: 1000, x: 0.3, expected: 1.2953578528684224e-80 },
    { name: 'n > 10^6 approximation', n: 2_000_000, x: 0.001, expected: 0.018303432023617325 },
  ])('$name: smirnov($n, $x)', ({ n, x, expected }) => {
    const p = smirnovSurvival(n, x);
    if (expected === 0) expect(p).toBe(0);
    else expect(p / expected).toBeCloseTo(1, 10);
  });

  it('returns NaN outside its domain, as scipy', () => {
    expect(smirnovSurvival(5, 1.5)).toBeNaN();
    expect(smirnovSurvival(0, 0.5)).toBeNaN();
  });
});
