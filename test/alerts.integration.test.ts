import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertRepository, type StoredAlert } from '../store/alerts';
import { uploadBaseline } from './registry.support';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';
import { apiClient } from './support/http';

/**
 * The alerting API in process: channels (secrets never shown in full), rules (CRUD, default
 * rules once a model has a baseline), alerts and acknowledgement, silences, deliveries;
 * scopes and project isolation as everywhere.
 */
let t: TestApp;
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
let reader: ReturnType<typeof apiClient>;
let otherProject: ReturnType<typeof apiClient>;

async function put(path: string, body: unknown, key = TEST_ADMIN_KEY) {
  const response = await t.fetcher(path, { method: 'PUT', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

beforeAll(async () => {
  t = await openTestApp();
  expect((await admin().post('/v1/models', { name: 'churn', task: 'binary_classification', features: [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }] })).status).toBe(201);
  expect((await admin().post('/v1/models/churn/versions', { version: '1' })).status).toBe(201);
  reader = apiClient(t.fetcher, (await admin().post('/v1/keys', { scopes: ['read'] })).body.key);
  otherProject = apiClient(t.fetcher, (await admin().post('/v1/keys', { scopes: ['admin'], project: 'team-b' })).body.key);
}, 60_000);
afterAll(() => t.close());

describe('channels', () => {
  it('generates a whsec_ secret for a webhook, shows it once, and only its prefix afterwards', async () => {
    const created = await admin().post('/v1/channels', { name: 'on-call hook', type: 'webhook', config: { url: 'https://hooks.example.com/vigil', headers: { Authorization: 'Bearer very-secret-token' } } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(created.body.secretPrefix).toBe(`${created.body.secret.slice(0, 10)}…`);
    expect(created.body.config.headers.Authorization).toBe('Bear…');
    const listed = await reader.get('/v1/channels');
    const shown = listed.body.channels.find((c: any) => c.id === created.body.id);
    expect(shown.secret).toBeUndefined();
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect(JSON.stringify(listed.body)).not.toContain('very-secret-token');
  });

  it('keeps a given secret without returning it, and refuses one that is not whsec_', async () => {
    const secret = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
    const created = await admin().post('/v1/channels', { name: 'retrain', type: 'retrain', config: { url: 'https://ml.example.com/retrain' }, secret });
    expect(created.status).toBe(201);
    expect(created.body.secret).toBeUndefined();
    expect(JSON.stringify(created.body)).not.toContain(secret);
    const bad = await admin().post('/v1/channels', { name: 'bad', type: 'webhook', config: { url: 'https://x.example.com' }, secret: 'hunter2' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('secret');
  });

  it('validates each type\'s config and defaults the rollback policy', async () => {
    const email = await admin().post('/v1/channels', { name: 'mail', type: 'email', config: { recipients: ['not-an-address'] } });
    expect(email.status).toBe(400);
    expect(email.body.error.details[0].path).toBe('config.recipients[0]');
    const rollback = await admin().post('/v1/channels', { name: 'auto-rollback', type: 'rollback' });
    expect(rollback.status).toBe(201);
    expect(rollback.body.config).toEqual({ alias: 'production', cooldownMs: 3_600_000, maxPerDay: 3 });
    expect(rollback.body.secretPrefix).toBeNull();
  });

  it('needs admin to write, read to list; another project sees nothing', async () => {
    expect((await reader.post('/v1/channels', { name: 'x', type: 'rollback' })).status).toBe(403);
    expect((await otherProject.get('/v1/channels')).body.channels).toEqual([]);
    const mine = (await admin().get('/v1/channels')).body.channels[0];
    expect((await otherProject.get(`/v1/channels/${mine.id}`)).status).toBe(404);
    expect((await otherProject.delete(`/v1/channels/${mine.id}`)).status).toBe(404);
  });
});

describe('alert rules', () => {
  it('are created, read, replaced and deleted, with references checked', async () => {
    const channel = (await admin().post('/v1/channels', { name: 'mail', type: 'email', config: { recipients: ['oncall@example.com'] } })).body;
    const created = await admin().post('/v1/alert-rules', { name: 'AgePsi', model: 'churn', metric: 'psi', feature: 'age', op: '>', threshold: 0.2, forWindows: 2, severity: 'critical', channels: [channel.id] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name: 'AgePsi', model: 'churn', metric: 'psi', feature: 'age', op: '>', threshold: 0.2, forWindows: 2, severity: 'critical', channels: [channel.id], enabled: true, default: false });
    const replaced = await put(`/v1/alert-rules/${created.body.id}`, { name: 'AgePsi', model: 'churn', metric: 'psi', feature: 'age', op: '>=', threshold: 0.25, channels: [] });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ id: created.body.id, op: '>=', threshold: 0.25, forWindows: 1, channels: [] });
    expect((await reader.get(`/v1/alert-rules/${created.body.id}`)).body.threshold).toBe(0.25);
    expect((await admin().delete(`/v1/alert-rules/${created.body.id}`)).status).toBe(204);
    expect((await reader.get(`/v1/alert-rules/${created.body.id}`)).status).toBe(404);
  });

  it('refuse unknown metrics, models and channels, naming the field', async () => {
    const bad = await admin().post('/v1/alert-rules', { name: 'X', metric: 'vibes', op: '>', threshold: 1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('metric');
    const noModel = await admin().post('/v1/alert-rules', { name: 'X', model: 'nope', metric: 'psi', op: '>', threshold: 1 });
    expect(noModel.body.error.details[0]).toEqual({ path: 'model', message: 'unknown model' });
    const noChannel = await admin().post('/v1/alert-rules', { name: 'X', metric: 'psi', op: '>', threshold: 1, channels: ['ch_missing'] });
    expect(noChannel.body.error.details[0]).toEqual({ path: 'channels[0]', message: 'unknown channel' });
    expect((await reader.post('/v1/alert-rules', { name: 'X', metric: 'psi', op: '>', threshold: 1 })).status).toBe(403);
  });

  it('give a model with a baseline its default rules, visible and editable; a deleted one stays deleted', async () => {
    expect((await reader.get('/v1/alert-rules?model=churn')).body.rules.filter((r: any) => r.default)).toEqual([]);
    const uploaded = await uploadBaseline(t, TEST_ADMIN_KEY, 'churn', '1', 'age,plan\n30,pro\n40,free\n');
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const defaults = (await reader.get('/v1/alert-rules?model=churn')).body.rules.filter((r: any) => r.default);
    expect(defaults.map((r: any) => r.metric).sort()).toEqual(['accuracy_drop', 'drift_verdict', 'error_rate', 'latency_p99', 'missing_rate_increase']);
    const drift = defaults.find((r: any) => r.metric === 'drift_verdict');
    expect(drift).toMatchObject({ id: 'default:churn:drift_verdict', model: 'churn', feature: '*', op: '>=', threshold: 2, channels: [] });
    const edited = await put(`/v1/alert-rules/${drift.id}`, { name: drift.name, model: 'churn', metric: 'drift_verdict', op: '>=', threshold: 1, forWindows: 3 });
    expect(edited.body).toMatchObject({ id: drift.id, threshold: 1, forWindows: 3, default: true });
    expect((await admin().delete('/v1/alert-rules/default:churn:latency_p99')).status).toBe(204);
    const after = (await reader.get('/v1/alert-rules?model=churn')).body.rules.filter((r: any) => r.default);
    expect(after.map((r: any) => r.metric).sort()).toEqual(['accuracy_drop', 'drift_verdict', 'error_rate', 'missing_rate_increase']);
    expect(after.find((r: any) => r.metric === 'drift_verdict').threshold).toBe(1);
    expect((await otherProject.get('/v1/alert-rules')).body.rules).toEqual([]);
  });
});

describe('alerts', () => {
  const firing = (fingerprint: string, project = 'default'): StoredAlert => ({
    fingerprint,
    labels: { alertname: 'FeatureDrift', project, model: 'churn', version: '1', feature: 'age', category: 'drift', severity: 'warning', metric: 'drift_verdict', rule: 'default:churn:drift_verdict' },
    state: 'firing',
    heldWindows: 1,
    activeSince: Date.parse('2026-11-20T10:00:00Z'),
    firedAt: Date.parse('2026-11-20T11:05:00Z'),
    resolvedAt: null,
    lastWindowStart: Date.parse('2026-11-20T10:00:00Z'),
    value: 2,
    ruleId: 'default:churn:drift_verdict',
    pendingSince: null,
    details: { windowStart: Date.parse('2026-11-20T10:00:00Z'), windowEnd: Date.parse('2026-11-20T11:00:00Z'), feature: 'age', verdict: 'drift', statistics: { psi: 0.8 } },
    silencedBy: [],
    inhibitedBy: '',
    ackedAt: null,
    ackedBy: '',
    firstSeen: Date.now(),
    updatedAt: Date.now(),
  });

  it('are listed by state, acknowledged by admins, and invisible to other projects', async () => {
    await new AlertRepository(t.store).put('default', [firing('aaaaaaaaaaaaaaaa')], Date.now());
    await new AlertRepository(t.store).put('team-b', [firing('bbbbbbbbbbbbbbbb', 'team-b')], Date.now());
    const list = await reader.get('/v1/alerts?state=firing');
    expect(list.body.alerts.map((a: any) => a.id)).toEqual(['aaaaaaaaaaaaaaaa']);
    expect(list.body.alerts[0]).toMatchObject({ state: 'firing', labels: { feature: 'age' }, firedAt: '2026-11-20T11:05:00.000Z', acknowledged: null, inhibitedBy: null });
    expect((await reader.post('/v1/alerts/aaaaaaaaaaaaaaaa/ack', {})).status).toBe(403);
    const acked = await admin().post('/v1/alerts/aaaaaaaaaaaaaaaa/ack', { comment: 'looking' });
    expect(acked.status).toBe(200);
    expect(acked.body.acknowledged.by).toBeTruthy();
    const one = await reader.get('/v1/alerts/aaaaaaaaaaaaaaaa');
    expect(one.body.acknowledged).not.toBeNull();
    expect(one.body.history.map((e: any) => e.event)).toEqual(['acknowledged']);
    expect(one.body.history[0].detail).toContain('looking');
    expect(one.body.notifications).toEqual([]);
    expect((await admin().get('/v1/alerts/bbbbbbbbbbbbbbbb')).status).toBe(404);
    expect((await otherProject.get('/v1/alerts/bbbbbbbbbbbbbbbb')).status).toBe(200);
  });
});

describe('silences', () => {
  it('are created with matchers and a duration, listed, and expired early', async () => {
    const created = await admin().post('/v1/silences', { matchers: [{ name: 'model', value: 'churn' }, { name: 'feature', value: 'age|plan', isRegex: true }], durationMs: 3_600_000, comment: 'retraining' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ state: 'active', comment: 'retraining', matchers: [{ name: 'model', value: 'churn', isRegex: false, isEqual: true }, { name: 'feature', value: 'age|plan', isRegex: true, isEqual: true }] });
    expect((await reader.get('/v1/silences')).body.silences.map((s: any) => s.id)).toContain(created.body.id);
    expect((await otherProject.get('/v1/silences')).body.silences).toEqual([]);
    expect((await admin().delete(`/v1/silences/${created.body.id}`)).status).toBe(204);
    expect((await reader.get('/v1/silences')).body.silences.map((s: any) => s.id)).not.toContain(created.body.id);
    expect((await reader.get(`/v1/silences/${created.body.id}`)).body.state).toBe('expired');
  });

  it('refuse a bad regular expression and a range that is over', async () => {
    const bad = await admin().post('/v1/silences', { matchers: [{ name: 'feature', value: '(', isRegex: true }], durationMs: 1000 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('matchers[0].value');
    const past = await admin().post('/v1/silences', { matchers: [{ name: 'model', value: 'churn' }], startsAt: '2020-01-01T00:00:00Z', endsAt: '2020-01-02T00:00:00Z' });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0]).toEqual({ path: 'endsAt', message: 'must be in the future' });
  });
});

describe('rollback by hand', () => {
  it('moves production back to the previous version with the reason in the audit log; refuses without one', async () => {
    expect((await admin().post('/v1/models/churn/versions', { version: '2' })).status).toBe(201);
    const noAlias = await admin().post('/v1/models/churn/rollback', { reason: 'bad' });
    expect(noAlias.status).toBe(409);
    expect((await put('/v1/models/churn/aliases/production', { version: '1' })).status).toBe(200);
    expect((await admin().post('/v1/models/churn/rollback', { reason: 'bad' })).status).toBe(409);
    expect((await put('/v1/models/churn/aliases/production', { version: '2' })).status).toBe(200);
    const rolled = await admin().post('/v1/models/churn/rollback', { reason: 'accuracy fell' });
    expect(rolled.status, JSON.stringify(rolled.body)).toBe(200);
    expect(rolled.body).toMatchObject({ alias: 'production', fromVersion: '2', toVersion: '1' });
    expect((await reader.get('/v1/models/churn/aliases')).body.aliases).toMatchObject([{ alias: 'production', version: '1' }]);
    const audit = (await reader.get('/v1/models/churn/audit?order=desc&limit=1')).body.entries[0];
    expect(audit).toMatchObject({ action: 'alias.set', target: 'production', before: { version: '2' }, after: { version: '1' }, reason: 'accuracy fell' });
    expect((await reader.post('/v1/models/churn/rollback', { reason: 'x' })).status).toBe(403);
    expect((await otherProject.post('/v1/models/churn/rollback', { reason: 'x' })).status).toBe(404);
  });
});
