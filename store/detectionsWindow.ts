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

/** `sumMap` output (sorted keys, their sums) as a dense array of `length` bins. */
function denseBins(map: [number[], (number | string)[]] | undefined, length: number): number[] {
  const out = new Array<number>(length).fill(0);
  if (map === undefined) return out;
  map[0].forEach((bin, i) => {
    if (bin >= 0 && bin < length) out[bin] = Number(map[1][i] ?? 0);
  });
  return out;
}

export class WindowAggregates {
  constructor(private readonly store: Store) {}

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
   * Numeric statistics of every given feature in one query: the baseline's and the window's
   * values are unioned, tagged by sample, and counted per (feature, value), which collapses
   * ties; window functions over each feature ordered by value then give both ECDFs, so
   * D = max |F_R - F_C| and W1 = sum |F_R - F_C| * (next value - value) come out exactly, in
   * the same pass as the counts per baseline bin (a value equal to an edge falls left:
   * bin = number of edges strictly below it) and the out-of-range count. With
   * `predictionAsFeature`, the model's numeric output is the pseudo-feature `__prediction`.
   */
  async numeric(scope: WindowScope, baselineId: string, inputs: readonly NumericFeatureInput[], predictionAsFeature: boolean): Promise<NumericAggregate[]> {
    if (inputs.length === 0) return [];
    const currentValues = predictionAsFeature
      ? `ARRAY JOIN arrayConcat(CAST(mapKeys(num_features), 'Array(String)'), ['${PREDICTION_FEATURE}']) AS feature, arrayConcat(mapValues(num_features), [prediction_num]) AS v`
      : 'ARRAY JOIN mapKeys(num_features) AS feature, mapValues(num_features) AS v';
    const sql = `
      SELECT feature,
        max(abs(cb / nb - cc / nc)) AS ks,
        sumKahan(abs(cb / nb - cc / nc) * (next_value - value)) AS w1,
        any(nb) AS n_baseline,
        any(nc) AS n_current,
        sumMap([bin], [b]) AS baseline_bins,
        sumMap([bin], [c]) AS current_bins,
        sumIf(c, value < {lo:Map(String, Float64)}[feature] OR value > {hi:Map(String, Float64)}[feature]) AS out_of_range
      FROM (
        SELECT feature, value, b, c, bin,
          sum(b) OVER cumulative AS cb,
          sum(c) OVER cumulative AS cc,
          sum(b) OVER whole AS nb,
          sum(c) OVER whole AS nc,
          leadInFrame(value, 1, value) OVER (PARTITION BY feature ORDER BY value ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING) AS next_value
        FROM (
          SELECT feature, value, countIf(s = 0) AS b, countIf(s = 1) AS c,
            toUInt32(arrayCount(e -> e < value, {edges:Map(String, Array(Float64))}[feature])) AS bin
          FROM (
            SELECT toString(feature) AS feature, assumeNotNull(num) AS value, 0 AS s FROM baseline_values
            WHERE project = {project:String} AND model = {model:String} AND baseline_id = {baselineId:String}
              AND feature IN {features:Array(String)} AND num IS NOT NULL AND NOT isNaN(num)
            UNION ALL
            SELECT toString(feature) AS feature, assumeNotNull(v) AS value, 1 AS s FROM predictions ${currentValues}
            WHERE ${SCOPE} AND feature IN {features:Array(String)} AND v IS NOT NULL AND NOT isNaN(v)
          )
          GROUP BY feature, value
        )
        WINDOW cumulative AS (PARTITION BY feature ORDER BY value ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
               whole AS (PARTITION BY feature)
      )
      GROUP BY feature
      ORDER BY feature`;
    const rows = await this.store.query<{
      feature: string;
      ks: number | null;
      w1: number | null;
      n_baseline: string | number;
      n_current: string | number;
      baseline_bins: [number[], (number | string)[]];
      current_bins: [number[], (number | string)[]];
      out_of_range: string | number;
    }>('detectors.numeric', sql, {
      ...scopeParams(scope),
      baselineId,
      features: inputs.map((i) => i.feature),
      edges: Object.fromEntries(inputs.map((i) => [i.feature, i.edges])),
      lo: Object.fromEntries(inputs.map((i) => [i.feature, i.min])),
      hi: Object.fromEntries(inputs.map((i) => [i.feature, i.max])),
    });
    const edgesOf = new Map(inputs.map((i) => [i.feature, i.edges.length]));
    return rows.map((row) => {
      const bins = (edgesOf.get(row.feature) ?? 0) + 1;
      return {
        feature: row.feature,
        baselineCount: Number(row.n_baseline),
        currentCount: Number(row.n_current),
        ksStatistic: row.ks ?? Number.NaN,
        wasserstein: row.w1 ?? Number.NaN,
        baselineCounts: denseBins(row.baseline_bins, bins),
        currentCounts: denseBins(row.current_bins, bins),
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
