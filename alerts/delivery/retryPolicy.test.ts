import { describe, expect, it } from 'vitest';
import { httpOutcome, nextAttemptAt, type RetryPolicy } from './retryPolicy';

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
  const policy: RetryPolicy = { maxAttempts: 4, baseDelayMs: 1000, maxDelayMs: 5000 };
  const retryable = httpOutcome(503);

  it('backs off exponentially, capped, with the jitter drawn below the ceiling', () => {
    expect([1, 2, 3].map((attempt) => nextAttemptAt(policy, attempt, retryable, 0, () => 0.999999))).toEqual([999.999, 1999.998, 3999.996]);
    expect(nextAttemptAt({ ...policy, maxAttempts: 10 }, 6, retryable, 0, () => 0.999999)).toBeCloseTo(5000, 1);
  });

  it('never retries sooner than half the base delay', () => {
    expect(nextAttemptAt(policy, 1, retryable, 100, () => 0)).toBe(600);
  });

  it('honours a longer Retry-After', () => {
    expect(nextAttemptAt(policy, 1, retryable, 0, () => 0.5, 30_000)).toBe(30_000);
  });

  it('gives up after the last attempt, and on what should not be retried', () => {
    expect(nextAttemptAt(policy, 4, retryable, 0, () => 0.5)).toBeNull();
    expect(nextAttemptAt(policy, 1, httpOutcome(400), 0, () => 0.5)).toBeNull();
    expect(nextAttemptAt(policy, 1, httpOutcome(200), 0, () => 0.5)).toBeNull();
    expect(nextAttemptAt(policy, 1, { kind: 'skipped', reason: 'in cooldown' }, 0, () => 0.5)).toBeNull();
  });
});
