import type { Store } from './clickhouse';
import { PREDICTION_FEATURE } from './baselines';

/**
 * The SQL side of the detectors: every statistic of one (model, version, window) aggregated
 * inside ClickHouse into small arrays, which `detectors/` finishes in Node. Each query reads
 * the window's predictions once, exploding the feature maps with ARRAY JOIN in the same scan,
 * beside the baseline's values (docs/architecture.md, Detectors).
 */

/** The predictions of one model version in [startMs, endMs). */
export interface WindowScope {
  project: string;
  model: string;
  version: string;
  startMs: number;
  endMs: number;
}

export interface NumericFeatureInput {
  feature: string;
  /** Interior bin edges of the baseline (its profile). */
  edges: number[];
  /** Baseline range, for the out-of-range rate. */
  min: number;
  max: number;
}

/** What ClickHouse returns per numeric feature: exact KS D and Wasserstein-1, binned counts. */
export interface NumericAggregate {
  feature: string;
  /** Non-missing values in the baseline and in the window. */
  baselineCount: number;
  currentCount: number;
  ksStatistic: number;
  wasserstein: number;
  baselineCounts: number[];
  currentCounts: number[];
  /** Current values outside [min, max] of the baseline. */
  outOfRangeCount: number;
}

export interface CategoryAggregate {
  feature: string;
  category: string;
  baselineCount: number;
  currentCount: number;
}

export interface WindowCounts {
  predictions: number;
  /** Epoch ms of the newest received_at among the window's predictions (0 when empty). */
  lastReceivedMs: number;
}

const SCOPE = `project = {project:String} AND model = {model:String} AND version = {version:String}
  AND timestamp >= fromUnixTimestamp64Milli({startMs:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Milli({endMs:Int64}, 'UTC')`;

const scopeParams = (s: WindowScope) => ({ project: s.project, model: s.model, version: s.version, startMs: s.startMs, endMs: s.endMs });

/**
 * Counts per bin from the counts of values at or below each interior edge: bin k holds the
 * values in (e_k, e_k+1], the last bin those above the last edge.
 */
function binsFromCumulative(atEdges: readonly (number | string)[], total: number): number[] {
  const cumulative = [...atEdges.map(Number), total];
  return cumulative.map((count, k) => count - (k === 0 ? 0 : (cumulative[k - 1] ?? 0)));
}

/**
 * A Float64 as a UInt128 that sorts like the value, times four, plus a two-bit tag. A
 * non-negative float's bits sort like the value once the sign bit is set; a negative float's
 * once all bits are flipped. `+ 0.` turns -0 into 0 first, so the two zeros are one value.
 */
function sortKey(value: string, tag: number): string {
  const bits = `reinterpretAsUInt64(${value} + 0.)`;
  return `bitOr(bitShiftLeft(toUInt128(if(${bits} >= ${SIGN_BIT}, bitNot(${bits}), bitXor(${bits}, ${SIGN_BIT}))), 2), toUInt128(${tag}))`;
}

/** The Float64 back from a {@link sortKey}. */
function valueOfKey(key: string): string {
  const ordered = `toUInt64(bitShiftRight(${key}, 2))`;
  return `reinterpretAsFloat64(if(${ordered} >= ${SIGN_BIT}, bitXor(${ordered}, ${SIGN_BIT}), bitNot(${ordered})))`;
}

/**
 * The tags of {@link sortKey}, in the order they sort among equal values: markers counted by
 * neither sample, before and after the values, let running counts be read at a given value
 * (the profile's edges and range) without a search.
 */
const BEFORE_EQUAL = 0;
const BASELINE = 1;
const WINDOW = 2;
const AFTER_EQUAL = 3;

const SIGN_BIT = '9223372036854775808';

/**
 * The most values one numeric query sorts. Peak RSS of the whole process, measured on
 * 2026-11-23: 1.1 GiB for 22 million values (a 1,000,000-row window of 20 features and a
 * 100,000-row baseline: one query), 1.8 GiB for 47 million (3,000,000 rows: 15 features, then
 * 5), 2.6 GiB for a 10,000,000-row window (five queries of four features, 40 million values).
 */
export const DEFAULT_MAX_VALUES_PER_QUERY = 48_000_000;

export class WindowAggregates {
  constructor(
    private readonly store: Store,
    private readonly maxValuesPerQuery = DEFAULT_MAX_VALUES_PER_QUERY,
  ) {}

  async counts(scope: WindowScope): Promise<WindowCounts> {
    const [row] = await this.store.query<{ n: string | number; last: string | number | null }>(
      'detectors.window_counts',
      `SELECT count() AS n, toUnixTimestamp64Milli(max(received_at)) AS last FROM predictions WHERE ${SCOPE}`,
      scopeParams(scope),
    );
    const n = Number(row?.n ?? 0);
    return { predictions: n, lastReceivedMs: n === 0 ? 0 : Number(row?.last ?? 0) };
  }

  /**
   * Numeric statistics of every given feature, in as few queries as the memory budget allows.
   * Per feature, the baseline's and the window's values are sorted together, each tagged by
   * sample; running counts of each tag over the sorted values give both ECDFs, so
   * D = max |F_R - F_C| (taken where the value changes, so ties count once) and
   * W1 = sum |F_R - F_C| * (next value - value) come out exactly. Bin counts on the baseline's
   * edges are cumulative counts at each edge (a value equal to an edge falls left: bin = number
   * of edges strictly below it), and the out-of-range count is taken over the window's values.
   * With `predictionAsFeature`, the model's numeric output is the pseudo-feature `__prediction`.
   *
   * The sort is of one plain UInt128 per value ({@link sortKey}): the value's bits made
   * order-preserving, with a tag in the two lowest bits. On 1,000,000 rows x 20 features against
   * 100,000 baseline rows, D and W1 alone took 0.85 s this way, against 8.4 s for sorting
   * (value, tag) tuples by a lambda, with the same results (docs/architecture.md, Measured).
   *
   * Memory grows with the values a query sorts (about 20 bytes each at the peak, with the
   * arrays derived from them), so features are split into queries of at most
   * `maxValuesPerQuery` values, counting `valuesPerFeature` for each (the window's rows plus
   * the baseline's): a 10,000,000-row window is evaluated a few features at a time instead of
   * all at once (DESIGN.md: memory bounded).
   */
  async numeric(scope: WindowScope, baselineId: string, inputs: readonly NumericFeatureInput[], predictionAsFeature: boolean, valuesPerFeature = 0): Promise<NumericAggregate[]> {
    const perQuery = Math.max(1, Math.floor(this.maxValuesPerQuery / Math.max(1, valuesPerFeature)));
    const out: NumericAggregate[] = [];
    for (let i = 0; i < inputs.length; i += perQuery) out.push(...(await this.numericOnce(scope, baselineId, inputs.slice(i, i + perQuery), predictionAsFeature)));
    return out.sort((a, b) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0));
  }

  /**
   * One query over the given features. Each unfolds every entry of the window's maps and keeps
   * the given features' values: looking the values up by name instead (`num_features[f]` per
   * feature) took three times the CPU for a 10,000,000-row window read two features at a time.
   *
   * Two choices keep it fast (docs/architecture.md, Measured): the feature stays
   * `LowCardinality` from the map's keys to the GROUP BY (a `toString` there materialised a
   * string per value), and the query has no ORDER BY (the caller sorts): with one, ClickHouse
   * evaluates the array functions after the sort, on one block of every feature in one thread;
   * without, each feature's row is its own block, finished by both threads, and every
   * intermediate array holds one feature's values instead of all of them.
   */
  private async numericOnce(scope: WindowScope, baselineId: string, inputs: readonly NumericFeatureInput[], predictionAsFeature: boolean): Promise<NumericAggregate[]> {
    if (inputs.length === 0) return [];
    // The model's output is a column of its own, read in a branch of its own, so that the
    // features keep the map keys' LowCardinality type.
    const predictionValues = predictionAsFeature
      ? `UNION ALL
          SELECT toLowCardinality('${PREDICTION_FEATURE}') AS feature, ${sortKey('assumeNotNull(prediction_num)', WINDOW)} AS key FROM predictions
          WHERE ${SCOPE} AND has({features:Array(String)}, '${PREDICTION_FEATURE}') AND prediction_num IS NOT NULL AND NOT isNaN(prediction_num)`
      : '';
    const sql = `
      SELECT feature,
        nb AS n_baseline,
        nc AS n_current,
        -- D at the end of each run of equal values (where the next value steps up), so ties count once;
        -- W1 = sum |F_R - F_C| * (value - previous value)
        arrayMax(arrayMap((g, s) -> if(s > 0, g, 0), gaps, steps)) AS ks,
        arraySum(arrayMap((g, s) -> g * s, gaps, steps)) AS w1,
        -- the running counts at the markers after values: each edge in order, then the maximum
        arrayFilter((c, t) -> t = ${AFTER_EQUAL}, cum_b, tags) AS baseline_at_markers,
        arrayFilter((c, t) -> t = ${AFTER_EQUAL}, cum_c, tags) AS current_at_markers,
        arraySlice(baseline_at_markers, 1, length(baseline_at_markers) - 1) AS baseline_at_edges,
        arraySlice(current_at_markers, 1, length(current_at_markers) - 1) AS current_at_edges,
        -- below the minimum (its marker sorts before values equal to it) and above the maximum
        arrayFilter((c, t) -> t = ${BEFORE_EQUAL}, cum_c, tags)[1] + nc - current_at_markers[-1] AS out_of_range
      FROM (
        SELECT feature,
          arraySort(groupArray(key)) AS sorted_keys,
          arrayMap(k -> bitAnd(toUInt8(k), 3), sorted_keys) AS tags,
          arrayCumSum(arrayMap(t -> t = ${BASELINE}, tags)) AS cum_b,
          arrayCumSum(arrayMap(t -> t = ${WINDOW}, tags)) AS cum_c,
          cum_b[-1] AS nb,
          cum_c[-1] AS nc,
          -- |F_R - F_C| just before each value (0 before the first), as the pure functions compute it
          arrayMap((a, b, ta, tc) -> abs((a - ta) / nb - (b - tc) / nc), cum_b, cum_c, arrayMap(t -> t = ${BASELINE}, tags), arrayMap(t -> t = ${WINDOW}, tags)) AS gaps,
          -- each value minus the one before it: 0 inside a run of ties
          arrayDifference(arrayMap(k -> ${valueOfKey('k')}, sorted_keys)) AS steps
        FROM (
          SELECT feature, ${sortKey('assumeNotNull(num)', BASELINE)} AS key FROM baseline_values
          WHERE project = {project:String} AND model = {model:String} AND baseline_id = {baselineId:String}
            AND feature IN {features:Array(String)} AND num IS NOT NULL AND NOT isNaN(num)
          UNION ALL
          SELECT feature, ${sortKey('assumeNotNull(v)', WINDOW)} AS key FROM predictions ARRAY JOIN mapKeys(num_features) AS feature, mapValues(num_features) AS v
          WHERE ${SCOPE} AND feature IN {features:Array(String)} AND v IS NOT NULL AND NOT isNaN(v)
          ${predictionValues}
          UNION ALL
          SELECT toLowCardinality(feature) AS feature, arrayJoin(arrayConcat(
              arrayMap(e -> ${sortKey('e', AFTER_EQUAL)}, arrayConcat({edges:Map(String, Array(Float64))}[feature], [{hi:Map(String, Float64)}[feature]])),
              [${sortKey('{lo:Map(String, Float64)}[feature]', BEFORE_EQUAL)}])) AS key
          FROM (SELECT arrayJoin({features:Array(String)}) AS feature)
        )
        GROUP BY feature
      )`;
    const rows = await this.store.query<{
      feature: string;
      ks: number | null;
      w1: number | null;
      n_baseline: string | number;
      n_current: string | number;
      baseline_at_edges: (number | string)[];
      current_at_edges: (number | string)[];
      out_of_range: string | number;
    }>('detectors.numeric', sql, {
      ...scopeParams(scope),
      baselineId,
      features: inputs.map((i) => i.feature),
      edges: Object.fromEntries(inputs.map((i) => [i.feature, i.edges])),
      lo: Object.fromEntries(inputs.map((i) => [i.feature, i.min])),
      hi: Object.fromEntries(inputs.map((i) => [i.feature, i.max])),
    });
    return rows.map((row) => {
      const baselineCount = Number(row.n_baseline);
      const currentCount = Number(row.n_current);
      return {
        feature: row.feature,
        baselineCount,
        currentCount,
        // Without values on one side there is no ECDF to compare.
        ksStatistic: baselineCount === 0 || currentCount === 0 ? Number.NaN : Number(row.ks),
        wasserstein: baselineCount === 0 || currentCount === 0 ? Number.NaN : Number(row.w1),
        baselineCounts: binsFromCumulative(row.baseline_at_edges, baselineCount),
        currentCounts: binsFromCumulative(row.current_at_edges, currentCount),
        outOfRangeCount: Number(row.out_of_range),
      };
    });
  }

  /** Counts per (feature, category) in the baseline and the window, one query for all features. */
  async categorical(scope: WindowScope, baselineId: string, features: readonly string[], predictionAsFeature: boolean): Promise<CategoryAggregate[]> {
    if (features.length === 0) return [];
    const currentValues = predictionAsFeature
      ? `ARRAY JOIN arrayConcat(CAST(mapKeys(cat_features), 'Array(String)'), ['${PREDICTION_FEATURE}']) AS feature, arrayConcat(mapValues(cat_features), [prediction_cat]) AS v`
      : 'ARRAY JOIN mapKeys(cat_features) AS feature, mapValues(cat_features) AS v';
    const rows = await this.store.query<{ feature: string; value: string; b: string | number; c: string | number }>(
      'detectors.categorical',
      `SELECT feature, value, countIf(s = 0) AS b, countIf(s = 1) AS c FROM (
         SELECT toString(feature) AS feature, assumeNotNull(cat) AS value, 0 AS s FROM baseline_values
         WHERE project = {project:String} AND model = {model:String} AND baseline_id = {baselineId:String}
           AND feature IN {features:Array(String)} AND cat IS NOT NULL
         UNION ALL
         SELECT toString(feature) AS feature, assumeNotNull(v) AS value, 1 AS s FROM predictions ${currentValues}
         WHERE ${SCOPE} AND feature IN {features:Array(String)} AND v IS NOT NULL
       )
       GROUP BY feature, value`,
      { ...scopeParams(scope), baselineId, features },
    );
    return rows.map((r) => ({ feature: r.feature, category: r.value, baselineCount: Number(r.b), currentCount: Number(r.c) }));
  }
}

/** A (window, version) with predictions, and the newest received_at among them. */
export interface ActiveWindow {
  startMs: number;
  version: string;
  lastReceivedMs: number;
}

export class WindowDiscovery {
  constructor(private readonly store: Store) {}

  /**
   * Windows (of `sizeMs`, counted from `originMs`) holding predictions of a model with an event
   * time in [fromMs, toMs), per version.
   */
  async inRange(project: string, model: string, fromMs: number, toMs: number, sizeMs: number, originMs = 0, version?: string): Promise<ActiveWindow[]> {
    return this.windows(
      'detectors.windows_in_range',
      `timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')${version === undefined ? '' : ' AND version = {version:String}'}`,
      { project, model, fromMs, toMs, sizeMs, originMs, version },
    );
  }

  /**
   * Windows that may need an evaluation: those with event times since `recentFromMs` (not yet
   * closed at the last look) and those that received rows after `receivedAfterMs` (late data).
   */
  async touched(project: string, model: string, sizeMs: number, recentFromMs: number, receivedAfterMs: number): Promise<ActiveWindow[]> {
    return this.windows(
      'detectors.windows_touched',
      `(timestamp >= fromUnixTimestamp64Milli({recentFromMs:Int64}, 'UTC') OR received_at > fromUnixTimestamp64Milli({receivedAfterMs:Int64}, 'UTC'))`,
      { project, model, sizeMs, originMs: 0, recentFromMs, receivedAfterMs },
    );
  }

  /** Windows whose predictions got labels received after `receivedAfterMs`, with the newest. */
  async labelled(project: string, model: string, sizeMs: number, receivedAfterMs: number): Promise<ActiveWindow[]> {
    const rows = await this.store.query<{ start: string | number; version: string; last: string | number }>(
      'detectors.windows_labelled',
      `SELECT intDiv(toUnixTimestamp64Milli(p.timestamp), {sizeMs:Int64}) * {sizeMs:Int64} AS start, p.version AS version, toUnixTimestamp64Milli(max(f.received_at)) AS last
       FROM feedback AS f INNER JOIN prediction_ids AS p ON p.project = f.project AND p.model = f.model AND p.id = f.prediction_id
       WHERE f.project = {project:String} AND f.model = {model:String} AND p.project = {project:String} AND p.model = {model:String}
         AND f.received_at > fromUnixTimestamp64Milli({receivedAfterMs:Int64}, 'UTC')
       GROUP BY start, version`,
      { project, model, sizeMs, receivedAfterMs },
    );
    return rows.map((r) => ({ startMs: Number(r.start), version: r.version, lastReceivedMs: Number(r.last) }));
  }

  private async windows(tag: string, condition: string, params: Record<string, unknown>): Promise<ActiveWindow[]> {
    const rows = await this.store.query<{ start: string | number; version: string; last: string | number }>(
      tag,
      `SELECT {originMs:Int64} + intDiv(toUnixTimestamp64Milli(timestamp) - {originMs:Int64}, {sizeMs:Int64}) * {sizeMs:Int64} AS start, version,
         toUnixTimestamp64Milli(max(received_at)) AS last
       FROM predictions WHERE project = {project:String} AND model = {model:String} AND ${condition}
       GROUP BY start, version ORDER BY start, version`,
      params,
    );
    return rows.map((r) => ({ startMs: Number(r.start), version: r.version, lastReceivedMs: Number(r.last) }));
  }
}
