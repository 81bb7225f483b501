import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultInjectingStore } from './support/faultInjectingStore';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/** Storage trouble and back-pressure, as ingest clients see them. */
let t: TestApp;
let faults: FaultInjectingStore;
beforeAll(async () => {
  t = await openTestApp({
    writer: { maxBatchRows: 100, maxQueuedRows: 250, lingerMs: 0 },
    wrapStore: (store) => (faults = new FaultInjectingStore(store)),
  });
  await apiClient(t.fetcher, TEST_ADMIN_KEY).post('/v1/models', { name: 'm', task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
}, 60_000);
afterAll(() => t.close());

const api = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
const batch = (prefix: string, n: number) => ({ predictions: Array.from({ length: n }, (_, i) => ({ model: 'm', id: `${prefix}-${i}`, features: { x: i }, prediction: i })) });
const stored = async (prefix: string) =>
  Number((await t.store.query<{ n: string }>('test.count', 'SELECT count() AS n FROM predictions WHERE startsWith(id, {p:String})', { p: `${prefix}-` }))[0]!.n);

async function queueRows(): Promise<number> {
  const text = await t.metrics.registry.getSingleMetricAsString('vigil_ingest_queue_rows');
  return Number(/vigil_ingest_queue_rows\{table="predictions"\} (\d+)/.exec(text)?.[1] ?? -1);
}

async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('when storage is unavailable', () => {
  it('answers 503 with Retry-After, stores nothing, and takes the same request once storage is back', async () => {
    faults.refuseInserts();
    const refused = await api().post('/v1/predictions', batch('outage', 50));
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect(refused.body.error.code).toBe('storage_unavailable');
    expect(await stored('outage')).toBe(0);

    faults.release();
    const retried = await api().post('/v1/predictions', batch('outage', 50));
    expect(retried.status).toBe(200);
    expect(await stored('outage')).toBe(50);
  });
});

describe('when the ingest queue is full', () => {
  it('answers 429 with Retry-After at once, and completes what it had queued', async () => {
    faults.holdInserts();
    const inFlight = api().post('/v1/predictions', batch('held', 100));
    const queued = [api().post('/v1/predictions', batch('queued-a', 120)), api().post('/v1/predictions', batch('queued-b', 120))];
    // The first insert is held; the two others wait behind it: 240 of 250 rows queued.
    await until(async () => (await queueRows()) === 240, 'the queue to hold 240 rows');
    const refused = await api().post('/v1/predictions', batch('over', 100));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(refused.body.error.code).toBe('rate_limited');
    expect(await stored('over')).toBe(0);

    faults.release();
    expect((await inFlight).status).toBe(200);
    expect((await Promise.all(queued)).map((r) => r.status)).toEqual([200, 200]);
    expect(await stored('queued-a')).toBe(120);
    expect(await stored('queued-b')).toBe(120);
  });
});
