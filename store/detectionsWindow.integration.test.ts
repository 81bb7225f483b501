import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binCounts, ksStatisticSorted, wassersteinDistance } from '../detectors/stats/index';
import { tempDataDir } from '../test/support/server';
import { openStore, type Store } from './clickhouse';
import { WindowAggregates, type NumericAggregate, type NumericFeatureInput } from './detectionsWindow';
import { migrate } from './migrations';

/**
 * The SQL side of the numeric statistics on embedded ClickHouse, against the pure functions of
 * detectors/stats (themselves checked against scipy's reference cases) over the same values:
 * negative and positive values, ties within and across the samples, -0 beside 0, values equal
 * to the edges and to the baseline's range, values outside it, missing and NaN values. The
 * same answers must come whether all features go in one query or one feature per query.
 */
const data = tempDataDir();
let store: Store;
const WINDOW = { project: 'p', model: 'm', version: '1', startMs: Date.parse('2026-11-01T00:00:00Z'), endMs: Date.parse('2026-11-01T01:00:00Z') };
const BASELINE_ID = 'bl_test';

/** A deterministic generator, so a failure can be replayed. */
function lcg(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** Each feature's baseline and window values; null is missing. */
const random = lcg(7);
const samples: Record<string, { baseline: (number | null)[]; current: (number | null)[] }> = {
  // continuous, the window shifted
  shifted: { baseline: Array.from({ length: 400 }, () => random() * 4 - 2), current: Array.from({ length: 700 }, () => random() * 4 - 1.5) },
  // few distinct values: ties everywhere, within and across the samples, -0 and 0
  ties: { baseline: Array.from({ length: 300 }, (_, i) => [-1, -0, 0, 1, 2][i % 5] ?? 0), current: Array.from({ length: 500 }, (_, i) => [-1, 0, 0, 2, 2, 3][i % 6] ?? 0) },
  // large magnitudes of both signs, missing values, and values outside the baseline's range
  wide: {
    baseline: Array.from({ length: 250 }, (_, i) => (i % 10 === 0 ? null : (random() - 0.5) * 1e9)),
    current: Array.from({ length: 350 }, (_, i) => (i % 7 === 0 ? null : (random() - 0.3) * 2e9)),
  },
  // the window has no values at all
  empty: { baseline: [1, 2, 3], current: [null, null] },
};

const PREDICTION = '__prediction';
const present = (values: (number | null)[]) => values.filter((v): v is number => v !== null);
const sorted = (values: number[]) => Float64Array.from(values).sort();

/** Edges as the profile would have them: inner quantiles of the baseline, some equal to values. */
function inputFor(feature: string): NumericFeatureInput {
  const values = sorted(present(samples[feature === PREDICTION ? 'shifted' : feature]?.baseline ?? []));
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))] ?? 0;
  return { feature, edges: [...new Set([at(0.1), at(0.25), at(0.5), at(0.75), at(0.9)])], min: values[0] ?? 0, max: values[values.length - 1] ?? 0 };
}

beforeAll(async () => {
  store = await openStore({ database: 'vigil', dataDir: data.dir });
  await migrate(store);
  await store.insert(
    'test.baseline',
    'baseline_values',
    [...Object.entries(samples), [PREDICTION, samples.shifted] as const].flatMap(([feature, s]) => (s?.baseline ?? []).map((num) => ({ project: 'p', model: 'm', baseline_id: BASELINE_ID, feature, num, cat: null }))),
  );
  const rows = Math.max(...Object.values(samples).map((s) => s.current.length));
  await store.insert(
    'test.window',
    'predictions',
    Array.from({ length: rows }, (_, i) => ({
      project: 'p',
      model: 'm',
      version: '1',
      id: `r${i}`,
      timestamp: WINDOW.startMs + i,
      received_at: WINDOW.startMs + i,
      num_features: Object.fromEntries(Object.entries(samples).flatMap(([feature, s]) => (i < s.current.length ? [[feature, s.current[i] ?? null]] : []))),
      cat_features: {},
      // the model's output: the shifted feature's values again
      prediction_num: samples.shifted?.current[i] ?? null,
      prediction_cat: null,
      scores: {},
      latency_ms: null,
      source: 'test',
    })),
  );
  // A NaN in the window is not a value (JSON cannot carry it, so it is made in SQL).
  await store.command('test.nan', `INSERT INTO predictions (project, model, version, id, timestamp, received_at, num_features, source) VALUES ('p', 'm', '1', 'nan', fromUnixTimestamp64Milli({at:Int64}, 'UTC'), now64(3), map('shifted', nan), 'test')`, { at: WINDOW.startMs + 5 });
}, 60_000);

afterAll(async () => {
  await store?.close();
  data.remove();
});

function expected(feature: string) {
  const input = inputFor(feature);
  const sample = samples[feature === PREDICTION ? 'shifted' : feature];
  const baseline = present(sample?.baseline ?? []);
  const current = present(sample?.current ?? []);
  return {
    baselineCount: baseline.length,
    currentCount: current.length,
    baselineCounts: binCounts(baseline, input.edges),
    currentCounts: binCounts(current, input.edges),
    outOfRangeCount: current.filter((v) => v < input.min || v > input.max).length,
    ks: current.length === 0 ? Number.NaN : ksStatisticSorted(sorted(baseline), sorted(current)),
    wasserstein: current.length === 0 ? Number.NaN : wassersteinDistance(baseline, current),
  };
}

function check(aggregates: NumericAggregate[], features = Object.keys(samples)) {
  expect(aggregates.map((a) => a.feature)).toEqual([...features].sort());
  for (const aggregate of aggregates) {
    const want = expected(aggregate.feature);
    expect({ feature: aggregate.feature, n: [aggregate.baselineCount, aggregate.currentCount], bins: [aggregate.baselineCounts, aggregate.currentCounts], out: aggregate.outOfRangeCount }).toEqual({
      feature: aggregate.feature,
      n: [want.baselineCount, want.currentCount],
      bins: [want.baselineCounts, want.currentCounts],
      out: want.outOfRangeCount,
    });
    if (Number.isNaN(want.ks)) {
      expect(aggregate.ksStatistic).toBeNaN();
      expect(aggregate.wasserstein).toBeNaN();
    } else {
      expect(aggregate.ksStatistic, aggregate.feature).toBeCloseTo(want.ks, 12);
      // Relative: the wide feature's distances are in the hundreds of millions.
      expect(Math.abs(aggregate.wasserstein - want.wasserstein), aggregate.feature).toBeLessThanOrEqual(1e-12 * Math.max(1, want.wasserstein));
    }
  }
}

describe('numeric window aggregates', () => {
  const inputs = () => Object.keys(samples).map(inputFor);

  it('match the pure statistics over the same values, ties, signs, edges and range included', async () => {
    check(await new WindowAggregates(store).numeric(WINDOW, BASELINE_ID, inputs(), false, 1_000));
  });

  it('give the same answers one feature per query, as a small memory budget makes them', async () => {
    const aggregates = await new WindowAggregates(store, 1).numeric(WINDOW, BASELINE_ID, inputs(), false, 1_000);
    check(aggregates);
    expect(aggregates).toEqual(await new WindowAggregates(store).numeric(WINDOW, BASELINE_ID, inputs(), false, 1_000));
  });

  it("take the model's numeric output as the feature __prediction, in one query or one per feature", async () => {
    const withPrediction = [...inputs(), inputFor(PREDICTION)];
    const together = await new WindowAggregates(store).numeric(WINDOW, BASELINE_ID, withPrediction, true, 1_000);
    check(together, [...Object.keys(samples), PREDICTION]);
    expect(await new WindowAggregates(store, 1).numeric(WINDOW, BASELINE_ID, withPrediction, true, 1_000)).toEqual(together);
  });
});
