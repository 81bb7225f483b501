import { describe, expect, it } from 'vitest';
import { jensenShannonDistance } from './jensenShannon.js';

describe('jensenShannonDistance', () => {
  // Expected: scipy.spatial.distance.jensenshannon(p, q, base=2) (scipy 1.17)
  it.each([
    { name: 'small shift', p: [0.5, 0.5], q: [0.4, 0.6], expected: 0.08543510262458807 },
    { name: 'disjoint supports are at distance 1', p: [1, 0], q: [0, 1], expected: 1 },
    { name: 'identical distributions', p: [0.2, 0.3, 0.5], q: [0.2, 0.3, 0.5], expected: 0 },
    { name: 'an empty bin is not smoothed', p: [0.25, 0.25, 0.5, 0], q: [0.1, 0.2, 0.3, 0.4], expected: 0.4941540102713461 },
    { name: 'counts are normalised first', p: [3, 1], q: [1, 1], expected: 0.22089576884901735 },
  ])('$name', ({ p, q, expected }) => {
    expect(jensenShannonDistance(p, q)).toBeCloseTo(expected, 14);
  });

  it('rejects distributions of different lengths', () => {
    expect(() => jensenShannonDistance([1], [0.5, 0.5])).toThrow(/lengths differ/);
  });
});
