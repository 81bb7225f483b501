/**
 * What to do after one attempt to send a batch, decided from the HTTP status alone (as
 * docs/sending-telemetry.md defines them), and how long to wait before the next attempt.
 */

export type SendOutcome =
  /** 2xx: stored durably. */
  | { kind: 'delivered' }
  /** The server will never take this batch as it is (400, 401, 403, 404, 413, 415, ...). */
  | { kind: 'rejected'; status: number; message: string; badIndexes: number[] }
  /** Worth sending again later: network failure, timeout, 408, 429, 5xx. */
  | { kind: 'retry'; status?: number; message: string; retryAfterMs?: number };

/** Statuses that say "not now" rather than "not this". */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/**
 * A `Retry-After` header in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header == null || header.trim() === '') return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}

export interface BackoffOptions {
  /** The ceiling of the first wait. */
  initialDelayMs: number;
  /** No back-off wait is longer than this (a server's `Retry-After` is honoured as given). */
  maxDelayMs: number;
}

/**
 * The wait before retry number `attempt` (1 for the first retry): exponential back-off with
 * "full jitter" (a uniform draw below `initialDelayMs * 2^(attempt-1)`, capped), so that many
 * clients kept out by the same outage do not come back in step; never sooner than a server's
 * `Retry-After` (honoured even beyond the cap: the server knows when it will have room), and a
 * `Retry-After: 0` does not make a busy loop.
 */
export function retryDelayMs(attempt: number, retryAfterMs: number | undefined, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.initialDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(Math.round(ceiling * random()), retryAfterMs ?? 0);
}

/**
 * The item indexes a 400's `error.details` names (`predictions[3].features.age` → 3), so the
 * rest of the batch can be sent again without them. Empty when the details name none.
 */
export function refusedIndexes(details: readonly { path?: unknown }[] | undefined, field: string): number[] {
  const found = new Set<number>();
  const pattern = new RegExp(`^${field}\\[(\\d+)\\]`);
  for (const detail of details ?? []) {
    const match = typeof detail.path === 'string' ? pattern.exec(detail.path) : null;
    if (match) found.add(Number(match[1]));
  }
  return [...found].sort((a, b) => a - b);
}
