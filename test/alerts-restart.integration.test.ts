import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_ALERTING_ENV, spread } from './support/alerting';
import { apiClient, overHttp } from './support/http';
import { startServer, tempDataDir, type RunningServer } from './support/server';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

/**
 * State and deliveries survive a restart: a webhook fails its first attempt, Vigil stops
 * (SIGTERM) before the retry is due, starts again on the same data, and the retry goes out
 * from the persisted queue with the same webhook-id; the alert is still firing, not fired twice.
 */
const ADMIN_KEY = 'alerts-restart-admin-key-0123456789';
const SECRET = `whsec_${Buffer.alloc(32, 5).toString('base64')}`;
const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;
const ENV = {
  VIGIL_ADMIN_KEY: ADMIN_KEY,
  ...PROMPT_ALERTING_ENV,
  // The retry comes 4-8 s after the failure: after the restart below, whatever its speed.
  VIGIL_DELIVERY_BACKOFF_MS: '8000',
  VIGIL_DELIVERY_MAX_BACKOFF_MS: '8000',
};

let data: { dir: string; remove(): void };
let server: RunningServer;
let hooks: WebhookReceiver;
const api = () => apiClient(overHttp(server.url), ADMIN_KEY);


beforeAll(async () => {
  hooks = await startWebhookReceiver({ secret: SECRET });
  data = tempDataDir('vigil-alerts-restart-');
  server = await startServer({ dataDir: data.dir, env: ENV });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  data?.remove();
  await hooks?.close();
});

describe('a restart between retries', () => {
  it('continues the pending delivery from storage, and keeps the alert firing', async () => {
    expect((await api().post('/v1/models', { name: 'churn', task: 'regression', features: [{ name: 'age', type: 'numeric' }] })).status).toBe(201);
    expect((await api().post('/v1/models/churn/versions', { version: '1' })).status).toBe(201);
    const channel = await api().post('/v1/channels', { name: 'hook', type: 'webhook', config: { url: `${hooks.url}/vigil` }, secret: SECRET });
    expect(channel.status).toBe(201);
    const rule = await api().post('/v1/alert-rules', { name: 'AgePsi', model: 'churn', metric: 'psi', feature: 'age', op: '>', threshold: 0.2, channels: [channel.body.id] });
    expect(rule.status).toBe(201);
    const upload = await fetch(new URL('/v1/models/churn/versions/1/baseline', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
      body: `age\n${spread(500, 20, 60).join('\n')}\n`,
    });
    expect(upload.status).toBe(201);
    const predictions = spread(300, 50, 90).map((age, i) => ({ model: 'churn', version: '1', id: `p-${i}`, timestamp: T0 + i * 1000, features: { age }, prediction: 1 }));
    expect((await api().post('/v1/predictions', { predictions })).status).toBe(200);

    hooks.failNext(1);
    expect((await api().post('/v1/models/churn/drift/run', { from: T0, to: T0 + HOUR })).status).toBe(200);
    const first = await hooks.waitFor(() => true, 30_000);
    expect(first.status).toBe(503);
    // The default FeatureDrift rule fires too (on no channel); this test follows AgePsi.
    const alert = (await api().get('/v1/alerts?state=firing')).body.alerts.find((a: any) => a.labels.alertname === 'AgePsi');
    expect(alert.labels).toMatchObject({ alertname: 'AgePsi', feature: 'age' });

    expect(await server.stop('SIGTERM')).toBe(0);
    expect(hooks.received).toHaveLength(1);
    const stoppedAt = Date.now();
    server = await startServer({ dataDir: data.dir, env: ENV });

    const retried = await hooks.waitFor((r) => r.status === 200, 30_000);
    expect(retried.at).toBeGreaterThan(stoppedAt);
    expect(retried.signatureValid).toBe(true);
    expect(retried.headers['webhook-id']).toBe(first.headers['webhook-id']);
    expect(retried.body).toBe(first.body);
    expect(hooks.received).toHaveLength(2);

    const [delivery] = (await api().get(`/v1/deliveries?channel=${channel.body.id}`)).body.deliveries;
    expect(delivery.state).toBe('delivered');
    expect(delivery.attempts.map((a: any) => [a.attempt, a.outcome, a.statusCode])).toEqual([
      [1, 'failed', 503],
      [2, 'delivered', 200],
    ]);
    // The state survived too: still firing, once.
    const after = (await api().get(`/v1/alerts/${alert.id}`)).body;
    expect(after.state).toBe('firing');
    expect(after.history.filter((e: any) => e.event === 'firing')).toHaveLength(1);
  }, 120_000);
});
