import { describe, expect, it } from 'vitest';
import { categoryCounts } from './categoryCounts.js';

describe('categoryCounts', () => {
  it('counts both samples over the sorted union of their categories', () => {
    expect(categoryCounts(['red', 'red', 'blue', 'green', 'green', 'green'], ['red', 'blue', 'blue', 'purple'])).toEqual({
      categories: ['blue', 'green', 'purple', 'red'],
      baselineCounts: [1, 3, 0, 2],
      currentCounts: [2, 0, 1, 1],
    });
  });

  it('sorts like np.unique: by code point, upper case before lower case', () => {
    expect(categoryCounts(['b', 'B', 'a'], ['']).categories).toEqual(['', 'B', 'a', 'b']);
  });

  it('handles empty samples', () => {
    expect(categoryCounts([], [])).toEqual({ categories: [], baselineCounts: [], currentCounts: [] });
  });
});
