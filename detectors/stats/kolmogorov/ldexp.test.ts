import { describe, expect, it } from 'vitest';
import { ldexp } from './ldexp.js';

describe('ldexp', () => {
  // Expected: math.ldexp(x, e)
  it.each([
    { x: 0.75, e: 2, expected: 3 },
    { x: 1, e: -3, expected: 0.125 },
    { x: 2 ** 1000, e: -1500, expected: 2 ** -500 },
    { x: 2 ** -1000, e: 1500, expected: 2 ** 500 },
    { x: 0, e: 5000, expected: 0 },
  ])('ldexp($x, $e)', ({ x, e, expected }) => {
    expect(ldexp(x, e)).toBe(expected);
  });
});
