import { describe, expect, it } from 'vitest';
import { isRetryableStatus, parseRetryAfterMs, refusedIndexes, retryDelayMs } from './retry.js';

describe('isRetryableStatus', () => {
  it.each([
    [400, false], [401, false], [403, false], [404, false], [413, false], [415, false],
    [408, true], [429, true], [500, true], [502, true], [503, true],
  ])('%i → retry %s', (status, retry) => {
    expect(isRetryableStatus(status)).toBe(retry);
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-23T17:00:00Z');
  it.each([
    ['seconds', '5', 5000],
    ['zero', '0', 0],
    ['an HTTP date', 'Mon, 23 Nov 2026 17:00:03 GMT', 3000],
    ['a past date', 'Mon, 23 Nov 2026 16:00:00 GMT', 0],
    ['garbage', 'soon', undefined],
    ['absent', null, undefined],
  ])('reads %s', (_name, header, expected) => {
    expect(parseRetryAfterMs(header, now)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const options = { initialDelayMs: 500, maxDelayMs: 30_000 };
  it.each([
    ['first retry, top of the jitter', 1, undefined, 0.999, 500],
    ['third retry doubles twice', 3, undefined, 0.5, 1000],
    ['capped at the maximum', 20, undefined, 1, 30_000],
    ['jitter can wait nothing', 4, undefined, 0, 0],
    ['Retry-After wins over back-off', 1, 2000, 0.1, 2000],
    ['Retry-After beyond the back-off cap is still honoured', 1, 60_000, 0.1, 60_000],
    ['Retry-After 0 still backs off', 3, 0, 0.5, 1000],
  ])('%s', (_name, attempt, retryAfter, random, expected) => {
    expect(retryDelayMs(attempt, retryAfter, options, () => random)).toBe(expected);
  });
});

describe('refusedIndexes', () => {
  it('reads the item indexes a 400 names, once each', () => {
    const details = [{ path: 'predictions[3].features.age' }, { path: 'predictions[0].model' }, { path: 'predictions[3].prediction' }, { path: 'body' }, {}];
    expect(refusedIndexes(details, 'predictions')).toEqual([0, 3]);
    expect(refusedIndexes(details, 'feedback')).toEqual([]);
    expect(refusedIndexes(undefined, 'predictions')).toEqual([]);
  });
});
