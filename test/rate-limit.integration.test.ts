import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/** VIGIL_RATE_LIMIT_PER_KEY: one noisy key is told to wait; the others are not. */
let t: TestApp;
const LIMIT_PER_SECOND = 2; // 20 requests per 10-s window

beforeAll(async () => {
  t = await openTestApp({ rateLimitPerKey: LIMIT_PER_SECOND });
});
afterAll(() => t.close());

describe('per-key rate limits', () => {
  it('answers 429 with Retry-After once a key has spent its window, on the API and the gateway alike', async () => {
    const admin = apiClient(t.fetcher, TEST_ADMIN_KEY);
    const noisy = apiClient(t.fetcher, (await admin.post('/v1/keys', { scopes: ['read', 'ingest'], name: 'noisy' })).body.key);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await noisy.get('/v1/models')).status);
    expect(statuses.every((s) => s === 200)).toBe(true);

    const refused = await noisy.get('/v1/models');
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('rate_limited');
    expect(refused.body.error.message).toContain('2 requests per second');
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);
    expect((await noisy.post('/v2/models/anything/infer', { inputs: [] })).status).toBe(429);
  });

  it('leaves other keys alone, and counts no request without a key against anyone', async () => {
    const admin = apiClient(t.fetcher, TEST_ADMIN_KEY);
    const quiet = apiClient(t.fetcher, (await admin.post('/v1/keys', { scopes: ['read'], name: 'quiet' })).body.key);
    expect((await quiet.get('/v1/models')).status).toBe(200);
    expect((await apiClient(t.fetcher).get('/v1/models')).status).toBe(401);
    expect((await apiClient(t.fetcher, 'vgl_unknown').get('/v1/models')).status).toBe(401);
  });
});
