import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY_POLICY, httpOutcome, nextAttemptAt, type FinishedAttempt, type RetryPolicy } from './retryPolicy';

describe('httpOutcome', () => {
  const table: [string, number | null, string, boolean | null][] = [
    ['2xx is delivered', 204, 'delivered', null],
    ['a network error is retried', null, 'failed', true],
    ['408 is retried', 408, 'failed', true],
    ['429 is retried', 429, 'failed', true],
    ['500 is retried', 500, 'failed', true],
    ['503 is retried', 503, 'failed', true],
    ['400 is not retried: it would fail again', 400, 'failed', false],
    ['401 is not retried', 401, 'failed', false],
    ['404 is not retried', 404, 'failed', false],
    ['410 is not retried', 410, 'failed', false],
  ];
  it.each(table)('%s', (_name, status, kind, retry) => {
    const outcome = httpOutcome(status, 'x');
    expect(outcome.kind).toBe(kind);
    if (outcome.kind === 'failed') expect(outcome.retry).toBe(retry);
  });
});

describe('nextAttemptAt', () => {
  const policy: RetryPolicy = { maxAttempts: 4, giveUpAfterMs: 3_600_000, baseDelayMs: 1000, maxDelayMs: 5000 };
  const retryable = httpOutcome(503);
  const failed = (attempt: number, now = 0, extra: Partial<FinishedAttempt> = {}): FinishedAttempt => ({ attempt, outcome: retryable, now, queuedAt: 0, ...extra });

  it('backs off exponentially, capped, with the jitter drawn below the ceiling', () => {
    expect([1, 2, 3].map((attempt) => nextAttemptAt(policy, failed(attempt), () => 0.999999))).toEqual([999.999, 1999.998, 3999.996]);
    expect(nextAttemptAt({ ...policy, maxAttempts: 10 }, failed(6), () => 0.999999)).toBeCloseTo(5000, 1);
  });

  it('never retries sooner than half the base delay', () => {
    expect(nextAttemptAt(policy, failed(1, 100), () => 0)).toBe(600);
  });

  it('honours a longer Retry-After', () => {
    expect(nextAttemptAt(policy, failed(1, 0, { retryAfterMs: 30_000 }), () => 0.5)).toBe(30_000);
  });

  it('gives up after the last attempt, and on what should not be retried', () => {
    expect(nextAttemptAt(policy, failed(4), () => 0.5)).toBeNull();
    expect(nextAttemptAt(policy, failed(1, 0, { outcome: httpOutcome(400) }), () => 0.5)).toBeNull();
    expect(nextAttemptAt(policy, failed(1, 0, { outcome: httpOutcome(200) }), () => 0.5)).toBeNull();
    expect(nextAttemptAt(policy, failed(1, 0, { outcome: { kind: 'skipped', reason: 'in cooldown' } }), () => 0.5)).toBeNull();
  });

  it('with no attempt limit, keeps retrying at the cap until the delivery is too old', () => {
    const unlimited = { ...policy, maxAttempts: 0 };
    expect(nextAttemptAt(unlimited, failed(1000, 3_599_999), () => 0.999999)).toBeCloseTo(3_599_999 + 5000, 1);
    expect(nextAttemptAt(unlimited, failed(1000, 3_600_000), () => 0.5)).toBeNull();
    expect(nextAttemptAt(unlimited, failed(2, 3_600_000, { queuedAt: 1 }), () => 0.5)).toBe(3_601_000);
  });

  it('defaults to retrying for a day, at most a minute apart', () => {
    expect(DEFAULT_RETRY_POLICY).toMatchObject({ maxAttempts: 0, giveUpAfterMs: 86_400_000, maxDelayMs: 60_000 });
    const lateInTheDay = 86_400_000 - 1;
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, failed(1400, lateInTheDay), () => 0.999999)).toBeLessThanOrEqual(lateInTheDay + 60_000);
    expect(nextAttemptAt(DEFAULT_RETRY_POLICY, failed(1401, 86_400_000), () => 0.5)).toBeNull();
  });
});
