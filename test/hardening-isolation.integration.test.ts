import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AlertRepository, newStoredAlert } from '../store/alerts';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';
import { startOipServer, type OipServer } from './support/oipServer';

/**
 * The isolation matrix: every operation of /openapi.json, called by every kind of caller, with
 * the status each must get. The operations come from the server's own document, so a new
 * endpoint without a row in EXPECTATIONS fails this test instead of escaping it.
 *
 * Project A is `default`; its data is reached by its keys of each scope (and admin's session
 * cookie), and must be invisible to the admin key of project B: a 404 for A's resources, and
 * B's own (empty) view of lists. No answer to a caller outside A may mention A's names or ids.
 */

let t: TestApp;
let oip: OipServer;

// ---------------------------------------------------------------------------------------------
// Callers

interface Caller {
  name: string;
  headers: Record<string, string>;
  /** The key the caller holds, when it holds one (sent in the body of POST /v1/session). */
  key?: string;
  /** Whose key: project A's scopes, B's admin, or none that authenticates. */
  kind: 'anonymous' | 'ingest' | 'read' | 'admin' | 'other-project' | 'cookie' | 'cookie-with-csrf';
}

const keys = { ingest: '', read: '', admin: TEST_ADMIN_KEY, revoked: '', otherProject: '' };
const UNKNOWN_KEY = `vgl_${randomBytes(32).toString('base64url')}`;

function callers(): Caller[] {
  const bearer = (key: string) => ({ authorization: `Bearer ${key}` });
  return [
    { name: 'no key', headers: {}, kind: 'anonymous' },
    { name: 'a malformed Authorization header', headers: { authorization: 'Basic dXNlcjpwYXNz' }, kind: 'anonymous' },
    { name: 'an unknown key', headers: bearer(UNKNOWN_KEY), key: UNKNOWN_KEY, kind: 'anonymous' },
    { name: 'a revoked key', headers: bearer(keys.revoked), key: keys.revoked, kind: 'anonymous' },
    { name: 'an unknown session cookie', headers: { cookie: `vigil_session=${UNKNOWN_KEY}` }, key: UNKNOWN_KEY, kind: 'anonymous' },
    { name: 'an ingest key', headers: bearer(keys.ingest), key: keys.ingest, kind: 'ingest' },
    { name: 'a read key', headers: bearer(keys.read), key: keys.read, kind: 'read' },
    { name: 'an admin key', headers: bearer(keys.admin), key: keys.admin, kind: 'admin' },
    { name: "an admin session cookie without the CSRF header", headers: { cookie: `vigil_session=${keys.admin}` }, key: keys.admin, kind: 'cookie' },
    { name: 'an admin session cookie with the CSRF header', headers: { cookie: `vigil_session=${keys.admin}`, 'x-vigil-csrf': '1' }, key: keys.admin, kind: 'cookie-with-csrf' },
    { name: "another project's admin key", headers: bearer(keys.otherProject), key: keys.otherProject, kind: 'other-project' },
  ];
}

// ---------------------------------------------------------------------------------------------
// Project A's data, and what must never show to anyone outside it

const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;
const MODEL = 'iso-model-of-a';
const fixture = { channelId: '', ruleId: '', silenceId: '', alertId: '', keyId: '' };
/** Names and ids that exist only in project A. */
const markersOfA = (): string[] => [MODEL, fixture.channelId, fixture.ruleId, fixture.silenceId, fixture.alertId, fixture.keyId, 'iso-prediction-of-a'].filter((m) => m !== '');

let fresh = 0;
const unique = (prefix: string) => `${prefix}-${++fresh}`;
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);

async function adminCall(method: string, path: string, body?: unknown) {
  const response = await t.fetcher(path, { method, headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`setup ${method} ${path} answered ${response.status}: ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as any);
}

/** A model of A with versions 1 and 2 (both served by the OIP server), production moved 1 → 2, a baseline, predictions. */
async function modelOfA(name: string) {
  await adminCall('POST', '/v1/models', { name, task: 'binary_classification', features: [{ name: 'x', type: 'numeric' }] });
  for (const version of ['1', '2']) {
    await adminCall('POST', `/v1/models/${name}/versions`, { version, endpoint: oip.url });
    await adminCall('PUT', `/v1/models/${name}/aliases/production`, { version });
  }
}

// ---------------------------------------------------------------------------------------------
// Expectations: one row per operation of /openapi.json

/** Who may call an operation: anyone (no key needed), any valid key, or keys with a scope (admin has every scope). */
type Access = 'public' | 'any-key' | 'ingest' | 'read' | 'admin' | 'ingest-or-read';

interface Request {
  path: string;
  body?: unknown;
  contentType?: string;
}

interface Expectation {
  access: Access;
  /** The status of a caller allowed to do it, on A's data (or its own, for another project's key with `other: 'own'`). */
  success: number;
  /**
   * What another project's admin key gets: `not_found` (A's resource does not exist for it:
   * 404), `own` (the operation works on its own project, showing nothing of A's), or a status
   * (400: the body names A's model, which B does not have).
   */
  other: 'not_found' | 'own' | number;
  /** Whether the session cookie authenticates it (as the dashboard calls it); default true. */
  cookie?: boolean;
  /**
   * Why this operation shows data of every project to whoever may call it; unset for all but
   * operator endpoints. The "nobody outside A sees A" check skips only these.
   */
  showsEveryProject?: string;
  /** The request on A's data; called for every caller, so changes get a fresh target each time. */
  request(caller: Caller): Request | Promise<Request>;
}

const range = `from=${new Date(T0).toISOString()}&to=${new Date(T0 + HOUR).toISOString()}`;
const get = (path: string) => () => ({ path });
const otlp = (model: string) => ({
  resourceLogs: [{ scopeLogs: [{ logRecords: [{ eventName: 'ml.prediction', timeUnixNano: `${T0}000000`, attributes: [{ key: 'ml.model.name', value: { stringValue: model } }, { key: 'ml.features', value: { kvlistValue: { values: [{ key: 'x', value: { doubleValue: 1 } }] } } }, { key: 'ml.prediction.value', value: { intValue: '1' } }] }] }] }],
});

/**
 * To add an endpoint: one row, keyed `METHOD /path` exactly as /openapi.json writes it. The
 * test fails, naming the operation, until the row exists.
 */
const EXPECTATIONS: Record<string, Expectation> = {
  'GET /healthz': { access: 'public', success: 200, other: 'own', request: get('/healthz') },
  'GET /readyz': { access: 'public', success: 200, other: 'own', request: get('/readyz') },
  'GET /metrics': {
    access: 'public',
    success: 200,
    other: 'own',
    // Reported: unauthenticated, and its per-model series name every project's models and
    // features (labels project, model, feature) to anyone who can reach the port.
    showsEveryProject: 'the Prometheus exposition, scraped without a key (API.md)',
    request: get('/metrics'),
  },

  'POST /v1/keys': { access: 'admin', success: 201, other: 'own', request: () => ({ path: '/v1/keys', body: { scopes: ['read'], name: unique('made') } }) },
  'GET /v1/keys': { access: 'admin', success: 200, other: 'own', request: get('/v1/keys') },
  'DELETE /v1/keys/{id}': {
    access: 'admin',
    success: 204,
    other: 'not_found',
    request: async () => ({ path: `/v1/keys/${(await adminCall('POST', '/v1/keys', { scopes: ['read'] })).id}` }),
  },

  // Signing in needs no Authorization header: the key is the body.
  'POST /v1/session': { access: 'public', success: 200, other: 'own', request: (caller) => ({ path: '/v1/session', body: { key: caller.key ?? '' } }) },
  'GET /v1/session': { access: 'any-key', success: 200, other: 'own', request: get('/v1/session') },
  'DELETE /v1/session': { access: 'public', success: 204, other: 'own', request: get('/v1/session') },

  'POST /v1/models': { access: 'admin', success: 201, other: 'own', request: () => ({ path: '/v1/models', body: { name: unique('made-model'), task: 'regression' } }) },
  'GET /v1/models': { access: 'read', success: 200, other: 'own', request: get('/v1/models') },
  'GET /v1/models/{model}': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}`) },
  'POST /v1/models/{model}/versions': { access: 'admin', success: 201, other: 'not_found', request: () => ({ path: `/v1/models/${MODEL}/versions`, body: { version: unique('v') } }) },
  'GET /v1/models/{model}/versions': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/versions`) },
  'GET /v1/models/{model}/versions/{version}': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/versions/1`) },
  'PATCH /v1/models/{model}/versions/{version}': { access: 'admin', success: 200, other: 'not_found', request: () => ({ path: `/v1/models/${MODEL}/versions/1`, body: { tags: { touched: unique('t') } } }) },
  'GET /v1/models/{model}/aliases': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/aliases`) },
  'PUT /v1/models/{model}/aliases/{alias}': { access: 'admin', success: 200, other: 'not_found', request: () => ({ path: `/v1/models/${MODEL}/aliases/${unique('alias')}`, body: { version: '1' } }) },
  'DELETE /v1/models/{model}/aliases/{alias}': {
    access: 'admin',
    success: 204,
    other: 'not_found',
    request: async () => {
      const alias = unique('gone');
      await adminCall('PUT', `/v1/models/${MODEL}/aliases/${alias}`, { version: '1' });
      return { path: `/v1/models/${MODEL}/aliases/${alias}` };
    },
  },
  'POST /v1/models/{model}/versions/{version}/baseline': {
    access: 'admin',
    success: 201,
    other: 'not_found',
    request: () => ({ path: `/v1/models/${MODEL}/versions/1/baseline`, body: 'x,prediction\n1,0\n2,1\n3,1\n', contentType: 'text/csv' }),
  },
  'GET /v1/models/{model}/versions/{version}/baseline': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/versions/1/baseline`) },
  'GET /v1/models/{model}/audit': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/audit`) },

  // Telemetry naming A's model: for B that model does not exist (400, as for any unknown model).
  'POST /v1/predictions': { access: 'ingest', success: 200, other: 400, request: () => ({ path: '/v1/predictions', body: { predictions: [{ model: MODEL, timestamp: T0, features: { x: 1 }, prediction: 1 }] } }) },
  'POST /v1/feedback': { access: 'ingest', success: 200, other: 400, request: () => ({ path: '/v1/feedback', body: { feedback: [{ model: MODEL, predictionId: 'iso-prediction-of-a', label: 1 }] } }) },
  'POST /v1/logs': { access: 'ingest', success: 200, other: 400, request: () => ({ path: '/v1/logs', body: otlp(MODEL) }) },
  'GET /v1/models/{model}/predictions': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/predictions`) },
  'GET /v1/models/{model}/predictions/{id}': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/predictions/iso-prediction-of-a`) },

  'GET /v1/models/{model}/drift': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/drift?${range}`) },
  'GET /v1/models/{model}/drift/matrix': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/drift/matrix?${range}`) },
  'POST /v1/models/{model}/drift/run': { access: 'admin', success: 200, other: 'not_found', request: () => ({ path: `/v1/models/${MODEL}/drift/run`, body: { from: T0, to: T0 + HOUR } }) },
  'GET /v1/models/{model}/quality': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/quality?${range}`) },
  'GET /v1/models/{model}/performance': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/performance?${range}`) },
  'GET /v1/models/{model}/traffic': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/traffic?${range}`) },
  'GET /v1/models/{model}/features/{feature}/histogram': { access: 'read', success: 200, other: 'not_found', request: get(`/v1/models/${MODEL}/features/x/histogram?${range}`) },

  // The gateway takes the session cookie too, with the same CSRF rule.
  'POST /v2/models/{model}/infer': {
    access: 'ingest',
    success: 200,
    other: 'not_found',
    request: () => ({ path: `/v2/models/${MODEL}/infer`, body: { inputs: [{ name: 'x', shape: [1], datatype: 'FP64', data: [41] }] } }),
  },
  'GET /v2/models/{model}': { access: 'ingest-or-read', success: 200, other: 'not_found', request: get(`/v2/models/${MODEL}`) },
  'GET /v2/models/{model}/ready': { access: 'ingest-or-read', success: 200, other: 'not_found', request: get(`/v2/models/${MODEL}/ready`) },

  'GET /v1/channels': { access: 'read', success: 200, other: 'own', request: get('/v1/channels') },
  'POST /v1/channels': { access: 'admin', success: 201, other: 'own', request: () => ({ path: '/v1/channels', body: { name: unique('channel'), type: 'rollback' } }) },
  'GET /v1/channels/{id}': { access: 'read', success: 200, other: 'not_found', request: () => ({ path: `/v1/channels/${fixture.channelId}` }) },
  'DELETE /v1/channels/{id}': {
    access: 'admin',
    success: 204,
    other: 'not_found',
    request: async () => ({ path: `/v1/channels/${(await adminCall('POST', '/v1/channels', { name: unique('doomed'), type: 'rollback' })).id}` }),
  },
  // This app runs without alerting, so a permitted test send ends in 409 ("sends nothing"),
  // after the key, the scope and the channel's project were checked.
  'POST /v1/channels/{id}/test': { access: 'admin', success: 409, other: 'not_found', request: () => ({ path: `/v1/channels/${fixture.channelId}/test` }) },

  'GET /v1/alert-rules': { access: 'read', success: 200, other: 'own', request: get('/v1/alert-rules') },
  'POST /v1/alert-rules': { access: 'admin', success: 201, other: 'own', request: () => ({ path: '/v1/alert-rules', body: { name: 'Made', model: '*', metric: 'psi', op: '>', threshold: 0.2 } }) },
  'GET /v1/alert-rules/{id}': { access: 'read', success: 200, other: 'not_found', request: () => ({ path: `/v1/alert-rules/${fixture.ruleId}` }) },
  'PUT /v1/alert-rules/{id}': { access: 'admin', success: 200, other: 'not_found', request: () => ({ path: `/v1/alert-rules/${fixture.ruleId}`, body: { name: 'Iso', model: MODEL, metric: 'psi', op: '>', threshold: 0.3 } }) },
  'DELETE /v1/alert-rules/{id}': {
    access: 'admin',
    success: 204,
    other: 'not_found',
    request: async () => ({ path: `/v1/alert-rules/${(await adminCall('POST', '/v1/alert-rules', { name: 'Doomed', metric: 'psi', op: '>', threshold: 1 })).id}` }),
  },

  'GET /v1/alerts': { access: 'read', success: 200, other: 'own', request: get('/v1/alerts') },
  'GET /v1/alerts/{id}': { access: 'read', success: 200, other: 'not_found', request: () => ({ path: `/v1/alerts/${fixture.alertId}` }) },
  'POST /v1/alerts/{id}/ack': { access: 'admin', success: 200, other: 'not_found', request: () => ({ path: `/v1/alerts/${fixture.alertId}/ack`, body: { comment: 'seen' } }) },
  'GET /v1/alert-history': { access: 'read', success: 200, other: 'own', request: get('/v1/alert-history') },
  'GET /v1/deliveries': { access: 'read', success: 200, other: 'own', request: get('/v1/deliveries') },

  'POST /v1/silences': { access: 'admin', success: 201, other: 'own', request: () => ({ path: '/v1/silences', body: { matchers: [{ name: 'severity', value: 'info' }], durationMs: HOUR } }) },
  'GET /v1/silences': { access: 'read', success: 200, other: 'own', request: get('/v1/silences') },
  'GET /v1/silences/{id}': { access: 'read', success: 200, other: 'not_found', request: () => ({ path: `/v1/silences/${fixture.silenceId}` }) },
  'DELETE /v1/silences/{id}': {
    access: 'admin',
    success: 204,
    other: 'not_found',
    request: async () => ({ path: `/v1/silences/${(await adminCall('POST', '/v1/silences', { matchers: [{ name: 'model', value: 'doomed' }], durationMs: HOUR })).id}` }),
  },

  'POST /v1/models/{model}/rollback': {
    access: 'admin',
    success: 200,
    other: 'not_found',
    request: async (caller) => {
      // Each permitted rollback needs a production alias with somewhere to go back to.
      const name = caller.kind === 'admin' || caller.kind === 'cookie-with-csrf' ? unique('rollback-model') : MODEL;
      if (name !== MODEL) await modelOfA(name);
      return { path: `/v1/models/${name}/rollback`, body: { reason: 'isolation test' } };
    },
  },
};

/** A name or id of the same shape as one of A's that exists nowhere: its last character changed. */
const standIn = (marker: string) => marker.slice(0, -1) + (marker.endsWith('0') ? '1' : '0');

/** The same request about resources that exist nowhere. */
function elsewhere(text: string): string {
  let out = text;
  for (const marker of markersOfA()) out = out.replaceAll(marker, standIn(marker));
  return out;
}

/** An answer with A's names and ids and their stand-ins replaced by one placeholder, for comparing. */
function anonymised(text: string): string {
  let out = text;
  for (const marker of markersOfA()) out = out.replaceAll(marker, '<A>').replaceAll(standIn(marker), '<A>');
  return out;
}

/** The status a caller must get for an operation, and whether the answer is the operation's success. */
function expectedStatus(operation: string, e: Expectation, caller: Caller): number {
  const method = operation.split(' ')[0]!;
  if (e.access === 'public') {
    // Signing in: the caller's key, if any, is the body; anything but a valid key fails.
    if (operation === 'POST /v1/session') return caller.key === undefined ? 400 : caller.kind === 'anonymous' ? 401 : 200;
    return e.success;
  }
  const usesCookie = caller.kind === 'cookie' || caller.kind === 'cookie-with-csrf';
  if (caller.kind === 'anonymous' || (usesCookie && e.cookie === false)) return 401;
  const scopes: Record<Caller['kind'], readonly string[]> = {
    anonymous: [],
    ingest: ['ingest'],
    read: ['read'],
    admin: ['ingest', 'read', 'admin'],
    'other-project': ['ingest', 'read', 'admin'],
    cookie: ['ingest', 'read', 'admin'],
    'cookie-with-csrf': ['ingest', 'read', 'admin'],
  };
  const granted = scopes[caller.kind];
  const allowed =
    e.access === 'any-key' ? granted.length > 0 : e.access === 'ingest-or-read' ? granted.includes('ingest') || granted.includes('read') : granted.includes(e.access);
  if (!allowed) return 403;
  if (caller.kind === 'cookie' && method !== 'GET') return 403;
  if (caller.kind === 'other-project') return e.other === 'not_found' ? 404 : e.other === 'own' ? e.success : e.other;
  return e.success;
}

// ---------------------------------------------------------------------------------------------

let operations: string[] = [];

beforeAll(async () => {
  oip = await startOipServer({ version: 'iso' });
  t = await openTestApp();
  const api = admin();
  keys.ingest = (await api.post('/v1/keys', { scopes: ['ingest'] })).body.key;
  keys.read = (await api.post('/v1/keys', { scopes: ['read'] })).body.key;
  const revoked = (await api.post('/v1/keys', { scopes: ['admin'] })).body;
  keys.revoked = revoked.key;
  expect((await api.delete(`/v1/keys/${revoked.id}`)).status).toBe(204);
  const other = (await api.post('/v1/keys', { scopes: ['admin'], project: 'iso-project-b' })).body;
  keys.otherProject = other.key;
  fixture.keyId = (await api.post('/v1/keys', { scopes: ['read'], name: 'marker' })).body.id;

  await modelOfA(MODEL);
  await adminCall('PUT', `/v1/models/${MODEL}/aliases/production`, { version: '1' });
  const upload = await t.fetcher(`/v1/models/${MODEL}/versions/1/baseline`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'text/csv' }, body: 'x,prediction\n1,0\n2,1\n' });
  expect(upload.status).toBe(201);
  await adminCall('POST', '/v1/predictions', { predictions: [{ model: MODEL, id: 'iso-prediction-of-a', timestamp: T0, features: { x: 1 }, prediction: 1 }] });
  fixture.channelId = (await adminCall('POST', '/v1/channels', { name: 'iso-channel', type: 'webhook', config: { url: 'https://hooks.example.com/a' } })).id;
  fixture.ruleId = (await adminCall('POST', '/v1/alert-rules', { name: 'Iso', model: MODEL, metric: 'psi', op: '>', threshold: 0.2, channels: [fixture.channelId] })).id;
  fixture.silenceId = (await adminCall('POST', '/v1/silences', { matchers: [{ name: 'model', value: MODEL }], durationMs: HOUR })).id;
  // An alert of A, as the evaluator would have stored it.
  fixture.alertId = 'a1b2c3d4e5f60718';
  await new AlertRepository(t.store).put(
    'default',
    [
      {
        ...newStoredAlert(fixture.alertId, { alertname: 'Iso', model: MODEL, feature: 'x' }, fixture.ruleId, T0),
        state: 'firing',
        heldWindows: 1,
        activeSince: T0,
        firedAt: T0,
        lastWindowStart: T0,
        value: 0.5,
      },
    ],
    T0,
  );

  const doc = (await (await t.fetcher('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
  operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
}, 120_000);

afterAll(async () => {
  await t?.close();
  await oip?.stop();
});

describe('the isolation matrix', () => {
  it('has an expectation for every operation of /openapi.json, and none for operations that do not exist', () => {
    const missing = operations.filter((op) => EXPECTATIONS[op] === undefined);
    expect(missing, `no isolation expectation for: ${missing.join(', ')}. Add a row for each to EXPECTATIONS in test/hardening-isolation.integration.test.ts`).toEqual([]);
    const stale = Object.keys(EXPECTATIONS).filter((op) => !operations.includes(op));
    expect(stale, `EXPECTATIONS has rows for operations /openapi.json no longer lists: ${stale.join(', ')}`).toEqual([]);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('every operation answers every caller with its expected status, and nobody outside A sees A', async () => {
    const wrong: string[] = [];
    const leaks: string[] = [];
    for (const operation of operations) {
      const e = EXPECTATIONS[operation];
      if (e === undefined) continue;
      const method = operation.split(' ')[0]!;
      for (const caller of callers()) {
        const request = await e.request(caller);
        const body = request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
        const headers = { ...caller.headers, ...(body === undefined ? {} : { 'content-type': request.contentType ?? 'application/json' }) };
        const response = await t.fetcher(request.path, { method, headers, ...(body === undefined ? {} : { body }) });
        const text = await response.text();
        const expected = expectedStatus(operation, e, caller);
        if (response.status !== expected) wrong.push(`${operation} by ${caller.name}: expected ${expected}, got ${response.status} ${text.slice(0, 200)}`);
        if (response.status >= 400 && response.status !== 404 && !text.includes('"error"')) wrong.push(`${operation} by ${caller.name}: ${response.status} without API.md's error body: ${text.slice(0, 200)}`);
        const outsider = (caller.kind === 'anonymous' || caller.kind === 'other-project') && e.showsEveryProject === undefined;
        if (!outsider) continue;
        // An outsider sees A's names and ids only where it sent them itself (an error message
        // may quote the path it asked for).
        const sent = `${request.path} ${body ?? ''}`;
        for (const marker of markersOfA()) if (text.includes(marker) && !sent.includes(marker)) leaks.push(`${operation} by ${caller.name} shows ${JSON.stringify(marker)}: ${text.slice(0, 200)}`);
        // And A's resources look exactly like ones that exist nowhere: no existence oracle.
        if (caller.kind === 'other-project' && response.status === 404) {
          const missing = await t.fetcher(elsewhere(request.path), { method, headers, ...(body === undefined ? {} : { body: elsewhere(body) }) });
          const missingText = await missing.text();
          if (missing.status !== 404 || anonymised(text) !== anonymised(missingText)) leaks.push(`${operation}: A's resource answers another project ${anonymised(text)}, a missing one ${missing.status} ${anonymised(missingText)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(leaks).toEqual([]);
  }, 180_000);
});

describe('projects', () => {
  it("an admin cannot make a key for a project that exists, even one being created at the same moment", async () => {
    // Both projects' admins race to open the same new project; only one of them may get in.
    const name = unique('contested-project');
    const attempts = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? TEST_ADMIN_KEY : keys.otherProject)).map(async (key) => {
      const response = await t.fetcher('/v1/keys', { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify({ scopes: ['admin'], project: name }) });
      return { key, status: response.status };
    });
    const results = await Promise.all(attempts);
    const winners = new Set(results.filter((r) => r.status === 201).map((r) => r.key));
    expect(winners.size, JSON.stringify(results.map((r) => r.status))).toBe(1);
    for (const r of results) expect([201, 403]).toContain(r.status);
  });

  it("another project's key never lists A's keys, models, channels or rules, and A's never lists B's", async () => {
    const b = apiClient(t.fetcher, keys.otherProject);
    await b.post('/v1/models', { name: 'model-of-b', task: 'regression' });
    const ofA = JSON.stringify([(await admin().get('/v1/models')).body, (await admin().get('/v1/keys')).body]);
    expect(ofA).not.toContain('model-of-b');
    const ofB = JSON.stringify([(await b.get('/v1/models')).body, (await b.get('/v1/keys')).body, (await b.get('/v1/channels')).body, (await b.get('/v1/alert-rules')).body]);
    for (const marker of markersOfA()) expect(ofB).not.toContain(marker);
  });
});
