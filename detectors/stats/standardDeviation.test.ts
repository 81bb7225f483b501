import { describe, expect, it } from 'vitest';
import { populationStandardDeviation } from './standardDeviation.js';

describe('populationStandardDeviation', () => {
  // Expected: np.std(x) (ddof = 0)
  it.each([
    { name: 'small integers', values: [1, 2, 3, 4], expected: 1.118033988749895 },
    { name: 'constant', values: [7, 7, 7], expected: 0 },
    { name: 'large offset, no cancellation', values: [1e9 + 1, 1e9 + 2, 1e9 + 3], expected: 0.816496580927726 },
    { name: 'decimals', values: [0.1, 0.2, 0.3, 0.4, 0.5], expected: 0.1414213562373095 },
  ])('$name', ({ values, expected }) => {
    expect(populationStandardDeviation(values)).toBeCloseTo(expected, 14);
  });

  it('rejects an empty sample', () => {
    expect(() => populationStandardDeviation([])).toThrow(/empty/);
  });
});
