import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../server/app';
import { bootstrapAccess } from '../server/auth/bootstrap';
import { createLogger } from '../server/logger';
import { createMetrics } from '../server/metrics';
import type { GatewaySettings } from '../server/serving';
import { IngestPipeline } from '../ingest/pipeline';
import { ApiKeyRepository } from '../store/apiKeys';
import { openStore, type Store } from '../store/clickhouse';
import { GatewayRequestRepository } from '../store/gatewayRequests';
import { migrate } from '../store/migrations';
import { ProjectRepository } from '../store/projects';
import { apiClient, type Fetcher } from './support/http';
import { startOipServer, type OipServer } from './support/oipServer';
import { tempDataDir } from './support/server';

/**
 * The serving gateway in front of small OIP v2 model servers on loopback: routing by alias,
 * canary share, shadow copies, logging, upstream failures, the breaker, and a rollback under
 * load. ClickHouse (chDB) is the judge of what was logged.
 */
const ADMIN_KEY = 'gateway-test-admin-key-of-default';
const SETTINGS: Partial<GatewaySettings> = {
  // Generous: under the canary load, this process also runs chDB; the hang test waits for it.
  timeoutMs: 1_500,
  canaryShare: 0.2,
  breakerFailures: 3,
  breakerCooldownMs: 60_000,
  // Long on purpose: an alias move must still apply to the next request (the cache hears it).
  routeCacheMs: 60_000,
};

let store: Store;
let fetcher: Fetcher;
let metricsText: () => Promise<string>;
let closeAll: () => Promise<void>;
let ingestKey: string;
const servers: Record<string, OipServer> = {};

const admin = () => apiClient(fetcher, ADMIN_KEY);
const client = () => apiClient(fetcher, ingestKey);

async function putAlias(model: string, alias: string, version: string): Promise<void> {
  const response = await fetcher(`/v1/models/${model}/aliases/${alias}`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ version }) });
  expect(response.status, await response.text()).toBe(200);
}

async function until<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function storedPredictions(model: string, ids: string[]) {
  const rows = await store.query<Record<string, any>>(
    'test.gateway.rows',
    'SELECT id, version, num_features, cat_features, prediction_num, prediction_cat, scores, latency_ms, source FROM predictions WHERE project = {p:String} AND model = {m:String} AND id IN {ids:Array(String)} ORDER BY id',
    { p: 'default', m: model, ids },
  );
  return rows.length === ids.length ? rows : undefined;
}

/** One feature per input tensor, as most OIP clients send a single row. */
function perFeature(id: string, age: number, income: number, plan: string) {
  return {
    id,
    inputs: [
      { name: 'age', shape: [1], datatype: 'FP64', data: [age] },
      { name: 'income', shape: [1], datatype: 'FP64', data: [income] },
      { name: 'plan', shape: [1], datatype: 'BYTES', data: [plan] },
    ],
  };
}

async function createModel(name: string, versions: Record<string, OipServer>) {
  expect(
    (
      await admin().post('/v1/models', {
        name,
        task: 'binary_classification',
        features: [
          { name: 'age', type: 'numeric' },
          { name: 'income', type: 'numeric' },
          { name: 'plan', type: 'categorical' },
        ],
      })
    ).status,
  ).toBe(201);
  for (const [version, server] of Object.entries(versions)) expect((await admin().post(`/v1/models/${name}/versions`, { version, endpoint: server.url })).status).toBe(201);
}

beforeAll(async () => {
  const data = tempDataDir('vigil-gateway-');
  store = await openStore({ database: 'vigil', dataDir: data.dir });
  await migrate(store);
  await bootstrapAccess({ projects: new ProjectRepository(store), keys: new ApiKeyRepository(store), adminKey: ADMIN_KEY, now: Date.now, announce: () => {} });
  const metrics = createMetrics();
  const logger = createLogger('silent');
  const ingest = IngestPipeline.forServer({ store, registry: metrics.registry, logger, writer: { maxBatchRows: 20_000, lingerMs: 2, maxQueuedRows: 200_000 } });
  const app = createApp({ store, logger, metrics, ingest, maxBodyBytes: 1024 * 1024, gateway: SETTINGS });
  fetcher = async (path, init) => app.request(path, init);
  metricsText = () => metrics.registry.metrics();
  for (const name of ['v1', 'v2', 'v3', 'f1', 'a', 'b']) servers[name] = await startOipServer({ version: name });
  closeAll = async () => {
    await Promise.all(Object.values(servers).map((s) => s.stop()));
    await ingest.close();
    await store.close();
    data.remove();
  };
  await createModel('churn', { '1': servers.v1!, '2': servers.v2!, '3': servers.v3! });
  await putAlias('churn', 'production', '1');
  ingestKey = (await admin().post('/v1/keys', { scopes: ['ingest'] })).body.key;
}, 60_000);
afterAll(() => closeAll());

describe('POST /v2/models/{model}/infer', () => {
  it('forwards to the production version and names the version and prediction id', async () => {
    const before = servers.v1!.received.length;
    const response = await client().post('/v2/models/churn/infer', perFeature('route-1', 52, 1000, 'pro'));
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ model_version: 'v1', id: 'route-1', outputs: [{ name: 'label', data: [1] }, { name: 'proba' }] });
    expect(response.headers.get('vigil-model-version')).toBe('1');
    expect(response.headers.get('vigil-prediction-id')).toBe('route-1');
    const forwarded = servers.v1!.received.slice(before);
    expect(forwarded).toHaveLength(1);
    expect(forwarded[0]!.model).toBe('churn');
    expect(forwarded[0]!.headers.authorization).toBeUndefined();
  });

  it('needs a key with scope ingest', async () => {
    expect((await apiClient(fetcher).post('/v2/models/churn/infer', perFeature('auth-1', 1, 1, 'x'))).status).toBe(401);
    const reader = apiClient(fetcher, (await admin().post('/v1/keys', { scopes: ['read'] })).body.key);
    const refused = await reader.post('/v2/models/churn/infer', perFeature('auth-2', 1, 1, 'x'));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('"ingest"');
    expect((await client().post('/v2/models/nope/infer', perFeature('auth-3', 1, 1, 'x'))).status).toBe(404);
  });

  it('logs each request as predictions that match its inputs and outputs, per feature and as a batch matrix', async () => {
    expect((await client().post('/v2/models/churn/infer', perFeature('log-1', 52, 1000.5, 'pro'))).status).toBe(200);
    const batch = await client().post('/v2/models/churn/infer', { id: 'log-batch', inputs: [{ name: 'x', shape: [2, 3], datatype: 'FP64', data: [[30, 10, 7], [45, 20, 8]] }] });
    expect(batch.status).toBe(200);
    const rows = await until(() => storedPredictions('churn', ['log-1', 'log-batch:0', 'log-batch:1']), 'the logged predictions');
    expect(rows.map(({ latency_ms, ...row }) => ({ ...row, latency: typeof latency_ms }))).toEqual([
      { id: 'log-1', version: '1', num_features: { age: 52, income: 1000.5 }, cat_features: { plan: 'pro' }, prediction_num: 1, prediction_cat: '1', scores: { '0': 0.25, '1': 0.75 }, source: 'gateway', latency: 'number' },
      { id: 'log-batch:0', version: '1', num_features: { age: 30, income: 10 }, cat_features: { plan: '7' }, prediction_num: 0, prediction_cat: '0', scores: { '0': 0.75, '1': 0.25 }, source: 'gateway', latency: 'number' },
      { id: 'log-batch:1', version: '1', num_features: { age: 45, income: 20 }, cat_features: { plan: '8' }, prediction_num: 1, prediction_cat: '1', scores: { '0': 0.25, '1': 0.75 }, source: 'gateway', latency: 'number' },
    ]);
    const outcomes = await until(async () => {
      const found = await store.query<{ outcome: string; role: string; http_status: number }>('test.gateway.outcome', "SELECT outcome, role, http_status FROM gateway_requests WHERE request_id = 'log-1'");
      return found.length > 0 ? found : undefined;
    }, 'the outcome row');
    expect(outcomes).toEqual([{ outcome: 'ok', role: 'production', http_status: 200 }]);
  });

  it('answers a request whose tensor is nested 100,000 deep, logs what it can, and keeps serving', async () => {
    // A model server that answers without reading the request (the test OIP server would itself overflow parsing it).
    const blind = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.setHeader('content-type', 'application/json').end(JSON.stringify({ model_name: 'deep', outputs: [{ name: 'label', shape: [1], datatype: 'INT64', data: [1] }] })));
    });
    await new Promise<void>((resolve) => blind.listen(0, '127.0.0.1', resolve));
    try {
      await createModel('deep', { '1': { url: `http://127.0.0.1:${(blind.address() as AddressInfo).port}` } as OipServer });
      await putAlias('deep', 'production', '1');
      // Written as text: JSON.stringify itself would overflow on it.
      const nested = `${'['.repeat(100_000)}52${']'.repeat(100_000)}`;
      const body = `{"id":"deep-1","inputs":[{"name":"age","shape":[1],"datatype":"FP64","data":${nested}},{"name":"plan","shape":[1],"datatype":"BYTES","data":["pro"]}]}`;
      expect((await client().post('/v2/models/deep/infer', body)).status).toBe(200);
      // The deep tensor is not a feature value; the rest of the request is logged as usual.
      const [row] = await until(() => storedPredictions('deep', ['deep-1']), 'the logged prediction');
      expect(row).toMatchObject({ num_features: {}, cat_features: { plan: 'pro' } });
      expect((await client().post('/v2/models/deep/infer', perFeature('after-deep', 30, 10, 'free'))).status).toBe(200);
    } finally {
      blind.close();
    }
  });

  it('sends about the canary share to the canary, the same key always to the same side', async () => {
    await putAlias('churn', 'canary', '2');
    try {
      const n = 2_000;
      let canary = 0;
      let next = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          for (let i = next++; i < n; i = next++) {
            const response = await client().post('/v2/models/churn/infer', perFeature(`canary-${i}`, 20, 1, 'free'), { 'vigil-request-key': `user-${i}` });
            expect(response.status).toBe(200);
            if (response.headers.get('vigil-model-version') === '2') canary++;
          }
        }),
      );
      // Binomial(2,000, 0.2): mean 400, sd 17.9; 5 sd either side.
      expect(Math.abs(canary - 400)).toBeLessThan(90);
      const sides = new Set<string | null>();
      for (let i = 0; i < 10; i++) sides.add((await client().post('/v2/models/churn/infer', perFeature(`sticky-${i}`, 20, 1, 'free'), { 'vigil-request-key': 'user-7' })).headers.get('vigil-model-version'));
      expect(sides.size).toBe(1);
    } finally {
      expect((await admin().delete('/v1/models/churn/aliases/canary')).status).toBe(204);
    }
  }, 60_000);

  it('mirrors to the shadow version without making the caller wait, and logs its answer under its own version', async () => {
    servers.v3!.behaviour = { kind: 'answer', delayMs: 2_000 };
    await putAlias('churn', 'shadow', '3');
    try {
      const before = servers.v3!.received.length;
      const started = performance.now();
      const response = await client().post('/v2/models/churn/infer', perFeature('shadowed-1', 60, 5, 'pro'));
      const elapsed = performance.now() - started;
      expect(response.status).toBe(200);
      expect(response.headers.get('vigil-model-version')).toBe('1');
      expect(elapsed).toBeLessThan(1_000);
      const copies = await until(async () => (servers.v3!.received.length > before ? servers.v3!.received.slice(before) : undefined), 'the shadow copy');
      expect(copies.map((r) => r.body.id)).toEqual(['shadowed-1']);
      // The shadow's own timeout (1.5 s here) applies: the slow shadow is recorded as a timeout.
      servers.v3!.behaviour = { kind: 'answer' };
      expect((await client().post('/v2/models/churn/infer', perFeature('shadowed-2', 30, 5, 'free'))).status).toBe(200);
      const rows = await until(() => storedPredictions('churn', ['shadowed-2', 'shadowed-2#shadow']), 'the production and shadow predictions');
      expect(rows.map((r) => [r.id, r.version, r.prediction_num])).toEqual([
        ['shadowed-2', '1', 0],
        ['shadowed-2#shadow', '3', 0],
      ]);
      const timedOut = await until(async () => {
        const found = await store.query<{ outcome: string }>('test.gateway.shadow', "SELECT outcome FROM gateway_requests WHERE request_id = 'shadowed-1#shadow'");
        return found[0];
      }, 'the slow shadow outcome');
      expect(timedOut.outcome).toBe('timeout');
    } finally {
      servers.v3!.behaviour = { kind: 'answer' };
      expect((await admin().delete('/v1/models/churn/aliases/shadow')).status).toBe(204);
    }
  });

  it('exposes request counts, errors and latency per model and version on /metrics', async () => {
    const text = await metricsText();
    expect(text).toMatch(/vigil_gateway_requests_total\{project="default",model="churn",version="1",role="production",outcome="ok"\} \d+/);
    expect(text).toMatch(/vigil_gateway_request_duration_seconds_bucket\{le="0.1",project="default",model="churn",version="1",role="production"\} \d+/);
  });
});

describe('upstream failures', () => {
  beforeAll(async () => {
    await createModel('fragile', { '1': servers.f1! });
    await putAlias('fragile', 'production', '1');
  });

  it('answers 502 with the model server reason on a 5xx, counted as an error of the version', async () => {
    servers.f1!.behaviour = { kind: 'fail', status: 500, error: 'CUDA out of memory' };
    const response = await client().post('/v2/models/fragile/infer', perFeature('fail-1', 1, 1, 'x'));
    expect(response.status).toBe(502);
    expect(response.body.error.code).toBe('upstream_error');
    expect(response.body.error.message).toBe('model server of version "1" answered 500: CUDA out of memory');
    expect(response.headers.get('vigil-model-version')).toBe('1');
    expect(await metricsText()).toMatch(/vigil_gateway_errors_total\{project="default",model="fragile",version="1",role="production",outcome="upstream_error"\} 1/);
    servers.f1!.behaviour = { kind: 'answer' };
    expect((await client().post('/v2/models/fragile/infer', perFeature('fail-ok', 1, 1, 'x'))).status).toBe(200);
  });

  it('answers 504 when the model server does not answer in time', async () => {
    servers.f1!.behaviour = { kind: 'hang' };
    const started = performance.now();
    const response = await client().post('/v2/models/fragile/infer', perFeature('slow-1', 1, 1, 'x'));
    expect(response.status).toBe(504);
    expect(response.body.error.message).toBe('model server of version "1" no complete answer within 1500 ms');
    expect(performance.now() - started).toBeLessThan(3_000);
  });

  it('records failures for the error rate per version and window', async () => {
    const windows = await until(async () => {
      const found = await new GatewayRequestRepository(store).windows('default', 'fragile', 0, Date.now() + 60_000, 3_600_000 * 24 * 365 * 100);
      return found[0] && found[0].requests >= 3 ? found : undefined;
    }, 'the outcome rows');
    expect(windows).toMatchObject([{ version: '1', role: 'production', requests: 3, errors: 2, outcomes: { ok: 1, upstream_error: 1, timeout: 1 } }]);
    expect(windows[0]!.errorRate).toBeCloseTo(2 / 3);
    // And the API's traffic windows (the dashboard's error-rate panel) say the same.
    const traffic = (await admin().get(`/v1/models/fragile/traffic?from=${Date.now() - 3_600_000}&to=${Date.now() + 3_600_000}`)).body.windows;
    const calls = traffic.reduce((sum: { requests: number; errors: number }, w: any) => ({ requests: sum.requests + w.gatewayRequests, errors: sum.errors + w.gatewayErrors }), { requests: 0, errors: 0 });
    expect(calls).toEqual({ requests: 3, errors: 2 });
    expect(traffic.find((w: any) => w.gatewayRequests > 0).gatewayErrorRate).toBeGreaterThan(0);
  });

  it('stops calling a dead model server after consecutive failures and answers 503 fast', async () => {
    servers.f1!.behaviour = { kind: 'fail', status: 503, error: 'loading' };
    // The timeout above was the first failure in a row; two more open the breaker (threshold 3).
    for (const id of ['dead-1', 'dead-2']) expect((await client().post('/v2/models/fragile/infer', perFeature(id, 1, 1, 'x'))).status).toBe(502);
    const before = servers.f1!.received.length;
    const refused = await client().post('/v2/models/fragile/infer', perFeature('dead-3', 1, 1, 'x'));
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('upstream_unavailable');
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(servers.f1!.received.length).toBe(before);
    expect(await metricsText()).toContain('vigil_gateway_circuit_state{endpoint="' + servers.f1!.url + '/v2/models/fragile",state="open"} 1');
    const ready = await client().get('/v2/models/fragile/ready');
    expect(ready.status).toBe(400);
    expect(ready.body).toMatchObject({ name: 'fragile', ready: false });
  });
});

describe('metadata and readiness', () => {
  it('passes the production model server metadata through under the model name', async () => {
    const response = await client().get('/v2/models/churn');
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ name: 'churn', versions: ['v1'], platform: 'test' });
    expect(response.headers.get('vigil-model-version')).toBe('1');
  });

  it('is ready when the production model server is, and says why not otherwise', async () => {
    expect((await client().get('/v2/models/churn/ready')).body).toEqual({ name: 'churn', ready: true });
    servers.v1!.ready = false;
    try {
      expect((await client().get('/v2/models/churn/ready')).status).toBe(400);
    } finally {
      servers.v1!.ready = true;
    }
    await admin().post('/v1/models', { name: 'unrouted', task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
    const unrouted = await client().get('/v2/models/unrouted/ready');
    expect(unrouted.status).toBe(400);
    expect(unrouted.body.reason).toContain('has no production version');
    const infer = await client().post('/v2/models/unrouted/infer', perFeature('u-1', 1, 1, 'x'));
    expect(infer.status).toBe(503);
    expect(infer.body.error.code).toBe('model_not_ready');
  });
});

describe('rollback', () => {
  it('applies to the next request while requests in flight finish; none is lost', async () => {
    await createModel('live', { '1': servers.a!, '2': servers.b! });
    await putAlias('live', 'production', '2');
    servers.a!.behaviour = { kind: 'answer', delayMs: 5 };
    servers.b!.behaviour = { kind: 'answer', delayMs: 5 };
    let next = 0;
    let movedAt = Infinity;
    let startedAfterMove = 0;
    const results: { id: string; status: number; version: string | null; startedAt: number }[] = [];
    await Promise.all([
      // Clients send until 200 requests have started after the rollback.
      ...Array.from({ length: 12 }, async () => {
        while (startedAfterMove < 200) {
          const id = `live-${next++}`;
          const startedAt = performance.now();
          if (startedAt > movedAt) startedAfterMove++;
          const response = await client().post('/v2/models/live/infer', perFeature(id, 50, 1, 'pro'));
          results.push({ id, status: response.status, version: response.headers.get('vigil-model-version'), startedAt });
        }
      }),
      (async () => {
        await until(async () => (next > 200 ? true : undefined), 'some load on version 2');
        // The rollback: production back to version 1, through the API, during the load.
        await putAlias('live', 'production', '1');
        movedAt = performance.now();
      })(),
    ]);
    const total = results.length;
    expect(results.filter((r) => r.status !== 200)).toEqual([]);
    const after = results.filter((r) => r.startedAt > movedAt);
    expect(after.length).toBeGreaterThan(100);
    expect(after.filter((r) => r.version !== '1')).toEqual([]);
    expect(results.filter((r) => r.version === '2').length).toBeGreaterThan(0);
    const logged = await until(async () => {
      const [row] = await store.query<{ n: string | number }>('test.gateway.live', "SELECT count() AS n FROM predictions WHERE model = 'live'");
      return Number(row!.n) === total ? Number(row!.n) : undefined;
    }, 'every prediction of the load to be logged');
    expect(logged).toBe(total);
    const byVersion = await store.query<{ version: string; n: string | number }>('test.gateway.live.versions', "SELECT version, count() AS n FROM predictions WHERE model = 'live' GROUP BY version ORDER BY version");
    expect(byVersion.map((r) => [r.version, Number(r.n)])).toEqual([
      ['1', results.filter((r) => r.version === '1').length],
      ['2', results.filter((r) => r.version === '2').length],
    ]);
  }, 60_000);
});
