import { describe, expect, it } from 'vitest';
import { outOfRangeRate } from './outOfRangeRate.js';

describe('outOfRangeRate', () => {
  it.each([
    { name: 'below and above the baseline range', baseline: [1, 5], current: [0, 2, 5, 6], expected: 0.5 },
    { name: 'the range is closed', baseline: [1, 3, 5], current: [1, 5], expected: 0 },
    { name: 'constant baseline', baseline: [7, 7], current: [7, 7.5], expected: 0.5 },
    { name: 'empty current sample', baseline: [1, 2], current: [], expected: 0 },
  ])('$name', ({ baseline, current, expected }) => {
    expect(outOfRangeRate(baseline, current)).toBe(expected);
  });

  it('rejects an empty baseline', () => {
    expect(() => outOfRangeRate([], [1])).toThrow(/baseline is empty/);
  });
});
