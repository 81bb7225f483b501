import { describe, expect, it } from 'vitest';
import { applicant, BATCH, isCanaryRow, NEW_CATEGORY, seededRandom } from './traffic';

/** One hour of applicants, the rows production serves while the canary takes 10 %, or all. */
function hour(drifted: boolean, rows: (i: number) => boolean = () => true) {
  const random = seededRandom(1);
  return Array.from({ length: BATCH }, (_, i) => ({ i, a: applicant(random, i, drifted) })).filter(({ i }) => rows(i)).map(({ a }) => a);
}
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;
const shares = (values: (number | string)[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
  return Object.fromEntries([...counts].sort().map(([k, n]) => [k, n / values.length]));
};

describe('the simulated applicants', () => {
  it('cover each distribution evenly every hour: production\'s 90 % has the mix of the whole hour', () => {
    const all = hour(false);
    const production = hour(false, (i) => !isCanaryRow(i));
    expect(production).toHaveLength(BATCH * 0.9);
    for (const feature of ['employment', 'channel']) expect(shares(production.map((a) => a[feature]!))).toEqual(shares(all.map((a) => a[feature]!)));
    for (const feature of ['age', 'income', 'loan_amount']) {
      const whole = mean(all.map((a) => Number(a[feature])));
      expect(Math.abs(mean(production.map((a) => Number(a[feature]))) - whole) / whole, feature).toBeLessThan(0.01);
    }
    expect(shares(all.map((a) => a.channel!))).toEqual({ branch: 1 / 3, broker: 1 / 3, web: 1 / 3 });
  });

  it('drift moves income down by about a standard deviation and brings 30 % of a new channel, nothing else', () => {
    const before = hour(false);
    const after = hour(true);
    expect(mean(before.map((a) => Number(a.income))) - mean(after.map((a) => Number(a.income)))).toBeGreaterThan(14);
    expect(shares(after.map((a) => a.channel!))[NEW_CATEGORY]).toBeCloseTo(0.3, 9);
    for (const feature of ['age', 'loan_amount', 'term_months', 'employment']) {
      expect(shares(after.map((a) => a[feature]!)), feature).toEqual(shares(before.map((a) => a[feature]!)));
    }
  });
});
