import { describe, expect, it } from 'vitest';
import { newCategoryRate } from './newCategoryRate.js';

describe('newCategoryRate', () => {
  it.each([
    { name: 'one value in four is new', baseline: [5, 0], current: [3, 1], expected: 0.25 },
    { name: 'nothing new', baseline: [5, 2], current: [3, 1], expected: 0 },
    { name: 'a vanished category is not new', baseline: [5, 2], current: [0, 4], expected: 0 },
    { name: 'the reference case: 103 purple in 1000', baseline: [276, 588, 913, 0, 1223], current: [103, 196, 237, 103, 361], expected: 0.103 },
    { name: 'an empty current sample', baseline: [1], current: [0], expected: 0 },
  ])('$name', ({ baseline, current, expected }) => {
    expect(newCategoryRate(baseline, current)).toBe(expected);
  });

  it('rejects counts of different lengths', () => {
    expect(() => newCategoryRate([1], [1, 2])).toThrow(/1 baseline categories but 2 current/);
  });
});
