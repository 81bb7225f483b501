import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROMPT_ALERTING_ENV, spread } from './support/alerting';
import { startAlertmanager, type TestAlertmanager } from './support/alertmanager';
import { apiClient, overHttp } from './support/http';
import { freePort } from './support/ports';
import { startServer, tempDataDir, type RunningServer } from './support/server';
import { startSmtpServer, type TestSmtpServer } from './support/smtpServer';
import { until } from './support/wait';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

/**
 * Dependencies down for minutes: the SMTP server, a webhook receiver and Alertmanager are not
 * listening while three models' alerts fire one after another, and stay down for
 * `DOWN_MS` (two minutes: longer than the old eight attempts lasted). Then they come back on
 * the same addresses, and each hears of every alert late, exactly once, in the order the
 * alerts fired. Vigil runs with its default give-up policy; only the back-off is shortened,
 * so that the receivers' return is noticed within seconds.
 */
const ADMIN_KEY = 'hardening-dependencies-admin-key-0123456789';
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const DOWN_MS = Number(process.env.VIGIL_TEST_DOWN_MS ?? 120_000);
const MODELS = ['first-model', 'second-model', 'third-model'];
const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

let data: { dir: string; remove(): void };
let server: RunningServer;
let ports: { smtp: number; webhook: number; alertmanager: number };
let smtp: TestSmtpServer | undefined;
let hooks: WebhookReceiver | undefined;
let alertmanager: TestAlertmanager | undefined;
const api = () => apiClient(overHttp(server.url), ADMIN_KEY);
const channelIds: Record<'email' | 'webhook' | 'alertmanager', string> = { email: '', webhook: '', alertmanager: '' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function deliveries(channel: string): Promise<any[]> {
  const response = await api().get(`/v1/deliveries?channel=${channel}&limit=100`);
  expect(response.status).toBe(200);
  return response.body.deliveries;
}


/** A model whose `age` drifts, a rule on it to the three channels, and a detector run that fires it. */
async function fireDriftOn(model: string): Promise<void> {
  expect((await api().post('/v1/models', { name: model, task: 'regression', features: [{ name: 'age', type: 'numeric' }] })).status).toBe(201);
  expect((await api().post(`/v1/models/${model}/versions`, { version: '1' })).status).toBe(201);
  const rule = await api().post('/v1/alert-rules', { name: 'AgePsi', model, metric: 'psi', feature: 'age', op: '>', threshold: 0.2, channels: Object.values(channelIds) });
  expect(rule.status).toBe(201);
  const upload = await fetch(new URL(`/v1/models/${model}/versions/1/baseline`, server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
    body: `age\n${spread(500, 20, 60).join('\n')}\n`,
  });
  expect(upload.status).toBe(201);
  const predictions = spread(300, 50, 90).map((age, i) => ({ model, version: '1', id: `${model}-${i}`, timestamp: T0 + i * 1000, features: { age }, prediction: 1 }));
  expect((await api().post('/v1/predictions', { predictions })).status).toBe(200);
  expect((await api().post(`/v1/models/${model}/drift/run`, { from: T0, to: T0 + HOUR })).status).toBe(200);
}

/** The model a delivery's notification is about (its summary names it; no model name contains another). */
const modelOf = (delivery: any): string | undefined => MODELS.find((model) => String(delivery.summary).includes(model));

beforeAll(async () => {
  ports = { smtp: await freePort(), webhook: await freePort(), alertmanager: await freePort() };
  data = tempDataDir('vigil-dependencies-');
  server = await startServer({
    dataDir: data.dir,
    env: {
      VIGIL_ADMIN_KEY: ADMIN_KEY,
      ...PROMPT_ALERTING_ENV,
      SMTP_URL: `smtp://127.0.0.1:${ports.smtp}`,
      VIGIL_DELIVERY_BACKOFF_MS: '1000',
      VIGIL_DELIVERY_MAX_BACKOFF_MS: '5000',
    },
  });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  data?.remove();
  await smtp?.close();
  await hooks?.close();
  await alertmanager?.stop();
});

describe('SMTP, webhook receiver and Alertmanager down for minutes, then back', () => {
  let downSince = 0;
  let backAt = 0;

  it('keeps retrying every channel while nothing listens, failing nothing for good', async () => {
    const channel = async (body: object) => {
      const response = await api().post('/v1/channels', body);
      expect(response.status).toBe(201);
      return response.body.id as string;
    };
    channelIds.email = await channel({ name: 'on-call mail', type: 'email', config: { recipients: ['oncall@example.com'] } });
    channelIds.webhook = await channel({ name: 'hook', type: 'webhook', config: { url: `http://127.0.0.1:${ports.webhook}/vigil` }, secret: SECRET });
    channelIds.alertmanager = await channel({ name: 'am', type: 'alertmanager', config: { url: `http://127.0.0.1:${ports.alertmanager}` } });

    downSince = Date.now();
    for (const model of MODELS) {
      await fireDriftOn(model);
      // This model's notification is queued on each channel before the next model's fires.
      for (const id of Object.values(channelIds)) {
        await until(`${model}'s delivery on ${id}`, async () => (await deliveries(id)).some((d) => modelOf(d) === model), { timeoutMs: 30_000, everyMs: 250 });
      }
      await sleep(1_100);
    }

    // Down for DOWN_MS in all; meanwhile the queue heads keep failing, and nothing gives up.
    await sleep(Math.max(0, downSince + DOWN_MS - Date.now()));
    for (const id of Object.values(channelIds)) {
      const queue = await deliveries(id);
      expect(queue.map(modelOf).sort()).toEqual([...MODELS].sort());
      expect(queue.every((d) => d.state === 'pending')).toBe(true);
      const head = queue.find((d) => modelOf(d) === MODELS[0]);
      expect(head.attempts.length).toBeGreaterThan(8);
      expect(head.attempts.every((a: any) => a.outcome === 'failed' && a.retry === true)).toBe(true);
    }
  }, DOWN_MS + 120_000);

  it('delivers every notification once the receivers are back, once each, in the order the alerts fired', async () => {
    smtp = await startSmtpServer({ port: ports.smtp });
    hooks = await startWebhookReceiver({ secret: SECRET, port: ports.webhook });
    alertmanager = await startAlertmanager({ port: ports.alertmanager });
    backAt = Date.now();

    for (const id of Object.values(channelIds)) {
      await until(`every delivery on ${id} delivered`, async () => {
        const queue = await deliveries(id);
        return queue.length === MODELS.length && queue.every((d) => d.state === 'delivered') ? queue : undefined;
      }, { timeoutMs: 60_000, everyMs: 250 });
    }
    // Late: each went out after the receivers came back, more than DOWN_MS after it was first tried.
    for (const id of Object.values(channelIds)) {
      const queue = await deliveries(id);
      for (const d of queue) {
        const delivered = d.attempts.filter((a: any) => a.outcome === 'delivered');
        expect(delivered).toHaveLength(1);
        expect(Date.parse(delivered[0].startedAt)).toBeGreaterThanOrEqual(backAt - 1_000);
        expect(d.attempts.slice(0, -1).every((a: any) => a.outcome === 'failed')).toBe(true);
      }
      // In order: the channel delivered them in the order its alerts fired.
      const byDeliveryTime = [...queue].sort((a, b) => Date.parse(a.attempts.at(-1).startedAt) - Date.parse(b.attempts.at(-1).startedAt));
      expect(byDeliveryTime.map(modelOf)).toEqual(MODELS);
    }
    const firstHead = (await deliveries(channelIds.webhook)).find((d) => modelOf(d) === MODELS[0]);
    expect(Date.parse(firstHead.attempts.at(-1).startedAt) - Date.parse(firstHead.attempts[0].startedAt)).toBeGreaterThanOrEqual(DOWN_MS - 5_000);

    // What the receivers saw: each notification once, in order, signed.
    await sleep(2_000);
    expect(hooks.received.map((h) => h.json?.model)).toEqual(MODELS);
    expect(hooks.received.every((h) => h.status === 200 && h.signatureValid)).toBe(true);
    expect(new Set(hooks.received.map((h) => h.headers['webhook-id'])).size).toBe(MODELS.length);
    expect(smtp.mails.map((m) => MODELS.find((model) => m.text.includes(`firing for model ${model}:`)))).toEqual(MODELS);
    const amAlerts = await alertmanager.alerts();
    expect(amAlerts.map((a) => a.labels.model).sort()).toEqual([...MODELS].sort());
    expect(amAlerts.every((a) => a.labels.alertname === 'AgePsi' && a.status.state === 'active')).toBe(true);
  }, 120_000);
});
