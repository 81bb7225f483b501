import type { Store } from './clickhouse';

/** A model's state at a glance: what the overview sorts by (GET /v1/models). */
export interface ModelHealth {
  /** The newest evaluated window (any version), or null before the first evaluation. */
  latestWindow: { start: string; end: string; status: string } | null;
  /** Features whose verdict in that window is `drift` / `moderate` (`__prediction`: the output). */
  driftedFeatures: string[];
  moderateFeatures: string[];
  firingAlerts: number;
  pendingAlerts: number;
  predictions24h: number;
  lastPredictionAt: string | null;
}

export const NO_HEALTH: ModelHealth = { latestWindow: null, driftedFeatures: [], moderateFeatures: [], firingAlerts: 0, pendingAlerts: 0, predictions24h: 0, lastPredictionAt: null };

const iso = (ms: string | number) => new Date(Number(ms)).toISOString();

/** Reads every model's health of a project in three aggregate queries, not one per model. */
export class ModelHealthRepository {
  constructor(private readonly store: Store) {}

  async health(project: string, nowMs: number): Promise<Map<string, ModelHealth>> {
    const [windows, verdicts, alerts, traffic] = await Promise.all([
      this.store.query<{ model: string; start: string | number; end: string | number; status: string }>(
        'health.windows',
        `SELECT model, toUnixTimestamp64Milli(max(window_start)) AS start, toUnixTimestamp64Milli(argMax(window_end, window_start)) AS end, argMax(status, window_start) AS status
         FROM drift_windows FINAL WHERE project = {project:String} GROUP BY model`,
        { project },
      ),
      this.store.query<{ model: string; feature: string; verdict: string }>(
        'health.verdicts',
        `SELECT DISTINCT model, feature, verdict FROM drift_results
         WHERE project = {project:String} AND verdict IN ('drift', 'moderate')
           AND (model, window_start, version, run_version) IN (
             SELECT model, window_start, version, run_version FROM drift_windows FINAL
             WHERE project = {project:String} AND (model, window_start) IN (
               SELECT model, max(window_start) FROM drift_windows WHERE project = {project:String} GROUP BY model))
         ORDER BY model, feature`,
        { project },
      ),
      this.store.query<{ model: string; state: string; n: string | number }>(
        'health.alerts',
        `SELECT labels['model'] AS model, state, count() AS n FROM alert_instances FINAL
         WHERE project = {project:String} AND state IN ('firing', 'pending') GROUP BY model, state`,
        { project },
      ),
      this.store.query<{ model: string; recent: string | number; last: string | number }>(
        'health.traffic',
        `SELECT model, countMergeIf(predictions, minute >= toDateTime(intDiv({now:Int64}, 1000) - 86400, 'UTC')) AS recent,
           toUnixTimestamp64Milli(max(last_seen)) AS last
         FROM traffic_minutely WHERE project = {project:String} GROUP BY model`,
        { project, now: nowMs },
      ),
    ]);
    const health = new Map<string, ModelHealth>();
    const of = (model: string) => {
      let found = health.get(model);
      if (found === undefined) health.set(model, (found = { ...NO_HEALTH, driftedFeatures: [], moderateFeatures: [] }));
      return found;
    };
    for (const w of windows) of(w.model).latestWindow = { start: iso(w.start), end: iso(w.end), status: w.status };
    for (const v of verdicts) (v.verdict === 'drift' ? of(v.model).driftedFeatures : of(v.model).moderateFeatures).push(v.feature);
    for (const a of alerts) {
      if (a.state === 'firing') of(a.model).firingAlerts = Number(a.n);
      else of(a.model).pendingAlerts = Number(a.n);
    }
    for (const t of traffic) {
      of(t.model).predictions24h = Number(t.recent);
      of(t.model).lastPredictionAt = iso(t.last);
    }
    return health;
  }
}
