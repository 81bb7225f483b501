import { describe, expect, it } from 'vitest';
import { populationStabilityIndex, PSI_EPSILON } from './psi.js';

describe('populationStabilityIndex', () => {
  // Expected: p, q = (np.where(x == 0, 1e-4, x) for x in (p, q)); np.sum((q - p) * np.log(q / p))
  it.each([
    { name: 'small shift between two bins', p: [0.5, 0.5], q: [0.4, 0.6], expected: 0.04054651081081642 },
    { name: 'an empty baseline bin uses epsilon', p: [0.25, 0.25, 0.5, 0], q: [0.1, 0.2, 0.3, 0.4], expected: 3.567556363176833 },
    { name: 'identical distributions', p: [0.3, 0.7], q: [0.3, 0.7], expected: 0 },
    { name: 'disjoint distributions: epsilon on both sides', p: [1, 0], q: [0, 1], expected: 18.41883867587797 },
  ])('$name', ({ p, q, expected }) => {
    expect(populationStabilityIndex(p, q)).toBeCloseTo(expected, 14);
  });

  it('uses epsilon 1e-4 by default and does not renormalise', () => {
    expect(PSI_EPSILON).toBe(1e-4);
    // p' = [1, 0.01] (the zero replaced, no renormalisation), q' = [0.01, 0.99].
    const expected = (1e-2 - 1) * Math.log(1e-2 / 1) + (0.99 - 1e-2) * Math.log(0.99 / 1e-2);
    expect(populationStabilityIndex([1, 0], [0.01, 0.99], 1e-2)).toBeCloseTo(expected, 14);
  });

  it('rejects bins of different lengths', () => {
    expect(() => populationStabilityIndex([1], [0.5, 0.5])).toThrow(/1 baseline bins but 2 current bins/);
  });
});
