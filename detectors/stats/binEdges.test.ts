import { describe, expect, it } from 'vitest';
import { binEdgesSorted } from './binEdges.js';

describe('binEdgesSorted', () => {
  // Expected: np.unique(np.quantile(baseline, np.arange(1, B) / B)).tolist()
  it.each([
    { name: 'quartiles of 1..5', baseline: [1, 2, 3, 4, 5], bins: 4, expected: [2, 3, 4] },
    { name: 'ties in the baseline drop duplicate edges', baseline: [1, 1, 1, 1, 2, 2, 3, 9], bins: 4, expected: [1, 1.5, 2.25] },
    { name: 'a constant baseline gives one edge and two bins', baseline: [7, 7, 7], bins: 10, expected: [7] },
    { name: 'one bin has no interior edges', baseline: [1, 2, 3, 4, 5], bins: 1, expected: [] },
    { name: 'deciles of 0..10', baseline: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], bins: 10, expected: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
  ])('$name', ({ baseline, bins, expected }) => {
    expect(binEdgesSorted(baseline, bins)).toEqual(expected);
  });

  it('uses 10 bins by default (STATISTICS.md)', () => {
    expect(binEdgesSorted([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toHaveLength(9);
  });

  it('rejects a bin count that is not a positive integer', () => {
    expect(() => binEdgesSorted([1, 2], 0)).toThrow(/bins must be a positive integer, got 0/);
    expect(() => binEdgesSorted([1, 2], 2.5)).toThrow(RangeError);
  });
});
