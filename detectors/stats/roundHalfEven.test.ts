import { describe, expect, it } from 'vitest';
import { roundHalfEven } from './roundHalfEven.js';

describe('roundHalfEven', () => {
  // Expected: np.round(x)
  it.each([
    [0.5, 0],
    [1.5, 2],
    [2.5, 2],
    [-1.5, -2],
    [2.4999, 2],
    [2.5001, 3],
    [7, 7],
  ])('np.round(%d) = %d', (x, expected) => {
    expect(roundHalfEven(x)).toBe(expected);
  });
});
