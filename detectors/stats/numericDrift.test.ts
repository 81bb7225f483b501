import { describe, expect, it } from 'vitest';
import { benjaminiHochberg } from './benjaminiHochberg.js';
import { categoricalDrift } from './categoricalDrift.js';
import { numericDrift } from './numericDrift.js';
import { driftVerdict } from './verdict.js';

describe('numericDrift', () => {
  it('computes every statistic of a small feature', () => {
    // Expected values: numpy 2.4 / scipy 1.17 on b = [1,2,2,3,3,3,4,4,5,10], c = [2,3,3,4,5,6,7,12] with B = 5:
    // edges = np.unique(np.quantile(b, np.arange(1, 5) / 5)); counts = np.bincount(np.searchsorted(edges, x, 'left'))
    // psi as STATISTICS.md; jensenshannon(p, q, base=2); ks_2samp(b, c); wasserstein_distance(b, c) / np.std(b)
    const result = numericDrift([1, 2, 2, 3, 3, 3, 4, 4, 5, 10, null], [2, 3, 3, 4, 5, 6, 7, 12, Number.NaN, null], { bins: 5 });
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.edges).toEqual([2, 3, 3.3999999999999995, 4.2]);
    expect(result.baselineCounts).toEqual([3, 3, 0, 2, 2]);
    expect(result.currentCounts).toEqual([1, 2, 0, 1, 4]);
    expect(result.psi).toBeCloseTo(0.4724605986323069, 14);
    expect(result.jsDistance).toBeCloseTo(0.2874501206313632, 14);
    expect(result.ksStatistic).toBeCloseTo(0.3, 14);
    expect(result.ksPValue).toBeCloseTo(0.7227478403948991, 14);
    expect(result.wasserstein).toBeCloseTo(1.55, 14);
    expect(result.wassersteinNormed).toBeCloseTo(0.654410512927161, 14);
    expect(result.baselineMissingRate).toBeCloseTo(1 / 11, 15);
    expect(result.currentMissingRate).toBeCloseTo(2 / 10, 15);
    expect(result.outOfRangeRate).toBe(1 / 8); // 12 > max baseline 10
    expect([result.baselineSampleSize, result.currentSampleSize]).toEqual([10, 8]);
  });

  it('gives a constant baseline one edge, two bins and no normed Wasserstein', () => {
    const result = numericDrift([7, 7, 7, 7], [7, 8]);
    expect(result).toMatchObject({ status: 'ok', edges: [7], baselineCounts: [4, 0], currentCounts: [1, 1], wassersteinNormed: null });
  });

  it('reports insufficient_data, with the missing rates, when the current window has only missing values', () => {
    expect(numericDrift([1, 2, 3], [null, Number.NaN])).toEqual({
      status: 'insufficient_data',
      reason: 'the current window has no non-missing values',
      baselineSampleSize: 3,
      currentSampleSize: 0,
      baselineMissingRate: 0,
      currentMissingRate: 1,
    });
  });

  it('reports insufficient_data for an empty baseline instead of throwing', () => {
    expect(numericDrift([], [1, 2])).toMatchObject({
      status: 'insufficient_data',
      reason: 'the baseline has no non-missing values',
      baselineMissingRate: null,
    });
  });

  it('does not modify its input and accepts Float64Array', () => {
    const current = Float64Array.from([3, 1, 2]);
    numericDrift(Float64Array.from([2, 1]), current);
    expect([...current]).toEqual([3, 1, 2]);
  });

  it('handles a million values per sample', () => {
    const baseline = Float64Array.from({ length: 1_000_000 }, (_, i) => (i * 7919) % 1_000_003);
    const current = Float64Array.from({ length: 1_000_000 }, (_, i) => ((i * 7919) % 1_000_003) + 5_000);
    const result = numericDrift(baseline, current);
    if (result.status !== 'ok') throw new Error(result.reason);
    expect(result.currentCounts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
    expect(result.ksStatistic).toBeGreaterThan(0.004);
  });
});

describe('a model with an age and a plan feature', () => {
  it('flags age, whose distribution moved, and not plan, which kept its mix', () => {
    // Given a baseline of 1000 customers aged 20..69 and plans in a 3:1 mix,
    const baselineAge = Array.from({ length: 1000 }, (_, i) => 20 + (i % 50));
    const baselinePlan = Array.from({ length: 1000 }, (_, i) => (i % 4 === 0 ? 'pro' : 'free'));
    // when 400 predictions arrive for customers ten years older with the same plan mix,
    const currentAge = Array.from({ length: 400 }, (_, i) => 30 + (i % 50));
    const currentPlan = Array.from({ length: 400 }, (_, i) => (i % 4 === 1 ? 'pro' : 'free'));
    const age = numericDrift(baselineAge, currentAge);
    const plan = categoricalDrift(baselinePlan, currentPlan);
    if (age.status !== 'ok' || plan.status !== 'ok') throw new Error('expected statistics');
    const [ageAdjusted = 1, planAdjusted = 1] = benjaminiHochberg([age.ksPValue, plan.chi2PValue]);

    // then age drifts and plan does not.
    expect(driftVerdict({ ...age, adjustedPValue: ageAdjusted })).toBe('drift');
    expect(driftVerdict({ ...plan, adjustedPValue: planAdjusted })).toBe('no_drift');
  });
});
