import { describe, expect, it } from 'vitest';
import { CompensatedSum } from './compensatedSum.js';

function sum(values: number[]): number {
  const total = new CompensatedSum();
  for (const value of values) total.add(value);
  return total.value;
}

describe('CompensatedSum', () => {
  // Expected: math.fsum(values), the correctly rounded sum.
  it.each([
    { name: 'a small term between large ones survives', values: [1e16, 1, -1e16], expected: 1 },
    { name: 'ten tenths are exactly one (naive: 0.9999999999999999)', values: Array<number>(10).fill(0.1), expected: 1 },
    { name: 'empty', values: [], expected: 0 },
  ])('$name', ({ values, expected }) => {
    expect(sum(values)).toBe(expected);
  });
});
