import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, overHttp } from './support/http';
import { startOipServer, type OipServer } from './support/oipServer';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * The gateway answers before its prediction is stored (the log is written in the background,
 * gathered for a moment). A SIGTERM right after an answer must still store that prediction.
 */
const ADMIN_KEY = 'gateway-shutdown-admin-key-01234';
const data = tempDataDir();
let server: RunningServer | undefined;
let upstream: OipServer | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  await upstream?.stop();
  data.remove();
});

describe('gateway log on shutdown', () => {
  it('stores the predictions answered just before SIGTERM', async () => {
    upstream = await startOipServer({ version: '1' });
    // A long linger makes the race certain: without a flush at shutdown the row would be lost.
    const env = { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_GATEWAY_LOG_LINGER_MS: '10000' };
    server = await startServer({ dataDir: data.dir, env });
    const api = apiClient(overHttp(server.url), ADMIN_KEY);
    expect((await api.post('/v1/models', { name: 'churn', task: 'binary_classification', features: [{ name: 'age', type: 'numeric' }] })).status).toBe(201);
    expect((await api.post('/v1/models/churn/versions', { version: '1', endpoint: upstream.url })).status).toBe(201);
    const alias = await fetch(`${server.url}/v1/models/churn/aliases/production`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ version: '1' }) });
    expect(alias.status).toBe(200);

    const answer = await api.post('/v2/models/churn/infer', { id: 'last-words', inputs: [{ name: 'age', shape: [1], datatype: 'FP64', data: [41] }] });
    expect(answer.status).toBe(200);
    expect(await server.stop('SIGTERM')).toBe(0);

    server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY } });
    const stored = await apiClient(overHttp(server.url), ADMIN_KEY).get('/v1/models/churn/predictions/last-words');
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ version: '1', features: { age: 41 }, source: 'gateway' });
  }, 120_000);
});
