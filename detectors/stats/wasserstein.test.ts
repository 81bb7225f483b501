import { describe, expect, it } from 'vitest';
import { normedWasserstein, wassersteinDistance, wassersteinDistanceSorted } from './wasserstein.js';

describe('wassersteinDistance', () => {
  // Expected: scipy.stats.wasserstein_distance(a, b) (scipy 1.17)
  it.each([
    { name: 'scipy docstring example', a: [0, 1, 3], b: [5, 6, 8], expected: 5 },
    { name: 'unsorted input', a: [3, 0, 1], b: [8, 5, 6], expected: 5 },
    { name: 'identical samples', a: [1, 2, 3], b: [1, 2, 3], expected: 0 },
    { name: 'ties and an outlier', a: [0, 0, 0, 10], b: [0, 5], expected: 2.5 },
    { name: 'one value each', a: [1.5], b: [4], expected: 2.5 },
    { name: 'negative values and ties across samples', a: [-1, 0.5, 2, 2, 3], b: [0, 2, 2.5], expected: 0.5333333333333334 },
  ])('$name', ({ a, b, expected }) => {
    expect(wassersteinDistance(a, b)).toBeCloseTo(expected, 14);
    expect(wassersteinDistance(b, a)).toBeCloseTo(expected, 14);
  });

  it('works on sorted Float64Arrays and rejects empty samples', () => {
    expect(wassersteinDistanceSorted(Float64Array.from([0, 1, 3]), Float64Array.from([5, 6, 8]))).toBe(5);
    expect(() => wassersteinDistanceSorted([], [1])).toThrow(/non-empty/);
  });
});

describe('normedWasserstein', () => {
  it.each([
    { name: 'in baseline standard deviations', distance: 0.5, std: 2, expected: 0.25 },
    { name: 'null for a constant baseline', distance: 0.4, std: 0, expected: null },
  ])('$name', ({ distance, std, expected }) => {
    expect(normedWasserstein(distance, std)).toBe(expected);
  });
});
