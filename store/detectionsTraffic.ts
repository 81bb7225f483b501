import type { Store } from './clickhouse';

/** Traffic per window from the per-minute aggregates, and refused values per window. */
export interface TrafficWindow {
  startMs: number;
  version: string;
  predictions: number;
  latencyP50: number | null;
  latencyP90: number | null;
  latencyP99: number | null;
}

export class TrafficRepository {
  constructor(private readonly store: Store) {}

  /** Windows of `sizeMs` in [fromMs, toMs) from `traffic_minutely`: cost grows with minutes, not predictions. */
  async windows(project: string, model: string, fromMs: number, toMs: number, sizeMs: number, version?: string): Promise<TrafficWindow[]> {
    const rows = await this.store.query<{ start: string | number; version: string; n: string | number; q: (number | null)[]; any_latency: number }>(
      'detections.traffic',
      `SELECT intDiv(toUnixTimestamp(minute) * 1000, {sizeMs:Int64}) * {sizeMs:Int64} AS start, version, countMerge(predictions) AS n,
         quantilesTDigestMerge(0.5, 0.9, 0.99)(latency_ms) AS q
       FROM traffic_minutely
       WHERE project = {project:String} AND model = {model:String} ${version === undefined ? '' : 'AND version = {version:String}'}
         AND minute >= toDateTime(intDiv({fromMs:Int64}, 1000), 'UTC') AND minute < toDateTime(intDiv({toMs:Int64} + 999, 1000), 'UTC')
       GROUP BY start, version ORDER BY start, version`,
      { project, model, fromMs, toMs, sizeMs, version },
    );
    const finite = (x: number | null | undefined) => (typeof x === 'number' && Number.isFinite(x) ? x : null);
    return rows.map((r) => ({ startMs: Number(r.start), version: r.version, predictions: Number(r.n), latencyP50: finite(r.q[0]), latencyP90: finite(r.q[1]), latencyP99: finite(r.q[2]) }));
  }

  /** Values refused at ingest per window and feature (wrong type, unknown feature, ...), by reason. */
  async rejections(project: string, model: string, fromMs: number, toMs: number, sizeMs: number): Promise<{ startMs: number; feature: string; reason: string; count: number }[]> {
    const rows = await this.store.query<{ start: string | number; feature: string; reason: string; n: string | number }>(
      'detections.rejections',
      `SELECT intDiv(toUnixTimestamp64Milli(timestamp), {sizeMs:Int64}) * {sizeMs:Int64} AS start, feature, reason, sum(count) AS n
       FROM ingest_rejections
       WHERE project = {project:String} AND model = {model:String}
         AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
       GROUP BY start, feature, reason ORDER BY start, feature, reason`,
      { project, model, fromMs, toMs, sizeMs },
    );
    return rows.map((r) => ({ startMs: Number(r.start), feature: r.feature, reason: r.reason, count: Number(r.n) }));
  }
}
