/**
 * Every request the soak sends goes through `send`, which files its outcome under its kind of
 * traffic: answered as expected, refused with back-pressure (429 or 503 with `Retry-After`,
 * which the contract allows under load), or unexpected (any other status, a network error, no
 * answer within the timeout). Unexpected outcomes fail the run.
 */

/** The kinds of traffic, in the order the report lists them. */
export const TRAFFIC_KINDS = ['ingest', 'otlp', 'feedback', 'gateway', 'reads', 'detection', 'admin', 'metrics'] as const;
export type TrafficKind = (typeof TRAFFIC_KINDS)[number];

export interface KindCounts {
  requests: number;
  ok: number;
  backPressure: number;
  unexpected: number;
  /** Status 5xx among the unexpected. */
  serverErrors: number;
  /** Items carried (predictions, feedback, log records, inferences); 0 for reads. */
  items: number;
}

/** Latencies kept per kind: a uniform sample of at most this many (Vitter's reservoir). */
const RESERVOIR = 4096;
const REQUEST_TIMEOUT_MS = 60_000;

export class RequestLedger {
  readonly counts = Object.fromEntries(TRAFFIC_KINDS.map((k) => [k, { requests: 0, ok: 0, backPressure: 0, unexpected: 0, serverErrors: 0, items: 0 }])) as Record<TrafficKind, KindCounts>;
  private readonly latencies = Object.fromEntries(TRAFFIC_KINDS.map((k) => [k, [] as number[]])) as Record<TrafficKind, number[]>;
  /** The first unexpected outcomes, described, for the report. */
  readonly firstUnexpected: string[] = [];

  constructor(private readonly random: () => number) {}

  get total(): number {
    return TRAFFIC_KINDS.reduce((sum, k) => sum + this.counts[k].requests, 0);
  }

  get unexpected(): number {
    return TRAFFIC_KINDS.reduce((sum, k) => sum + this.counts[k].unexpected, 0);
  }

  get serverErrors(): number {
    return TRAFFIC_KINDS.reduce((sum, k) => sum + this.counts[k].serverErrors, 0);
  }

  /** Median and 99th percentile latency (ms) of a kind's sampled requests. */
  latency(kind: TrafficKind): { p50: number; p99: number } {
    const sorted = [...this.latencies[kind]].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!);
    return { p50: at(0.5), p99: at(0.99) };
  }

  private record(kind: TrafficKind, latencyMs: number): void {
    const kept = this.latencies[kind];
    const n = this.counts[kind].requests;
    if (kept.length < RESERVOIR) kept.push(latencyMs);
    else {
      const slot = Math.floor(this.random() * n);
      if (slot < RESERVOIR) kept[slot] = latencyMs;
    }
  }

  /** Files a failure found after the answer arrived (an answer that is not what it should be). */
  fault(kind: TrafficKind, what: string): void {
    this.unexpectedOutcome(kind, what);
  }

  private unexpectedOutcome(kind: TrafficKind, what: string): void {
    this.counts[kind].unexpected++;
    if (this.firstUnexpected.length < 20) this.firstUnexpected.push(`${new Date().toISOString()} ${kind}: ${what}`);
  }

  /**
   * Sends one request and files its outcome; answers the response's text (undefined when it
   * failed). `expected` is the status (or the statuses) a correct server answers.
   */
  async send(kind: TrafficKind, url: string, init: RequestInit & { expected?: number | number[]; items?: number }): Promise<{ status: number; text: string } | undefined> {
    const { expected = 200, items = 0, ...request } = init;
    const counts = this.counts[kind];
    counts.requests++;
    const started = performance.now();
    try {
      const response = await fetch(url, { ...request, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const text = await response.text();
      this.record(kind, performance.now() - started);
      if (Array.isArray(expected) ? expected.includes(response.status) : response.status === expected) {
        counts.ok++;
        counts.items += items;
        return { status: response.status, text };
      }
      if ((response.status === 429 || response.status === 503) && response.headers.has('retry-after')) {
        counts.backPressure++;
        return { status: response.status, text };
      }
      if (response.status >= 500) counts.serverErrors++;
      this.unexpectedOutcome(kind, `${request.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status} (expected ${expected}): ${text.slice(0, 300)}`);
      return undefined;
    } catch (error) {
      this.unexpectedOutcome(kind, `${request.method ?? 'GET'} ${new URL(url).pathname} failed: ${(error as Error).message}`);
      return undefined;
    }
  }
}
