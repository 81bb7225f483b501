import { describe, expect, it } from 'vitest';
import { proportions } from './proportions.js';

describe('proportions', () => {
  it.each([
    { name: 'counts to shares', counts: [1, 3], expected: [0.25, 0.75] },
    { name: 'an empty bin stays 0 (PSI smooths it later)', counts: [0, 2, 2], expected: [0, 0.5, 0.5] },
    { name: 'an empty sample is all zeros', counts: [0, 0], expected: [0, 0] },
    { name: 'no bins', counts: [], expected: [] },
  ])('$name', ({ counts, expected }) => {
    expect(proportions(counts)).toEqual(expected);
  });
});
