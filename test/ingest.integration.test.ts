import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * Telemetry in, through the HTTP API, with what ClickHouse holds afterwards as the judge.
 */
let t: TestApp;
let ingestKey: string;
beforeAll(async () => {
  t = await openTestApp({ maxBodyBytes: 2 * 1024 * 1024 });
  const admin = apiClient(t.fetcher, TEST_ADMIN_KEY);
  expect(
    (
      await admin.post('/v1/models', {
        name: 'churn',
        task: 'binary_classification',
        features: [
          { name: 'age', type: 'numeric' },
          { name: 'plan', type: 'categorical' },
        ],
      })
    ).status,
  ).toBe(201);
  expect((await admin.post('/v1/models', { name: 'price', task: 'regression', features: [{ name: 'rooms', type: 'numeric' }] })).status).toBe(201);
  expect((await admin.post('/v1/models', { name: 'lenient', task: 'regression', features: [{ name: 'x', type: 'numeric' }], settings: { allowUnknownFeatures: true } })).status).toBe(201);
  ingestKey = (await admin.post('/v1/keys', { scopes: ['ingest'] })).body.key;
}, 60_000);
afterAll(() => t.close());

const ingest = () => apiClient(t.fetcher, ingestKey);
const reader = () => apiClient(t.fetcher, TEST_ADMIN_KEY);

const T0 = Date.parse('2026-11-20T10:00:00Z');
function churn(id: string, overrides: Record<string, unknown> = {}) {
  return { model: 'churn', version: '3', id, timestamp: T0, features: { age: 42, plan: 'pro' }, prediction: 1, scores: { '1': 0.8, '0': 0.2 }, latencyMs: 12.5, ...overrides };
}

async function storedRows(model: string, ids: string[]): Promise<Record<string, any>[]> {
  const rows = await t.store.query<Record<string, any>>(
    'test.rows',
    'SELECT id, version, toUnixTimestamp64Milli(timestamp) AS ts, num_features, cat_features, prediction_num, prediction_cat, scores, latency_ms, source FROM predictions WHERE project = {p:String} AND model = {m:String} AND id IN {ids:Array(String)} ORDER BY id',
    { p: 'default', m: model, ids },
  );
  // 64-bit integers come as JSON numbers from chDB and as strings from a server.
  return rows.map((row) => ({ ...row, ts: Number(row.ts) }));
}

describe('POST /v1/predictions', () => {
  it('stores every item as sent, durable before the answer', async () => {
    const response = await ingest().post('/v1/predictions', {
      predictions: [churn('rt-1'), churn('rt-2', { features: { age: null, plan: 'free' }, prediction: 0, timestamp: '2026-11-20T10:00:01.500Z' })],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ accepted: 2, duplicates: 0, ids: ['rt-1', 'rt-2'] });
    const rows = await storedRows('churn', ['rt-1', 'rt-2']);
    expect(rows).toEqual([
      { id: 'rt-1', version: '3', ts: T0, num_features: { age: 42 }, cat_features: { plan: 'pro' }, prediction_num: 1, prediction_cat: '1', scores: { '0': 0.2, '1': 0.8 }, latency_ms: 12.5, source: 'api' },
      { id: 'rt-2', version: '3', ts: T0 + 1500, num_features: { age: null }, cat_features: { plan: 'free' }, prediction_num: 0, prediction_cat: '0', scores: { '0': 0.2, '1': 0.8 }, latency_ms: 12.5, source: 'api' },
    ]);
    const perFeature = await t.store.query<{ feature: string; num: number | null }>(
      'test.feature_values',
      "SELECT feature, num FROM predictions ARRAY JOIN mapKeys(num_features) AS feature, mapValues(num_features) AS num WHERE model = 'churn' AND id IN ('rt-1', 'rt-2') ORDER BY id, feature",
    );
    expect(perFeature).toEqual([
      { feature: 'age', num: 42 },
      { feature: 'age', num: null },
    ]);
  });

  it('generates ids and timestamps when absent and returns the ids', async () => {
    const before = Date.now();
    const response = await ingest().post('/v1/predictions', { predictions: [{ model: 'price', features: { rooms: 3 }, prediction: 250000.5 }] });
    expect(response.status).toBe(200);
    const [id] = response.body.ids;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const [row] = await storedRows('price', [id]);
    expect(row!.ts).toBeGreaterThanOrEqual(before);
    expect(row!.prediction_num).toBe(250000.5);
    expect(row!.prediction_cat).toBeNull();
  });

  it('stores a re-sent id once, within a request, across requests and across versions', async () => {
    const first = await ingest().post('/v1/predictions', { predictions: [churn('dup-1'), churn('dup-1'), churn('dup-2')] });
    expect(first.body).toMatchObject({ accepted: 3, duplicates: 1 });
    const again = await ingest().post('/v1/predictions', { predictions: [churn('dup-1', { timestamp: T0 + 60_000 }), churn('dup-2')] });
    expect(again.body).toMatchObject({ accepted: 2, duplicates: 2 });
    const counts = await t.store.query<{ id: string; n: string }>('test.count', "SELECT id, count() AS n FROM predictions WHERE model = 'churn' AND id LIKE 'dup-%' GROUP BY id ORDER BY id");
    expect(counts.map((c) => [c.id, Number(c.n)])).toEqual([
      ['dup-1', 1],
      ['dup-2', 1],
    ]);
  });

  it('loses and doubles nothing under concurrent clients, coalescing their requests into fewer inserts', async () => {
    const inserts = async () => Number(/vigil_ingest_batch_rows_count\{table="predictions"\} (\d+)/.exec(await t.metrics.registry.getSingleMetricAsString('vigil_ingest_batch_rows'))?.[1] ?? 0);
    const insertsBefore = await inserts();
    const clients = 8;
    const perClient = 25;
    const requests = Array.from({ length: clients }, (_, c) =>
      Array.from({ length: perClient }, (_, r) => ingest().post('/v1/predictions', { predictions: Array.from({ length: 20 }, (_, i) => churn(`conc-${c}-${r}-${i}`)) })),
    ).flat();
    const results = await Promise.all(requests);
    expect(results.every((r) => r.status === 200)).toBe(true);
    const [row] = await t.store.query<{ n: string; ids: string }>('test.count', "SELECT count() AS n, uniqExact(id) AS ids FROM predictions WHERE model = 'churn' AND id LIKE 'conc-%'");
    expect([Number(row!.n), Number(row!.ids)]).toEqual([clients * perClient * 20, clients * perClient * 20]);
    expect((await inserts()) - insertsBefore).toBeLessThan(clients * perClient);
  });

  it('takes 10,000 items in one request', async () => {
    const predictions = Array.from({ length: 10_000 }, (_, i) => churn(`bulk-${i}`, { features: { age: i % 90, plan: i % 2 ? 'pro' : 'free' } }));
    const response = await ingest().post('/v1/predictions', { predictions });
    expect(response.status).toBe(200);
    expect(response.body.accepted).toBe(10_000);
    const [row] = await t.store.query<{ n: string }>('test.count', "SELECT count() AS n FROM predictions WHERE model = 'churn' AND id LIKE 'bulk-%'");
    expect(Number(row!.n)).toBe(10_000);
  });

  it('accepts and ignores undeclared features when the model allows them', async () => {
    const response = await ingest().post('/v1/predictions', { predictions: [{ model: 'lenient', id: 'l-1', features: { x: 1, extra: 'y' }, prediction: 2 }] });
    expect(response.status).toBe(200);
    expect((await storedRows('lenient', ['l-1']))[0]!.num_features).toEqual({ x: 1 });
  });
});

describe('bad predictions: a clear 4xx, and nothing of the request stored', () => {
  const cases: [string, unknown, number, string[]][] = [
    ['malformed JSON', '{"predictions": [', 400, []],
    ['an empty batch', { predictions: [] }, 400, ['predictions']],
    ['a missing field', { predictions: [churn('bad-1'), { model: 'churn', features: {} }] }, 400, ['predictions[1].prediction']],
    ['a numeric feature sent as text', { predictions: [churn('bad-2'), churn('bad-3', { features: { age: 'old', plan: 'pro' } })] }, 400, ['predictions[1].features.age']],
    ['a categorical feature sent as a number', { predictions: [churn('bad-4', { features: { age: 1, plan: 3 } })] }, 400, ['predictions[0].features.plan']],
    ['an unknown feature', { predictions: [churn('bad-5', { features: { age: 1, plan: 'pro', colour: 'red' } })] }, 400, ['predictions[0].features.colour']],
    ['an unknown model', { predictions: [churn('bad-6', { model: 'nope' })] }, 400, ['predictions[0].model']],
    ['text output for a regression model', { predictions: [{ model: 'price', id: 'bad-7', features: { rooms: 2 }, prediction: 'high' }] }, 400, ['predictions[0].prediction']],
    ['a timestamp far in the future', { predictions: [churn('bad-8', { timestamp: '2999-01-01T00:00:00Z' })] }, 400, ['predictions[0].timestamp']],
    ['a malformed timestamp', { predictions: [churn('bad-9', { timestamp: 'yesterday' })] }, 400, ['predictions[0].timestamp']],
    ['a negative latency', { predictions: [churn('bad-10', { latencyMs: -1 })] }, 400, ['predictions[0].latencyMs']],
    ['a feature name with quotes and markup', { predictions: [churn('bad-11', { features: { age: 1, plan: 'x', 'a"b<i>': 1 } })] }, 400, ['predictions[0].features["a\\"b<i>"]']],
  ];
  it.each(cases)('%s', async (_name, body, status, paths) => {
    const response = await ingest().post('/v1/predictions', body);
    expect(response.status).toBe(status);
    expect(response.body.error.code).toBe('invalid_request');
    const reported = (response.body.error.details ?? []).map((d: { path: string }) => d.path);
    expect(reported).toEqual(expect.arrayContaining(paths));
    const [row] = await t.store.query<{ n: string }>('test.count', "SELECT count() AS n FROM predictions WHERE id LIKE 'bad-%'");
    expect(Number(row!.n)).toBe(0);
  });

  it('names the field, the expected type and the value', async () => {
    const response = await ingest().post('/v1/predictions', { predictions: [churn('bad-20'), churn('bad-21'), churn('bad-22'), churn('bad-23', { features: { age: 'old', plan: 'pro' } })] });
    expect(response.body.error.details).toEqual([{ path: 'predictions[3].features.age', message: 'expected a number or null, got string "old"' }]);
    expect(response.body.error.message).toContain('predictions[3].features.age');
  });

  it('answers 415 for a body that is not JSON, 413 for an oversized body, 403 for a read-only key', async () => {
    expect((await ingest().post('/v1/predictions', 'id,age\n1,2', { 'content-type': 'text/csv' })).status).toBe(415);
    const huge = { predictions: Array.from({ length: 20_000 }, (_, i) => churn(`huge-${i}`)) };
    const tooBig = await ingest().post('/v1/predictions', huge);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    const readKey = (await reader().post('/v1/keys', { scopes: ['read'] })).body.key;
    expect((await apiClient(t.fetcher, readKey).post('/v1/predictions', { predictions: [churn('bad-30')] })).status).toBe(403);
  });

  it('counts refused items by reason and model, in /metrics and in ClickHouse', async () => {
    await ingest().post('/v1/predictions', { predictions: [churn('bad-40', { features: { age: 'x', plan: 'pro' } })] });
    const text = await t.metrics.registry.getSingleMetricAsString('vigil_ingest_rejected_total');
    expect(text).toMatch(/vigil_ingest_rejected_total\{kind="prediction",reason="wrong_type",model="churn"\} [1-9]/);
    // Counts are written in the background, coalesced over a second.
    const counted = async () => Number((await t.store.query<{ n: string }>('test.rejections', "SELECT sum(count) AS n FROM ingest_rejections WHERE model = 'churn' AND feature = 'age' AND reason = 'wrong_type'"))[0]?.n ?? 0);
    const deadline = Date.now() + 10_000;
    while ((await counted()) < 1 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await counted()).toBeGreaterThanOrEqual(1);
  });
});

describe('POST /v1/feedback', () => {
  it('joins labels to predictions by id, whether they come before or after', async () => {
    expect((await ingest().post('/v1/feedback', { feedback: [{ model: 'churn', predictionId: 'fb-early', label: 0 }] })).status).toBe(200);
    await ingest().post('/v1/predictions', { predictions: [churn('fb-early'), churn('fb-late')] });
    const later = await ingest().post('/v1/feedback', { feedback: [{ model: 'churn', predictionId: 'fb-late', label: 1, timestamp: '2026-11-21T00:00:00Z' }] });
    expect(later.body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await reader().get('/v1/models/churn/predictions/fb-early')).body).toMatchObject({ id: 'fb-early', label: 0 });
    expect((await reader().get('/v1/models/churn/predictions/fb-late')).body).toMatchObject({ id: 'fb-late', label: 1, labeledAt: '2026-11-21T00:00:00.000Z' });
  });

  it('refuses a text label for a regression model and an unknown model', async () => {
    const response = await ingest().post('/v1/feedback', { feedback: [{ model: 'price', predictionId: 'x', label: 'cheap' }, { model: 'gone', predictionId: 'y', label: 1 }] });
    expect(response.status).toBe(400);
    expect(response.body.error.details.map((d: { path: string }) => d.path)).toEqual(['feedback[0].label', 'feedback[1].model']);
  });
});

describe('GET /v1/models/{model}/predictions', () => {
  it('pages newest first with a cursor, filtered by time and version', async () => {
    const base = Date.parse('2026-11-22T00:00:00Z');
    await ingest().post('/v1/predictions', {
      predictions: Array.from({ length: 7 }, (_, i) => ({ model: 'price', version: i < 5 ? 'a' : 'b', id: `page-${i}`, timestamp: base + i * 1000, features: { rooms: i }, prediction: i })),
    });
    const from = new Date(base).toISOString();
    const to = new Date(base + 60_000).toISOString();
    const first = await reader().get(`/v1/models/price/predictions?from=${from}&to=${to}&version=a&limit=3`);
    expect(first.status).toBe(200);
    expect(first.body.predictions.map((p: { id: string }) => p.id)).toEqual(['page-4', 'page-3', 'page-2']);
    const second = await reader().get(`/v1/models/price/predictions?from=${from}&to=${to}&version=a&limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.predictions.map((p: { id: string }) => p.id)).toEqual(['page-1', 'page-0']);
    expect(second.body.nextCursor).toBeNull();
    expect(second.body.predictions[0]).toMatchObject({ model: 'price', version: 'a', features: { rooms: 1 }, prediction: 1, source: 'api', label: null });
  });

  it('answers 404 for an unknown prediction or model, 400 for a bad cursor', async () => {
    expect((await reader().get('/v1/models/price/predictions/never-sent')).status).toBe(404);
    expect((await reader().get('/v1/models/nope/predictions')).status).toBe(404);
    const bad = await reader().get('/v1/models/price/predictions?cursor=not-a-cursor');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('cursor');
  });
});

describe('versions', () => {
  it("records the production alias's version on arrival when an item names none", async () => {
    const admin = reader();
    expect((await admin.post('/v1/models/price/versions', { version: '5' })).status).toBe(201);
    expect((await admin.post('/v1/models/price/versions', { version: '6' })).status).toBe(201);
    const point = (version: string) => t.fetcher('/v1/models/price/aliases/production', { method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ version }) });
    expect((await point('5')).status).toBe(200);
    await ingest().post('/v1/predictions', { predictions: [{ model: 'price', id: 'alias-1', features: { rooms: 1 }, prediction: 1 }] });
    expect((await point('6')).status).toBe(200);
    await ingest().post('/v1/predictions', { predictions: [{ model: 'price', id: 'alias-2', features: { rooms: 1 }, prediction: 1 }, { model: 'price', id: 'alias-3', version: 'explicit', features: { rooms: 1 }, prediction: 1 }] });
    expect((await storedRows('price', ['alias-1', 'alias-2', 'alias-3'])).map((r) => r.version)).toEqual(['5', '6', 'explicit']);
  });

  it('shows versions seen in traffic on the model, registered or not', async () => {
    const model = await reader().get('/v1/models/price');
    expect(model.status).toBe(200);
    const seen = Object.fromEntries(model.body.seenVersions.map((v: { version: string }) => [v.version, v]));
    expect(seen['5']).toMatchObject({ registered: true, predictions: 1 });
    expect(seen['explicit']).toMatchObject({ registered: false, predictions: 1 });
  });
});
