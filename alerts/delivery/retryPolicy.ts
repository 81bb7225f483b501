/**
 * One retry policy for every channel, as Alertmanager's Retrier: a delivery attempt either
 * succeeded, failed for good (the receiver refused it: retrying would fail again), or failed
 * for now (network error, timeout, 408, 429, 5xx) and is tried again after an exponential
 * back-off with full jitter, until the attempts run out.
 */
export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

/**
 * `skipped`: the channel chose not to act (a rollback in its cooldown, no previous version to
 * go back to): nothing failed and nothing is retried.
 */
export type AttemptOutcome = { kind: 'delivered' } | { kind: 'skipped'; reason: string } | { kind: 'failed'; retry: boolean; reason: string };

/** The outcome of an HTTP attempt from its status (or its network error). */
export function httpOutcome(status: number | null, errorMessage?: string): AttemptOutcome {
  if (status === null) return { kind: 'failed', retry: true, reason: errorMessage ?? 'no response' };
  if (status >= 200 && status < 300) return { kind: 'delivered' };
  const retry = status === 408 || status === 429 || status >= 500;
  return { kind: 'failed', retry, reason: `HTTP ${status}${errorMessage ? `: ${errorMessage}` : ''}` };
}

/**
 * When to try again after failed attempt number `attempt` (1-based), or null when the
 * delivery has failed for good. `random` in [0, 1) is the jitter source (injected for tests).
 * A `Retry-After` from the receiver is honoured when it asks for longer.
 */
export function nextAttemptAt(policy: RetryPolicy, attempt: number, outcome: AttemptOutcome, now: number, random: () => number, retryAfterMs?: number): number | null {
  if (outcome.kind !== 'failed' || !outcome.retry || attempt >= policy.maxAttempts) return null;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  const jittered = Math.max(policy.baseDelayMs / 2, ceiling * random());
  return now + Math.max(jittered, retryAfterMs ?? 0);
}
