import { describe, expect, it } from 'vitest';
import { dedupeEdges, quantileLevels } from './baselineProfile';

describe('dedupeEdges', () => {
  it.each([
    { name: 'distinct quantiles stay', quantiles: [1, 2, 3], edges: [1, 2, 3] },
    { name: 'ties of a discrete feature collapse', quantiles: [1, 1, 2, 2, 3, 4, 4, 5, 5], edges: [1, 2, 3, 4, 5] },
    { name: 'a constant baseline gives one edge', quantiles: [7, 7, 7, 7, 7, 7, 7, 7, 7], edges: [7] },
    { name: 'no values, no edges', quantiles: [], edges: [] },
  ])('$name', ({ quantiles, edges }) => {
    expect(dedupeEdges(quantiles)).toEqual(edges);
  });
});

describe('quantileLevels', () => {
  it('gives k/10 for ten bins, written as the exact decimal of each double', () => {
    expect(quantileLevels(10)).toBe('0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9');
  });

  it('refuses a bin count that is not a small integer', () => {
    expect(() => quantileLevels(1)).toThrow(RangeError);
    expect(() => quantileLevels(2.5)).toThrow(RangeError);
  });
});
