import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until as pollUntil } from './support/wait';
import { PROMPT_ALERTING_ENV, spread } from './support/alerting';
import { RetrainPayloadSchema } from '../alerts/channels/retrain/payload';
import { apiClient, overHttp } from './support/http';
import { startServer, tempDataDir, type RunningServer } from './support/server';
import { startSmtpServer, type TestSmtpServer } from './support/smtpServer';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

/**
 * End to end, as a user runs Vigil: a model with a baseline gets its default rules; drifted
 * predictions arrive; the drift run stores a `drift` verdict for `age`; the server's own
 * evaluator fires the default FeatureDrift rule, and its default channels act: an email
 * through a real SMTP server, a signed retrain call, and a rollback that moves `production`
 * from version 2 back to 1 with an audit entry naming the alert.
 */
const ADMIN_KEY = 'alerts-e2e-admin-key-0123456789';
const SECRET = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;
const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

let server: RunningServer;
let data: { dir: string; remove(): void };
let smtp: TestSmtpServer;
let pipeline: WebhookReceiver;
let api: ReturnType<typeof apiClient>;

const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 30_000) => pollUntil(what, probe, { timeoutMs, context: () => server.output.slice(-30).join('\n') });

async function put(path: string, body: unknown) {
  const response = await fetch(new URL(path, server.url), { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  [smtp, pipeline] = await Promise.all([startSmtpServer(), startWebhookReceiver({ secret: SECRET })]);
  data = tempDataDir('vigil-alerts-e2e-');
  server = await startServer({
    dataDir: data.dir,
    env: {
      VIGIL_ADMIN_KEY: ADMIN_KEY,
      ...PROMPT_ALERTING_ENV,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Vigil <alerts@vigil.example>',
      VIGIL_PUBLIC_URL: 'https://vigil.example',
      VIGIL_DELIVERY_BACKOFF_MS: '200',
    },
  });
  api = apiClient(overHttp(server.url), ADMIN_KEY);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  data?.remove();
  await Promise.all([smtp?.close(), pipeline?.close()]);
});

describe('drift in ingested data, end to end', () => {
  it('ends in an email, a retrain call and a rollback of production', async () => {
    const created = await api.post('/v1/models', {
      name: 'churn',
      task: 'regression',
      features: [
        { name: 'age', type: 'numeric' },
        { name: 'income', type: 'numeric' },
        { name: 'plan', type: 'categorical' },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    for (const version of ['1', '2']) {
      expect((await api.post('/v1/models/churn/versions', { version })).status).toBe(201);
      expect((await put('/v1/models/churn/aliases/production', { version, reason: `release ${version}` })).status).toBe(200);
    }

    // Default channels: what the default rules notify.
    for (const channel of [
      { name: 'on-call', type: 'email', config: { recipients: ['oncall@example.com'] }, default: true },
      { name: 'retrain pipeline', type: 'retrain', config: { url: `${pipeline.url}/hooks/retrain` }, secret: SECRET, default: true },
      { name: 'auto-rollback', type: 'rollback', config: { alias: 'production', cooldownMs: HOUR, maxPerDay: 1 }, default: true },
    ]) {
      expect((await api.post('/v1/channels', channel)).status).toBe(201);
    }

    // The baseline of version 2: age in [20, 60), income in [1000, 5000), plans evenly.
    const plans = ['free', 'pro', 'team'];
    const baselineRows = spread(1000, 20, 60).map((age, i) => ({ age, income: 1000 + ((i * 37) % 4000), plan: plans[i % 3], prediction: 0.5 }));
    const upload = await fetch(new URL('/v1/models/churn/versions/2/baseline', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/x-ndjson' },
      body: baselineRows.map((r) => JSON.stringify(r)).join('\n'),
    });
    expect(upload.status, await upload.clone().text()).toBe(201);
    const rules = (await api.get('/v1/alert-rules?model=churn')).body.rules;
    expect(rules.find((r: any) => r.id === 'default:churn:drift_verdict')).toMatchObject({ default: true, channels: [] });

    // One hour of predictions of version 2 in which age moved to [60, 100).
    const predictions = spread(600, 60, 100).map((age, i) => ({ model: 'churn', version: '2', id: `p-${i}`, timestamp: T0 + i * 5000, features: { age, income: 1000 + ((i * 37) % 4000), plan: plans[i % 3] }, prediction: 0.5 }));
    expect((await api.post('/v1/predictions', { predictions })).status).toBe(200);
    const run = await api.post('/v1/models/churn/drift/run', { from: T0, to: T0 + HOUR });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    const age = run.body.windows[0].features.find((f: any) => f.feature === 'age');
    expect(age.verdict).toBe('drift');
    expect(run.body.windows[0].features.find((f: any) => f.feature === 'plan').verdict).not.toBe('drift');

    // The email.
    const mail = await smtp.waitFor((m) => m.subject.includes('churn'), 30_000);
    expect(mail.subject).toMatch(/^\[Vigil\] \[FIRING:\d+\] churn v2: FeatureDrift on .*age/);
    expect(mail.to).toEqual(['oncall@example.com']);
    expect(mail.text).toContain('FeatureDrift on age (model churn, version 2, warning)');
    expect(mail.text).toMatch(/psi \d/);
    expect(mail.text).toContain('Dashboard: https://vigil.example/models/churn?from=2026-11-20T10%3A00%3A00.000Z');

    // The retrain call.
    const call = await pipeline.waitFor((r) => r.path === '/hooks/retrain', 30_000);
    expect(call.signatureValid).toBe(true);
    const payload = RetrainPayloadSchema.parse(call.json);
    expect(payload).toMatchObject({ model: 'churn', version: '2', window: { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z' } });
    expect(payload.driftedFeatures.find((f) => f.feature === 'age')?.statistics.psi).toBeCloseTo(age.psi, 9);
    expect(payload.freshData.url).toContain('https://vigil.example/v1/models/churn/predictions?');

    // The rollback.
    const moved = await until('production to move back to version 1', async () => {
      const aliases = (await api.get('/v1/models/churn/aliases')).body.aliases;
      return aliases.find((a: any) => a.alias === 'production' && a.version === '1');
    });
    expect(moved.updatedBy).toMatch(/^channel:ch_/);
    const audit = (await api.get('/v1/models/churn/audit?order=desc&limit=1')).body.entries[0];
    expect(audit).toMatchObject({ action: 'alias.set', target: 'production', before: { version: '2' }, after: { version: '1' } });
    const [alert] = (await api.get('/v1/alerts?state=firing&model=churn')).body.alerts.filter((a: any) => a.labels.feature === 'age');
    expect(audit.reason).toContain(`FeatureDrift on age (alert ${alert.id})`);

    // Every notification is in the alert's log.
    const detail = (await api.get(`/v1/alerts/${alert.id}`)).body;
    const delivered = await until('three deliveries to settle', async () => {
      const d = (await api.get(`/v1/alerts/${alert.id}`)).body.notifications;
      return d.length === 3 && d.every((n: any) => n.state !== 'pending') ? d : undefined;
    });
    expect(delivered.map((n: any) => [n.channelType, n.state]).sort()).toEqual([
      ['email', 'delivered'],
      ['retrain', 'delivered'],
      ['rollback', 'delivered'],
    ]);
    expect(detail.history[0]).toMatchObject({ event: 'firing', state: 'firing' });

    // The overview's glance at the model: the drifted feature, the firing alert, the traffic.
    const listed = (await api.get('/v1/models')).body.models.find((m: any) => m.name === 'churn');
    expect(listed.summary.health).toMatchObject({
      latestWindow: { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z', status: 'ok' },
      driftedFeatures: ['age'],
      firingAlerts: expect.any(Number),
      pendingAlerts: 0,
      predictions24h: 0,
      lastPredictionAt: new Date(T0 + 599 * 5000).toISOString(),
    });
    expect(listed.summary.health.firingAlerts).toBeGreaterThanOrEqual(1);
    expect(listed.summary.health.driftedFeatures).not.toContain('plan');

    // And /metrics counts them.
    const metrics = await (await fetch(new URL('/metrics', server.url))).text();
    expect(metrics).toMatch(/vigil_alerts_open\{project="default",model="churn",state="firing",severity="warning"\} [1-9]/);
    expect(metrics).toMatch(/vigil_alert_delivery_attempts_total\{type="rollback",outcome="delivered"\} 1/);
  }, 120_000);
});
