import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until as pollUntil } from './support/wait';
import { RetrainPayloadSchema } from '../alerts/channels/retrain/payload';
import { createAlerting, DEFAULT_ALERTING_SETTINGS, type Alerting } from '../server/alerts';
import { DetectionRepository, type StoredFeatureResult } from '../store/detections';
import { GatewayRequestRepository } from '../store/gatewayRequests';
import { nextRevision } from '../store/revision';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';
import { startAlertmanager, type TestAlertmanager } from './support/alertmanager';
import { apiClient } from './support/http';
import { startSmtpServer, type TestSmtpServer } from './support/smtpServer';
import { startWebhookReceiver, type WebhookReceiver } from './support/webhookReceiver';

/**
 * Every channel against a real receiver on loopback: nodemailer to an SMTP server, signed
 * webhooks to a receiver that verifies them (and fails the first two attempts), the retrain
 * payload against its schema, Debian's Alertmanager firing then resolving, and the rollback
 * channel moving `production` back through the registry. Detector results are written as the
 * detectors write them; the evaluator and the delivery worker run in this process.
 */
const HOUR = 3_600_000;
const W1 = Date.parse('2026-11-20T10:00:00Z');
const SECRET = `whsec_${Buffer.alloc(32, 42).toString('base64')}`;

let t: TestApp;
let smtp: TestSmtpServer;
let hooks: WebhookReceiver;
let retrain: WebhookReceiver;
let alertmanager: TestAlertmanager;
let alerting: Alerting;
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);

async function put(path: string, body: unknown) {
  const response = await t.fetcher(path, { method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

const until = <T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs = 20_000) => pollUntil(what, probe, { timeoutMs, everyMs: 50 });

const feature = (name: string, verdict: string, statistics: Record<string, number>, kind: 'numeric' | 'categorical' = 'numeric'): StoredFeatureResult => ({
  feature: name,
  kind,
  verdict,
  baselineCount: 1000,
  currentCount: 500,
  statistics,
  edges: [],
  categories: [],
  baselineCounts: [],
  currentCounts: [],
});

/** One evaluated window, stored as the detectors store it. */
async function detectorWindow(model: string, version: string, startMs: number, features: StoredFeatureResult[]) {
  const now = Date.now();
  await new DetectionRepository(t.store).write(
    {
      project: 'default',
      model,
      version,
      startMs,
      endMs: startMs + HOUR,
      status: 'ok',
      reason: '',
      predictionCount: 500,
      labeledCount: 0,
      baselineId: 'b1',
      lastReceivedMs: now,
      lastFeedbackMs: 0,
      evaluatedAtMs: now,
      durationMs: 1,
      performance: {},
      skew: {},
      runVersion: nextRevision(now),
    },
    features,
  );
}

async function createModel(name: string, versions: string[]) {
  expect((await admin().post('/v1/models', { name, task: 'regression', features: [{ name: 'age', type: 'numeric' }, { name: 'income', type: 'numeric' }, { name: 'plan', type: 'categorical' }] })).status).toBe(201);
  for (const version of versions) {
    expect((await admin().post(`/v1/models/${name}/versions`, { version })).status).toBe(201);
    expect((await put(`/v1/models/${name}/aliases/production`, { version })).status).toBe(200);
  }
}

async function channel(body: Record<string, unknown>): Promise<string> {
  const created = await admin().post('/v1/channels', body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.id;
}

async function settled(channelId: string, count = 1) {
  return until(`deliveries of ${channelId} to settle`, async () => {
    const list = (await admin().get(`/v1/deliveries?channel=${channelId}`)).body.deliveries as any[];
    return list.length >= count && list.every((d) => d.state !== 'pending') ? list : undefined;
  });
}

beforeAll(async () => {
  [t, smtp, hooks, retrain, alertmanager] = await Promise.all([openTestApp(), startSmtpServer(), startWebhookReceiver({ secret: SECRET }), startWebhookReceiver({ secret: SECRET }), startAlertmanager()]);
  alerting = createAlerting({
    store: t.store,
    settings: {
      ...DEFAULT_ALERTING_SETTINGS,
      smtpUrl: smtp.url,
      smtpFrom: 'Vigil <vigil@test.example>',
      webhookAllowlist: ['127.0.0.1'],
      publicUrl: 'https://vigil.test.example',
      timing: { groupWaitMs: 0, groupIntervalMs: 0, repeatIntervalMs: HOUR },
      retry: { maxAttempts: 4, giveUpAfterMs: 3_600_000, baseDelayMs: 100, maxDelayMs: 400 },
      deliveryTimeoutMs: 1500,
      deliveryPollMs: 50,
    },
  });
  alerting.worker.start();
}, 60_000);

afterAll(async () => {
  await alerting?.stop();
  await Promise.all([t?.close(), smtp?.close(), hooks?.close(), retrain?.close(), alertmanager?.stop()]);
});

describe('a drifting model, every channel', () => {
  const ids: Record<string, string> = {};

  it('groups two drifting features into one notification per channel and delivers each', async () => {
    await createModel('churn', ['1', '2']);
    ids.email = await channel({ name: 'on-call mail', type: 'email', config: { recipients: ['oncall@example.com', 'ml@example.com'] } });
    ids.webhook = await channel({ name: 'hook', type: 'webhook', config: { url: `${hooks.url}/vigil`, headers: { 'x-team': 'ml' } }, secret: SECRET });
    ids.retrain = await channel({ name: 'pipeline', type: 'retrain', config: { url: `${retrain.url}/retrain` }, secret: SECRET });
    ids.alertmanager = await channel({ name: 'am', type: 'alertmanager', config: { url: alertmanager.url } });
    ids.rollback = await channel({ name: 'auto-rollback', type: 'rollback', config: { alias: 'production', cooldownMs: HOUR, maxPerDay: 2 } });
    const rule = await admin().post('/v1/alert-rules', { name: 'FeatureDrift', model: 'churn', metric: 'drift_verdict', op: '>=', threshold: 2, severity: 'critical', channels: Object.values(ids) });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    hooks.failNext(2);

    await detectorWindow('churn', '2', W1, [
      feature('age', 'drift', { psi: 0.83, ksStatistic: 0.41, ksPValueAdjusted: 1e-12, currentMissingRate: 0 }),
      feature('income', 'drift', { psi: 0.35, ksStatistic: 0.22, ksPValueAdjusted: 1e-6, currentMissingRate: 0 }),
      feature('plan', 'no_drift', { psi: 0.01, chi2PValueAdjusted: 0.7 }, 'categorical'),
    ]);
    await alerting.evaluator.evaluateProject('default');

    const firing = (await admin().get('/v1/alerts?state=firing&model=churn')).body.alerts;
    expect(firing.map((a: any) => a.labels.feature).sort()).toEqual(['age', 'income']);
    for (const id of Object.values(ids)) expect((await settled(id)).length, `one delivery for ${id}`).toBe(1);
  });

  it('emails a subject that says what and where, with the statistics and a dashboard link', async () => {
    const mail = await smtp.waitFor((m) => m.subject.includes('churn'));
    expect(smtp.mails).toHaveLength(1);
    expect(mail.subject).toBe('[Vigil] [FIRING:2] churn v2: FeatureDrift on age, income');
    expect(mail.from).toBe('vigil@test.example');
    expect(mail.to.sort()).toEqual(['ml@example.com', 'oncall@example.com']);
    expect(mail.text).toContain('FeatureDrift on age (model churn, version 2, critical)');
    expect(mail.text).toMatch(/psi 0\.83.*ksStatistic 0\.41/);
    expect(mail.text).toContain('window 2026-11-20T10:00:00Z to 2026-11-20T11:00:00Z');
    expect(mail.text).toContain('Dashboard: https://vigil.test.example/models/churn?from=2026-11-20T10%3A00%3A00.000Z&to=2026-11-20T11%3A00%3A00.000Z');
    expect(mail.html).toContain('<td>psi</td><td style="text-align:right">0.83</td>');
    expect(mail.html).toContain('href="https://vigil.test.example/models/churn?');
  });

  it('signs webhooks, retries the two failures with back-off under one webhook-id, and logs every attempt', async () => {
    expect(hooks.received.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(hooks.received.every((r) => r.signatureValid)).toBe(true);
    expect(new Set(hooks.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(hooks.received[0]!.headers['x-team']).toBe('ml');
    const body = hooks.received[2]!.json;
    expect(body).toMatchObject({ type: 'vigil.alerts', model: 'churn', status: 'firing' });
    expect(body.firing.map((a: any) => a.labels.feature).sort()).toEqual(['age', 'income']);
    const [delivery] = await settled(ids.webhook!);
    expect(delivery.state).toBe('delivered');
    expect(delivery.messageId).toBe(hooks.received[0]!.headers['webhook-id']);
    expect(delivery.attempts.map((a: any) => [a.outcome, a.statusCode, a.retry])).toEqual([
      ['failed', 503, true],
      ['failed', 503, true],
      ['delivered', 200, false],
    ]);
    expect(hooks.received[1]!.at - hooks.received[0]!.at).toBeGreaterThanOrEqual(50);
    // The alert's own page shows the same log.
    const alert = (await admin().get(`/v1/alerts/${delivery.alerts[0]}`)).body;
    expect(alert.notifications.map((n: any) => n.channelType).sort()).toEqual(['alertmanager', 'email', 'retrain', 'rollback', 'webhook']);
    expect(alert.history.map((e: any) => e.event)).toEqual(['firing']);
  });

  it('calls the retrain pipeline with a payload that matches its JSON Schema', async () => {
    expect(retrain.received).toHaveLength(1);
    const [call] = retrain.received;
    expect(call!.signatureValid).toBe(true);
    const payload = RetrainPayloadSchema.parse(call!.json);
    expect(payload).toMatchObject({ type: 'vigil.retrain.requested', model: 'churn', version: '2', window: { start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z' } });
    expect(payload.driftedFeatures.map((f) => [f.feature, f.statistics.psi])).toEqual(
      expect.arrayContaining([
        ['age', 0.83],
        ['income', 0.35],
      ]),
    );
    expect(payload.freshData.url).toBe('https://vigil.test.example/v1/models/churn/predictions?from=2026-11-20T10%3A00%3A00.000Z&to=2026-11-20T11%3A00%3A00.000Z&version=2');
  });

  it('posts the alerts to Alertmanager', async () => {
    const active = await until('alerts in Alertmanager', async () => {
      const alerts = (await alertmanager.alerts()).filter((a) => a.labels.model === 'churn');
      return alerts.length === 2 ? alerts : undefined;
    });
    expect(active.map((a) => a.labels.feature).sort()).toEqual(['age', 'income']);
    expect(active[0].labels).toMatchObject({ alertname: 'FeatureDrift', severity: 'critical', version: '2', category: 'drift' });
    expect(active[0].annotations.dashboard).toContain('https://vigil.test.example/models/churn');
    expect(Date.parse(active[0].endsAt)).toBeGreaterThan(Date.now() + HOUR);
  });

  it('rolls production back from 2 to 1 with an audit entry that names the alert', async () => {
    const [delivery] = await settled(ids.rollback!);
    expect(delivery.state).toBe('delivered');
    expect((await admin().get('/v1/models/churn/aliases')).body.aliases).toMatchObject([{ alias: 'production', version: '1' }]);
    const audit = (await admin().get('/v1/models/churn/audit?order=desc&limit=1')).body.entries[0];
    expect(audit).toMatchObject({ action: 'alias.set', target: 'production', before: { version: '2' }, after: { version: '1' }, keyId: `channel:${ids.rollback}` });
    expect(audit.reason).toContain('auto-rollback by channel "auto-rollback"');
    expect(audit.reason).toContain(`FeatureDrift on age (alert ${delivery.alerts.find((id: string) => audit.reason.includes(id))})`);
  });

  it('resolves: Alertmanager hears endsAt, email and webhook hear it, retrain and rollback do nothing', async () => {
    await detectorWindow('churn', '2', W1 + HOUR, [feature('age', 'no_drift', { psi: 0.02 }), feature('income', 'no_drift', { psi: 0.01 }), feature('plan', 'no_drift', { psi: 0.01 }, 'categorical')]);
    await alerting.evaluator.evaluateProject('default');
    expect((await admin().get('/v1/alerts?state=resolved&model=churn')).body.alerts).toHaveLength(2);
    await until('Alertmanager to drop the resolved alerts', async () => (await alertmanager.alerts()).filter((a) => a.labels.model === 'churn').length === 0);
    const resolvedMail = await smtp.waitFor((m) => m.subject.startsWith('[Vigil] [RESOLVED]'));
    expect(resolvedMail.subject).toBe('[Vigil] [RESOLVED] churn v2: FeatureDrift on age, income');
    await settled(ids.webhook!, 2);
    expect(hooks.received.at(-1)!.json).toMatchObject({ status: 'resolved', firing: [] });
    expect((await admin().get(`/v1/deliveries?channel=${ids.retrain}`)).body.deliveries).toHaveLength(1);
    expect((await admin().get(`/v1/deliveries?channel=${ids.rollback}`)).body.deliveries).toHaveLength(1);
  });

  it('does not roll back again within the cooldown, or past the first version', async () => {
    await detectorWindow('churn', '1', W1 + 2 * HOUR, [feature('age', 'drift', { psi: 0.9 }), feature('income', 'no_drift', { psi: 0.01 }), feature('plan', 'no_drift', { psi: 0.01 }, 'categorical')]);
    await alerting.evaluator.evaluateProject('default');
    const deliveries = await settled(ids.rollback!, 2);
    expect(deliveries[0].state).toBe('skipped');
    expect(deliveries[0].lastError).toMatch(/no previous version|cooldown/);
    expect((await admin().get('/v1/models/churn/aliases')).body.aliases).toMatchObject([{ alias: 'production', version: '1' }]);
  });
});

describe('silences, inhibition, and the address guard', () => {
  it('a silence keeps a firing alert quiet; its expiry is announced', async () => {
    await createModel('fraud', ['1']);
    const mail = await channel({ name: 'fraud mail', type: 'email', config: { recipients: ['fraud@example.com'] } });
    expect((await admin().post('/v1/alert-rules', { name: 'FeatureDrift', model: 'fraud', metric: 'drift_verdict', op: '>=', threshold: 2, channels: [mail] })).status).toBe(201);
    const silence = await admin().post('/v1/silences', { matchers: [{ name: 'model', value: 'fraud' }], durationMs: HOUR, comment: 'known: upstream change' });
    expect(silence.status).toBe(201);
    await detectorWindow('fraud', '1', W1, [feature('age', 'drift', { psi: 0.7 })]);
    await alerting.evaluator.evaluateProject('default');
    const [alert] = (await admin().get('/v1/alerts?state=firing&model=fraud')).body.alerts;
    expect(alert.silencedBy).toEqual([silence.body.id]);
    await alerting.worker.tick();
    expect((await admin().get(`/v1/deliveries?channel=${mail}`)).body.deliveries).toEqual([]);
    expect(smtp.mails.filter((m) => m.subject.includes('fraud'))).toEqual([]);

    expect((await admin().delete(`/v1/silences/${silence.body.id}`)).status).toBe(204);
    await alerting.evaluator.evaluateProject('default');
    const notice = await smtp.waitFor((m) => m.subject.includes('Silence expired') || m.subject.includes('silence expired'));
    expect(notice.subject).toBe('[Vigil] silence expired over 1 firing alert of fraud');
    expect(notice.text).toContain('known: upstream change');
    expect(notice.text).toContain('FeatureDrift on age');
    const firingMail = await smtp.waitFor((m) => m.subject === '[Vigil] [FIRING:1] fraud v1: FeatureDrift on age');
    expect(firingMail.to).toEqual(['fraud@example.com']);
    const history = (await admin().get(`/v1/alerts/${alert.id}`)).body.history.map((e: any) => e.event);
    expect(history).toEqual(['firing', 'silenced', 'unsilenced']);
  });

  it('a missing-rate jump holds back drift on the same feature and says which alerts it covers', async () => {
    await createModel('loans', ['1']);
    const mail = await channel({ name: 'loans mail', type: 'email', config: { recipients: ['loans@example.com'] } });
    for (const [name, metric, threshold] of [
      ['FeatureDrift', 'drift_verdict', 2],
      ['MissingRateJump', 'missing_rate_increase', 0.1],
    ] as const) {
      expect((await admin().post('/v1/alert-rules', { name, model: 'loans', metric, op: metric === 'drift_verdict' ? '>=' : '>', threshold, channels: [mail] })).status).toBe(201);
    }
    await detectorWindow('loans', '1', W1, [feature('age', 'drift', { psi: 0.6, currentMissingRate: 0.4, baselineMissingRate: 0.01 }), feature('income', 'drift', { psi: 0.5, currentMissingRate: 0, baselineMissingRate: 0 })]);
    await alerting.evaluator.evaluateProject('default');
    const alerts = (await admin().get('/v1/alerts?state=firing&model=loans')).body.alerts;
    const quality = alerts.find((a: any) => a.labels.alertname === 'MissingRateJump');
    const ageDrift = alerts.find((a: any) => a.labels.alertname === 'FeatureDrift' && a.labels.feature === 'age');
    const incomeDrift = alerts.find((a: any) => a.labels.alertname === 'FeatureDrift' && a.labels.feature === 'income');
    expect(ageDrift.inhibitedBy).toBe(quality.id);
    expect(incomeDrift.inhibitedBy).toBeNull();
    const sent = await smtp.waitFor((m) => m.subject.includes('loans'));
    expect(sent.subject).toBe('[Vigil] [FIRING:2] loans v1: FeatureDrift on income; MissingRateJump on age');
    expect(sent.text).toContain('holds back (data quality explains them): FeatureDrift on age');
  });

  it('refuses a private address that is not allow-listed, at once and for good', async () => {
    await createModel('guarded', ['1']);
    const hook = await channel({ name: 'internal', type: 'webhook', config: { url: 'http://127.0.0.2:9/hook' } });
    expect((await admin().post('/v1/alert-rules', { name: 'FeatureDrift', model: 'guarded', metric: 'drift_verdict', op: '>=', threshold: 2, channels: [hook] })).status).toBe(201);
    await detectorWindow('guarded', '1', W1, [feature('age', 'drift', { psi: 0.6 })]);
    await alerting.evaluator.evaluateProject('default');
    const [delivery] = await settled(hook);
    expect(delivery.state).toBe('failed');
    expect(delivery.attempts).toHaveLength(1);
    expect(delivery.attempts[0]).toMatchObject({ outcome: 'failed', retry: false, statusCode: null });
    expect(delivery.lastError).toBe('127.0.0.2 resolves to 127.0.0.2, a private, loopback or reserved address; add it to VIGIL_WEBHOOK_ALLOWLIST to allow it');
  });

  it('a new version going live drops the pending alerts of the old one', async () => {
    await createModel('rollout', ['1']);
    expect((await admin().post('/v1/alert-rules', { name: 'SlowDrift', model: 'rollout', metric: 'psi', op: '>', threshold: 0.2, forWindows: 3 })).status).toBe(201);
    await detectorWindow('rollout', '1', W1, [feature('age', 'drift', { psi: 0.7 })]);
    await alerting.evaluator.evaluateProject('default');
    const [pending] = (await admin().get('/v1/alerts?state=pending&model=rollout')).body.alerts;
    expect(pending.labels).toMatchObject({ alertname: 'SlowDrift', version: '1', feature: 'age' });
    expect((await admin().post('/v1/models/rollout/versions', { version: '2' })).status).toBe(201);
    expect((await put('/v1/models/rollout/aliases/production', { version: '2' })).status).toBe(200);
    await alerting.evaluator.evaluateProject('default');
    const after = (await admin().get(`/v1/alerts/${pending.id}`)).body;
    expect(after.state).toBe('inactive');
    expect(after.history.map((e: any) => [e.event, e.detail])).toEqual([
      ['pending', 'window 2026-11-20T10:00:00.000Z'],
      ['reset', 'version 2 went live'],
    ]);
  });

  it('the gateway\'s error rate per closed window fires the serving rule', async () => {
    await createModel('served', ['1']);
    expect((await admin().post('/v1/alert-rules', { name: 'GatewayErrorRate', model: 'served', metric: 'error_rate', op: '>', threshold: 0.05 })).status).toBe(201);
    const windowStart = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR;
    await new GatewayRequestRepository(t.store).insert(
      Array.from({ length: 20 }, (_, i) => ({
        project: 'default',
        model: 'served',
        version: '1',
        role: 'production' as const,
        request_id: `r${i}`,
        timestamp: windowStart + i * 1000,
        latency_ms: 5,
        outcome: i < 4 ? ('upstream_error' as const) : ('ok' as const),
        http_status: i < 4 ? 500 : 200,
        error: '',
      })),
    );
    await alerting.evaluator.evaluateProject('default');
    const [alert] = (await admin().get('/v1/alerts?state=firing&model=served')).body.alerts;
    expect(alert.labels).toMatchObject({ alertname: 'GatewayErrorRate', version: '1', category: 'serving' });
    expect(alert.value).toBeCloseTo(0.2, 9);
    expect(alert.details).toEqual({ windowStart, windowEnd: windowStart + HOUR });
  });
});
