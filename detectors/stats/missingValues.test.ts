import { describe, expect, it } from 'vitest';
import { missingRate, splitMissingCategories, splitMissingNumbers } from './missingValues.js';

describe('splitMissingNumbers', () => {
  it('removes null, undefined and NaN and counts them; keeps infinities and zeros', () => {
    const split = splitMissingNumbers([1, null, Number.NaN, undefined, 0, -Infinity]);
    expect([...split.values]).toEqual([1, 0, -Infinity]);
    expect(split.missingCount).toBe(3);
  });

  it('returns a Float64Array even when nothing is missing', () => {
    const split = splitMissingNumbers([3, 1, 2]);
    expect(split.values).toBeInstanceOf(Float64Array);
    expect(split.missingCount).toBe(0);
  });
});

describe('splitMissingCategories', () => {
  it('removes null and undefined; the empty string is a category', () => {
    expect(splitMissingCategories(['a', null, '', undefined, 'b'])).toEqual({ values: ['a', '', 'b'], missingCount: 2 });
  });
});

describe('missingRate', () => {
  it.each([
    { name: 'one in four', values: ['a', 'b', 'c'], missingCount: 1, expected: 0.25 },
    { name: 'none missing', values: ['a'], missingCount: 0, expected: 0 },
    { name: 'all missing', values: [], missingCount: 3, expected: 1 },
    { name: 'an empty sample has no rate', values: [], missingCount: 0, expected: null },
  ])('$name', ({ values, missingCount, expected }) => {
    expect(missingRate({ values, missingCount })).toBe(expected);
  });
});
