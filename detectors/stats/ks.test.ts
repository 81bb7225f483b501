import { describe, expect, it } from 'vitest';
import { ksPValue, ksStatisticSorted, ksTest, ksTestSorted, MAX_AUTO_N } from './ks.js';

describe('ksTest', () => {
  // Expected: r = scipy.stats.ks_2samp(baseline, current, method='auto'); (r.statistic, r.pvalue) (scipy 1.17)
  it.each([
    { name: 'small samples, exact', baseline: [1, 2, 3], current: [2, 4, 5, 6], d: 0.75, p: 0.22857142857142862 },
    { name: 'unsorted input', baseline: [3, 1, 2], current: [6, 2, 5, 4], d: 0.75, p: 0.22857142857142862 },
    {
      name: 'interleaved values',
      baseline: [0.1, 0.4, 0.7, 0.9, 1.3],
      current: [0.2, 0.5, 0.55, 1.1, 1.2, 1.5, 1.7],
      d: 0.37142857142857144,
      p: 0.7373737373737375,
    },
    { name: 'ties across samples', baseline: [1, 1, 2, 2, 3, 3], current: [1, 2, 2, 3, 3, 3, 4], d: 0.23809523809523808, p: 0.9627039627039627 },
    { name: 'all values equal', baseline: [5, 5, 5], current: [5, 5], d: 0, p: 1 },
    { name: 'equal sizes use the reflection formula', baseline: range(10, 0), current: range(10, 5), d: 0.5, p: 0.16782134274394334 },
    { name: 'fully separated samples', baseline: [1, 2], current: [3, 4], d: 1, p: 0.3333333333333333 },
  ])('$name', ({ baseline, current, d, p }) => {
    const result = ksTest(baseline, current);
    expect(result.ksStatistic).toBeCloseTo(d, 14);
    expect(result.ksPValue).toBeCloseTo(p, 13);
  });

  // Above MAX_AUTO_N values scipy uses kstwo.sf(D, round(n1 n2 / (n1 + n2))).
  it.each([
    {
      // a = np.arange(12000) / 12000; b = np.arange(3000) / 3000 + 0.03; ks_2samp(a, b): Pelz-Good region
      name: '12000 vs 3000 values shifted by 0.03',
      baseline: range(12_000, 0).map((v) => v / 12_000),
      current: range(3_000, 0).map((v) => v / 3_000 + 0.03),
      d: 0.03008333333333335,
      p: 0.02544031689580528,
    },
    {
      // a = np.arange(10001) / 10001; b = np.arange(50) / 50 * 0.8; ks_2samp(a, b): n = 50, Pomeranz region
      name: '10001 vs 50 values, current squeezed',
      baseline: range(10_001, 0).map((v) => v / 10_001),
      current: range(50, 0).map((v) => (v / 50) * 0.8),
      d: 0.21597840215978403,
      p: 0.01583394542067229,
    },
    {
      // a = np.arange(20000) / 20000; b = (np.arange(15000) / 15000) ** 1.02; ks_2samp(a, b)
      name: '20000 vs 15000 values, mild curvature',
      baseline: range(20_000, 0).map((v) => v / 20_000),
      current: range(15_000, 0).map((v) => (v / 15_000) ** 1.02),
      d: 0.007350000000000023,
      p: 0.7405433507896015,
    },
  ])('asymptotic: $name', ({ baseline, current, d, p }) => {
    const result = ksTest(baseline, current);
    expect(result.ksStatistic).toBeCloseTo(d, 12);
    expect(result.ksPValue / p).toBeCloseTo(1, 8);
  });

  it('gives the same answer from sorted arrays, as ClickHouse returns them', () => {
    const baseline = Float64Array.from([0.1, 0.4, 0.7, 0.9, 1.3]);
    const current = Float64Array.from([0.2, 0.5, 0.55, 1.1, 1.2, 1.5, 1.7]);
    expect(ksTestSorted(baseline, current)).toEqual(ksTest([1.3, 0.1, 0.9, 0.4, 0.7], [...current].reverse()));
  });
});

describe('ksStatisticSorted', () => {
  it('is symmetric and rejects empty samples', () => {
    expect(ksStatisticSorted([1, 2, 3], [2, 4, 5, 6])).toBe(ksStatisticSorted([2, 4, 5, 6], [1, 2, 3]));
    expect(() => ksStatisticSorted([], [1])).toThrow(/non-empty/);
  });
});

describe('ksPValue', () => {
  it('switches from exact to asymptotic above MAX_AUTO_N, as scipy', () => {
    expect(MAX_AUTO_N).toBe(10_000);
    // scipy.stats._stats_py._attempt_exact_2kssamp(20, 30, 10, 0.5, 'two-sided')[2]
    expect(ksPValue(0.5, 20, 30)).toBeCloseTo(0.003356115391389148, 15);
    // scipy.stats.kstwo.sf(0.0333, round(50000 * 30000 / 80000)) = kstwo.sf(0.0333, 18750)
    expect(ksPValue(0.0333, 50_000, 30_000) / 1.6893370378142235e-18).toBeCloseTo(1, 9);
  });
});

function range(length: number, start: number): number[] {
  return Array.from({ length }, (_, i) => start + i);
}
