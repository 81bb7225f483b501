import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/** /metrics names every project's models in its labels: VIGIL_METRICS_TOKEN closes it to all but the scraper. */
const TOKEN = 'metrics-token-0123456789abcdef';
let t: TestApp;

beforeAll(async () => {
  t = await openTestApp({ metricsToken: TOKEN });
});
afterAll(() => t.close());

describe('GET /metrics with VIGIL_METRICS_TOKEN', () => {
  it('answers the scraper that carries the token', async () => {
    const response = await t.fetcher('/metrics', { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('# TYPE');
  });

  it('refuses everyone else with 401, API keys included, and says what is needed', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Bearer ${TEST_ADMIN_KEY}`, TOKEN]) {
      const response = await t.fetcher('/metrics', { headers: authorization === undefined ? {} : { authorization } });
      expect(response.status, authorization).toBe(401);
      expect(((await response.json()) as any).error.message).toContain('VIGIL_METRICS_TOKEN');
    }
  });

  it('leaves the probes open', async () => {
    expect((await t.fetcher('/healthz')).status).toBe(200);
    expect((await t.fetcher('/readyz')).status).toBe(200);
  });
});
