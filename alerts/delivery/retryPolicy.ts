/**
 * One retry policy for every channel, as Alertmanager's Retrier: a delivery attempt either
 * succeeded, failed for good (the receiver refused it: retrying would fail again), or failed
 * for now (network error, timeout, 408, 429, 5xx) and is tried again after an exponential
 * back-off with full jitter. A receiver that is down for minutes or hours gets its
 * notifications late rather than never: by default a delivery is retried until it is a day
 * old, not for a number of attempts.
 */
export interface RetryPolicy {
  /** Attempts before giving up; 0 for no limit (the age limit alone). */
  maxAttempts: number;
  /** Age (since the delivery was queued) after which a failed attempt is the last. */
  giveUpAfterMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxAttempts: 0, giveUpAfterMs: 24 * 3_600_000, baseDelayMs: 1_000, maxDelayMs: 60_000 };

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

export interface FinishedAttempt {
  /** 1-based. */
  attempt: number;
  outcome: AttemptOutcome;
  /** When the attempt finished (ms). */
  now: number;
  /** When the delivery was queued (ms). */
  queuedAt: number;
  /** The receiver's `Retry-After`, when it gave one. */
  retryAfterMs?: number | undefined;
}

/**
 * When to try again after a finished attempt, or null when the delivery is done or has failed
 * for good (not retryable, out of attempts, or too old). `random` in [0, 1) is the jitter
 * source (injected for tests). A `Retry-After` from the receiver is honoured when it asks for
 * longer.
 */
export function nextAttemptAt(policy: RetryPolicy, finished: FinishedAttempt, random: () => number): number | null {
  const { attempt, outcome, now, queuedAt, retryAfterMs } = finished;
  if (outcome.kind !== 'failed' || !outcome.retry) return null;
  if (policy.maxAttempts > 0 && attempt >= policy.maxAttempts) return null;
  if (now - queuedAt >= policy.giveUpAfterMs) return null;
  // 2 ** 30 times any base is past every cap; stop the exponent there so it never overflows.
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  const jittered = Math.max(policy.baseDelayMs / 2, ceiling * random());
  return now + Math.max(jittered, retryAfterMs ?? 0);
}
