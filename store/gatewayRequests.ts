import type { Store } from './clickhouse';

/** What became of one call of the gateway to a model server. */
export type GatewayOutcome = 'ok' | 'rejected' | 'upstream_error' | 'timeout' | 'unreachable' | 'circuit_open';

/** Outcomes that count as errors of the version (the caller's own 4xx does not). */
export const GATEWAY_ERROR_OUTCOMES: readonly GatewayOutcome[] = ['upstream_error', 'timeout', 'unreachable', 'circuit_open'];

/** Which alias routed the call. */
export type GatewayRole = 'production' | 'canary' | 'shadow';

/** One row of `gateway_requests` (migration 0007). */
export interface GatewayRequestRow {
  project: string;
  model: string;
  version: string;
  role: GatewayRole;
  request_id: string;
  /** Epoch milliseconds, when the gateway received the request. */
  timestamp: number;
  latency_ms: number;
  outcome: GatewayOutcome;
  /** Status the model server answered; 0 when it did not answer. */
  http_status: number;
  error: string;
}

/** Calls and errors of one model version in one window: what the `error_rate` rule reads. */
export interface GatewayWindow {
  startMs: number;
  version: string;
  role: GatewayRole;
  requests: number;
  errors: number;
  errorRate: number;
  /** Calls per outcome. */
  outcomes: Partial<Record<GatewayOutcome, number>>;
}

export class GatewayRequestRepository {
  constructor(private readonly store: Store) {}

  insert(rows: GatewayRequestRow[]): Promise<void> {
    return this.store.insert('gateway_requests.insert', 'gateway_requests', rows);
  }

  /** Calls per window of `sizeMs` in [fromMs, toMs), per version and role, with error rates. */
  async windows(project: string, model: string, fromMs: number, toMs: number, sizeMs: number): Promise<GatewayWindow[]> {
    const rows = await this.store.query<{ start: string | number; version: string; role: GatewayRole; outcome: GatewayOutcome; n: string | number }>(
      'gateway_requests.windows',
      `SELECT intDiv(toUnixTimestamp64Milli(timestamp), {sizeMs:Int64}) * {sizeMs:Int64} AS start, version, role, outcome, count() AS n
       FROM gateway_requests
       WHERE project = {project:String} AND model = {model:String}
         AND timestamp >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
       GROUP BY start, version, role, outcome ORDER BY start, version, role, outcome`,
      { project, model, fromMs, toMs, sizeMs },
    );
    const windows = new Map<string, GatewayWindow>();
    for (const row of rows) {
      const startMs = Number(row.start);
      const key = `${startMs}\u0000${row.version}\u0000${row.role}`;
      let w = windows.get(key);
      if (w === undefined) windows.set(key, (w = { startMs, version: row.version, role: row.role, requests: 0, errors: 0, errorRate: 0, outcomes: {} }));
      const n = Number(row.n);
      w.requests += n;
      if (GATEWAY_ERROR_OUTCOMES.includes(row.outcome)) w.errors += n;
      w.outcomes[row.outcome] = (w.outcomes[row.outcome] ?? 0) + n;
    }
    return [...windows.values()].map((w) => ({ ...w, errorRate: w.requests === 0 ? 0 : w.errors / w.requests }));
  }
}
