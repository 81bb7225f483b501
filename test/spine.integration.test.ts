import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, overHttp } from './support/http';
import { announcedKey, startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * The spine as a user meets it: start on an empty data directory, get the admin key printed
 * once, create a model, restart, and find the model still there.
 */
describe('Vigil on embedded ClickHouse, across a restart', () => {
  const data = tempDataDir();
  let first: RunningServer | undefined;
  let second: RunningServer | undefined;

  afterAll(async () => {
    await first?.stop('SIGKILL');
    await second?.stop('SIGKILL');
    data.remove();
  });

  let adminKey: string;

  beforeAll(async () => {
    first = await startServer({ dataDir: data.dir });
  }, 90_000);

  it('prints an admin key on the first start, and keeps it for local tools in a file only its user reads', () => {
    const key = announcedKey(first!.output);
    expect(key).toMatch(/^vgl_/);
    adminKey = key!;
    const file = join(data.dir, 'admin-key');
    expect(readFileSync(file, 'utf8')).toBe(`${key}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('serves health, readiness, metrics, the OpenAPI document and the reference page without a key', async () => {
    const api = apiClient(overHttp(first!.url));
    expect(await api.get('/healthz')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await api.get('/readyz')).toMatchObject({ status: 200, body: { status: 'ok', checks: { storage: 'ok', storage_writes: 'ok' } } });
    const openapi = await api.get('/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/models', '/v1/models/{model}', '/v1/keys', '/healthz', '/readyz', '/metrics']));
    const docs = await api.get('/docs');
    expect(docs.status).toBe(200);
    expect(docs.body).toContain('/openapi.json');
    expect((await fetch(new URL('/docs/assets/swagger-ui-bundle.js', first!.url))).status).toBe(200);
  });

  it('keeps a created model across a graceful restart, and announces no second key', async () => {
    const api = apiClient(overHttp(first!.url), adminKey);
    const created = await api.post('/v1/models', {
      name: 'churn',
      task: 'binary_classification',
      features: [
        { name: 'tenure_months', type: 'numeric' },
        { name: 'plan', type: 'categorical' },
      ],
      owner: 'growth-ml',
      tags: { team: 'growth' },
    });
    expect(created.status).toBe(201);

    expect(await first!.stop('SIGTERM')).toBe(0);
    expect(first!.output.some((line) => line.includes('"msg":"stopped"'))).toBe(true);

    second = await startServer({ dataDir: data.dir });
    expect(announcedKey(second.output)).toBeUndefined();
    const again = apiClient(overHttp(second.url), adminKey);
    const model = await again.get('/v1/models/churn');
    expect(model.status).toBe(200);
    expect(model.body).toMatchObject({
      name: 'churn',
      task: 'binary_classification',
      features: [
        { name: 'tenure_months', type: 'numeric' },
        { name: 'plan', type: 'categorical' },
      ],
      owner: 'growth-ml',
      tags: { team: 'growth' },
    });
    expect((await again.get('/v1/models')).body.models.map((m: { name: string }) => m.name)).toEqual(['churn']);
  }, 90_000);

  it('counts requests by route and status in /metrics', async () => {
    const text = (await apiClient(overHttp(second!.url)).get('/metrics')).body as string;
    expect(text).toMatch(/vigil_http_requests_total\{method="GET",route="\/v1\/models\/:model",status="200"\} 1/);
    expect(text).toMatch(/vigil_http_request_duration_seconds_bucket\{.*route="\/v1\/models\/:model"/);
    expect(text).toContain('vigil_process_cpu_seconds_total');
  });
});

describe('VIGIL_ADMIN_KEY', () => {
  it('makes the given value an admin key and announces none', async () => {
    const data = tempDataDir();
    const adminKey = 'automation-admin-key-0123456789';
    const server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: adminKey } });
    try {
      expect(announcedKey(server.output)).toBeUndefined();
      const api = apiClient(overHttp(server.url), adminKey);
      expect((await api.post('/v1/keys', { scopes: ['read'] })).status).toBe(201);
      expect(server.output.join('\n')).not.toContain(adminKey);
    } finally {
      await server.stop();
      data.remove();
    }
  }, 90_000);
});

describe('a wrong configuration', () => {
  it('stops at start with a message naming the variable', async () => {
    const data = tempDataDir();
    try {
      await expect(startServer({ dataDir: data.dir, env: { PORT: 'eighty' } })).rejects.toThrow(/PORT="eighty": expected a port number/);
    } finally {
      data.remove();
    }
  }, 30_000);
});
