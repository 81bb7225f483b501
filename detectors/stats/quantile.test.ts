import { describe, expect, it } from 'vitest';
import { quantileSorted } from './quantile.js';

describe('quantileSorted', () => {
  // Expected values are np.quantile(sample, q) (numpy 2.4, default method "linear"), printed with repr.
  it.each([
    { name: 'median of an even sample', sample: [1, 2, 3, 4], q: 0.5, expected: 2.5 }, // np.quantile([1, 2, 3, 4], 0.5)
    { name: 'lower quartile', sample: [1, 2, 3, 4], q: 0.25, expected: 1.75 }, // np.quantile([1, 2, 3, 4], 0.25)
    { name: 'interpolation below one half', sample: [1, 2, 3, 4], q: 0.7, expected: 3.0999999999999996 }, // np.quantile([1, 2, 3, 4], 0.7)
    { name: 'numpy interpolates from the upper end when gamma >= 0.5', sample: [4.703, 13.068], q: 0.9, expected: 12.2315 }, // np.quantile([4.703, 13.068], 0.9)
    { name: 'same, another pair', sample: [2.324, 5.692], q: 0.6, expected: 4.3448 }, // np.quantile([2.324, 5.692], 0.6)
    { name: 'q = 0 is the minimum', sample: [1, 2, 3, 4], q: 0, expected: 1 }, // np.quantile([1, 2, 3, 4], 0)
    { name: 'q = 1 is the maximum', sample: [1, 2, 3, 4], q: 1, expected: 4 }, // np.quantile([1, 2, 3, 4], 1)
    { name: 'a single value', sample: [3], q: 0.9, expected: 3 }, // np.quantile([3], 0.9)
    { name: 'fractional values', sample: [0.1, 0.2, 0.7], q: 0.3, expected: 0.16 }, // np.quantile([0.1, 0.2, 0.7], 0.3)
  ])('$name', ({ sample, q, expected }) => {
    expect(quantileSorted(sample, q)).toBe(expected);
  });

  it('rejects an empty sample and q outside [0, 1] as programmer errors', () => {
    expect(() => quantileSorted([], 0.5)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], 1.5)).toThrow(/q must be in \[0, 1\], got 1.5/);
    expect(() => quantileSorted([1, 2], Number.NaN)).toThrow(RangeError);
  });
});
