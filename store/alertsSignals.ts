import type { DetectorWindowSignals, FeatureSignal, ServingWindowSignals } from '../alerts/rules/observe';
import type { Store } from './clickhouse';
import { TrafficRepository } from './detectionsTraffic';
import { GatewayRequestRepository } from './gatewayRequests';

/**
 * What alert rules read: the detectors' stored windows and feature results (migration 0006),
 * the gateway's calls (0007) and the per-minute traffic aggregates (0003).
 */
export class AlertSignalRepository {
  private readonly traffic: TrafficRepository;
  private readonly gateway: GatewayRequestRepository;

  constructor(private readonly store: Store) {
    this.traffic = new TrafficRepository(store);
    this.gateway = new GatewayRequestRepository(store);
  }

  /**
   * The latest evaluation of every window of a model evaluated after `evaluatedAfterMs`, with
   * its feature results, oldest window first; and the newest evaluated_at among them.
   */
  async detectorWindows(project: string, model: string, evaluatedAfterMs: number): Promise<{ windows: (DetectorWindowSignals & { evaluatedAtMs: number })[]; newestEvaluatedMs: number }> {
    const params = { project, model, after: evaluatedAfterMs };
    const windows = await this.store.query<{
      version: string;
      start: string | number;
      end: string | number;
      status: DetectorWindowSignals['status'];
      prediction_count: string | number;
      performance: Record<string, number>;
      skew: Record<string, number>;
      evaluated: string | number;
    }>(
      'alerts.signals.windows',
      `SELECT version, toUnixTimestamp64Milli(window_start) AS start, toUnixTimestamp64Milli(window_end) AS end, status, prediction_count,
         performance, skew, toUnixTimestamp64Milli(evaluated_at) AS evaluated
       FROM drift_windows FINAL
       WHERE project = {project:String} AND model = {model:String} AND evaluated_at > fromUnixTimestamp64Milli({after:Int64}, 'UTC')
       ORDER BY window_start, version`,
      params,
    );
    if (windows.length === 0) return { windows: [], newestEvaluatedMs: evaluatedAfterMs };
    const features = await this.store.query<{ start: string | number; version: string; feature: string; kind: FeatureSignal['kind']; verdict: string; statistics: Record<string, number> }>(
      'alerts.signals.features',
      `SELECT toUnixTimestamp64Milli(window_start) AS start, version, feature, kind, verdict, statistics FROM drift_results
       WHERE project = {project:String} AND model = {model:String}
         AND (window_start, version, run_version) IN (
           SELECT window_start, version, run_version FROM drift_windows FINAL
           WHERE project = {project:String} AND model = {model:String} AND evaluated_at > fromUnixTimestamp64Milli({after:Int64}, 'UTC'))
       ORDER BY window_start, version, feature`,
      params,
    );
    const byWindow = new Map<string, FeatureSignal[]>();
    for (const f of features) {
      const key = `${Number(f.start)}|${f.version}`;
      const list = byWindow.get(key) ?? [];
      list.push({ feature: f.feature, kind: f.kind, verdict: f.verdict, statistics: f.statistics });
      byWindow.set(key, list);
    }
    return {
      windows: windows.map((w) => ({
        source: 'detector',
        model,
        version: w.version,
        startMs: Number(w.start),
        endMs: Number(w.end),
        status: w.status,
        predictionCount: Number(w.prediction_count),
        features: byWindow.get(`${Number(w.start)}|${w.version}`) ?? [],
        performance: w.performance,
        skew: w.skew,
        evaluatedAtMs: Number(w.evaluated),
      })),
      newestEvaluatedMs: Math.max(...windows.map((w) => Number(w.evaluated))),
    };
  }

  /** Error rate of the gateway's calls and p99 latency per version, per window of `sizeMs` in [fromMs, toMs). */
  async servingWindows(project: string, model: string, fromMs: number, toMs: number, sizeMs: number): Promise<ServingWindowSignals[]> {
    const [latency, errors] = await Promise.all([this.traffic.windows(project, model, fromMs, toMs, sizeMs), this.gatewayErrors(project, model, fromMs, toMs, sizeMs)]);
    const out = new Map<string, ServingWindowSignals>();
    const entry = (startMs: number, version: string) => {
      const key = `${startMs}|${version}`;
      let found = out.get(key);
      if (found === undefined) out.set(key, (found = { source: 'serving', model, version, startMs, endMs: startMs + sizeMs, errorRate: null, latencyP99: null }));
      return found;
    };
    for (const w of latency) entry(w.startMs, w.version).latencyP99 = w.latencyP99;
    for (const w of errors) entry(w.startMs, w.version).errorRate = w.requests === 0 ? null : w.errors / w.requests;
    return [...out.values()].sort((a, b) => a.startMs - b.startMs || a.version.localeCompare(b.version));
  }

  /** The gateway's calls per window and version, every role summed (a shadow's errors are its version's errors too). */
  private async gatewayErrors(project: string, model: string, fromMs: number, toMs: number, sizeMs: number): Promise<{ startMs: number; version: string; requests: number; errors: number }[]> {
    const sums = new Map<string, { startMs: number; version: string; requests: number; errors: number }>();
    for (const w of await this.gateway.windows(project, model, fromMs, toMs, sizeMs)) {
      const key = `${w.startMs}|${w.version}`;
      const sum = sums.get(key) ?? { startMs: w.startMs, version: w.version, requests: 0, errors: 0 };
      sum.requests += w.requests;
      sum.errors += w.errors;
      sums.set(key, sum);
    }
    return [...sums.values()];
  }
}
