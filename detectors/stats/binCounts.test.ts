import { describe, expect, it } from 'vitest';
import { binCounts, binIndex } from './binCounts.js';

describe('binIndex', () => {
  // The bin index is the number of edges strictly below the value: np.searchsorted(edges, v, side='left').
  it.each([
    { name: 'below every edge', value: 0, expected: 0 },
    { name: 'equal to the first edge falls on its left', value: 1, expected: 0 },
    { name: 'between the first two edges', value: 1.5, expected: 1 },
    { name: 'equal to the middle edge', value: 2, expected: 1 },
    { name: 'equal to the last edge', value: 3, expected: 2 },
    { name: 'above every edge', value: 10, expected: 3 },
    { name: '-Infinity', value: -Infinity, expected: 0 },
    { name: '+Infinity', value: Infinity, expected: 3 },
  ])('$name', ({ value, expected }) => {
    expect(binIndex(value, [1, 2, 3])).toBe(expected);
  });
});

describe('binCounts', () => {
  // Expected: np.bincount(np.searchsorted(edges, values, side='left'), minlength=len(edges) + 1)
  it.each([
    { name: 'values on edges go left', values: [0, 1, 1.5, 2, 9], edges: [1, 2], expected: [2, 2, 1] },
    { name: 'negative values', values: [-5, 0, 0.5, 1, 3], edges: [0, 1], expected: [2, 2, 1] },
    { name: 'no edges: one bin', values: [1, 2, 3], edges: [], expected: [3] },
    { name: 'constant baseline edge', values: [7, 7, 8], edges: [7], expected: [2, 1] },
    { name: 'empty sample', values: [], edges: [1], expected: [0, 0] },
  ])('$name', ({ values, edges, expected }) => {
    expect(binCounts(values, edges)).toEqual(expected);
  });

  it('counts a million values (Float64Array) into every bin', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => i % 10);
    expect(binCounts(values, [0.5, 4.5, 8.5])).toEqual([100_000, 400_000, 400_000, 100_000]);
  });
});
