import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_NAMES } from '../ingest/testing/hostileInput';
import { apiClient, type Fetcher } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * Model, feature, category and channel names with quotes, SQL, HTML, control characters and
 * Object.prototype's member names: stored and shown by the API exactly as sent (JSON-escaped as
 * JSON requires, nothing else), never executed as SQL, never a 5xx.
 */

let t: TestApp;
/** Every answer of the file: none may be a 5xx. */
const answers: { request: string; status: number }[] = [];
let api: ReturnType<typeof apiClient>;

const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;
const path = (...segments: string[]) => segments.map((s) => `/${encodeURIComponent(s)}`).join('');

beforeAll(async () => {
  t = await openTestApp();
  const recording: Fetcher = async (p, init) => {
    const response = await t.fetcher(p, init);
    answers.push({ request: `${init?.method ?? 'GET'} ${p}`, status: response.status });
    return response;
  };
  api = apiClient(recording, TEST_ADMIN_KEY);
}, 60_000);

afterAll(() => t?.close());

async function put(p: string, body: unknown) {
  const response = await t.fetcher(p, { method: 'PUT', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  answers.push({ request: `PUT ${p}`, status: response.status });
  return { status: response.status, body: (await response.json()) as any };
}

/** Names a URL path cannot carry (parsers remove them as dot segments, even percent-encoded). */
const UNADDRESSABLE = ['.', '..'];
/** Every hostile name except those: as model, feature and category names. */
const NAMES = HOSTILE_NAMES.filter((name) => !UNADDRESSABLE.includes(name));

describe('model names', () => {
  it.each(NAMES)('%j: created, found by its path, listed, versioned, fed and audited verbatim', async (name) => {
    // The name as a key too: `__proto__` included, which zod's records leave out (ingest/verbatimRecord.ts).
    const keyed = <T>(value: T) => ({ name: value, [name]: value });
    const created = await api.post('/v1/models', { name, task: 'binary_classification', features: [{ name: 'x', type: 'numeric' }], description: name, owner: name, tags: keyed(name) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ name, description: name, owner: name });
    expect(created.body.tags).toEqual(keyed(name));

    const model = `/v1/models${path(name)}`;
    const found = await api.get(model);
    expect(found.status, JSON.stringify(found.body)).toBe(200);
    expect(found.body.name).toBe(name);
    expect(found.body.tags).toEqual(keyed(name));
    expect((await api.get('/v1/models')).body.models.map((m: { name: string }) => m.name)).toContain(name);

    const registered = await api.post(`${model}/versions`, { version: '1', reason: name, tags: keyed(name), params: keyed(name), metrics: keyed(0.5) });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    expect((await api.get(`${model}/versions/1`)).body).toMatchObject({ tags: keyed(name), params: keyed(name), metrics: keyed(0.5) });
    expect((await put(`${model}/aliases/production`, { version: '1', reason: name })).status).toBe(200);

    const predicted = await api.post('/v1/predictions', { predictions: [{ model: name, id: name, timestamp: T0, features: { x: 1 }, prediction: name, scores: keyed(0.5) }] });
    expect(predicted.status, JSON.stringify(predicted.body)).toBe(200);
    expect((await api.post('/v1/feedback', { feedback: [{ model: name, predictionId: name, label: name }] })).status).toBe(200);
    const shown = await api.get(`${model}/predictions${path(name)}`);
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    expect(shown.body).toMatchObject({ id: name, model: name, version: '1', prediction: name, label: name });
    expect(shown.body.scores).toEqual(keyed(0.5));
    expect((await api.get(`${model}/predictions?from=${T0}&to=${T0 + 1}`)).body.predictions.map((p: { id: string }) => p.id)).toEqual([name]);

    const audit = (await api.get(`${model}/audit`)).body.entries;
    expect(audit.map((e: { action: string; target: string; reason: string | null }) => [e.action, e.target, e.reason])).toEqual([
      ['model.created', name, null],
      ['version.registered', '1', name],
      ['alias.set', 'production', name],
    ]);
  });

  it('a second model of the same name is a conflict, whatever the name', async () => {
    for (const name of NAMES.slice(0, 5)) expect((await api.post('/v1/models', { name, task: 'regression' })).status).toBe(409);
  });

  it.each(UNADDRESSABLE)('%j is refused as a model or feature name, saying why', async (name) => {
    for (const body of [
      { name, task: 'regression' },
      { name: `with feature ${name}`, task: 'regression', features: [{ name, type: 'numeric' }] },
    ]) {
      const refused = await api.post('/v1/models', body);
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toContain('URL path');
    }
  });
});

describe('feature names and categories', () => {
  const model = 'hostile-features';
  const features = NAMES.map((name, i) => ({ name, type: i % 2 === 0 ? ('numeric' as const) : ('categorical' as const) }));
  /** A value per feature: numbers for numeric ones, the hostile names themselves as categories. */
  const valuesAt = (row: number) => Object.fromEntries(features.map((f, i) => [f.name, f.type === 'numeric' ? row + i : HOSTILE_NAMES[(row + i) % HOSTILE_NAMES.length]!]));

  beforeAll(async () => {
    const created = await api.post('/v1/models', { name: model, task: 'regression', features });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.features).toEqual(features);
    expect((await api.post(`/v1/models/${model}/versions`, { version: '1' })).status).toBe(201);
  });

  it('predictions keep every feature name and category as sent', async () => {
    const predictions = Array.from({ length: 150 }, (_, row) => ({ model, version: '1', id: `row-${row}`, timestamp: T0 + row * 1000, features: valuesAt(row), prediction: row }));
    const stored = await api.post('/v1/predictions', { predictions });
    expect(stored.status, JSON.stringify(stored.body).slice(0, 500)).toBe(200);
    const shown = await api.get(`/v1/models/${model}/predictions/row-7`);
    expect(shown.body.features).toEqual(valuesAt(7));
    expect(Object.keys(shown.body.features).sort()).toEqual(NAMES.slice().sort());
  });

  it('an unknown feature is refused by its name, however it is spelt', async () => {
    for (const name of NAMES) {
      const unknown = `${name}!`;
      const refused = await api.post('/v1/predictions', { predictions: [{ model, features: { [unknown]: 1 }, prediction: 1 }] });
      expect(refused.status).toBe(400);
      // A path as users write it: the name in brackets, JSON-quoted.
      expect(refused.body.error.details).toEqual([{ path: `predictions[0].features[${JSON.stringify(unknown)}]`, message: expect.stringContaining('unknown feature') }]);
    }
  });

  it('a CSV baseline with every name as a quoted header, and an NDJSON one, keep the names', async () => {
    const quote = (text: string) => `"${text.replaceAll('"', '""')}"`;
    const rows = Array.from({ length: 300 }, (_, row) => valuesAt(row));
    const csv = [features.map((f) => quote(f.name)).join(','), ...rows.map((r) => features.map((f) => (f.type === 'numeric' ? String(r[f.name]) : quote(String(r[f.name])))).join(','))].join('\r\n');
    for (const [body, type] of [
      [csv, 'text/csv'],
      [rows.map((r) => JSON.stringify(r)).join('\n'), 'application/x-ndjson'],
    ] as const) {
      const response = await t.fetcher(`/v1/models/${model}/versions/1/baseline`, { method: 'POST', headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': type }, body });
      const uploaded = (await response.json()) as any;
      expect(response.status, JSON.stringify(uploaded).slice(0, 500)).toBe(201);
      expect(uploaded.profile.features.map((f: { name: string }) => f.name)).toEqual(features.map((f) => f.name));
      const categories = uploaded.profile.features.filter((f: { kind: string }) => f.kind === 'categorical').flatMap((f: { categories: { value: string }[] }) => f.categories.map((c) => c.value));
      expect(new Set(categories)).toEqual(new Set(HOSTILE_NAMES));
    }
  });

  it('drift results and histograms name every feature verbatim', async () => {
    const run = await api.post(`/v1/models/${model}/drift/run`, { from: T0, to: T0 + HOUR, window: 'all' });
    expect(run.status, JSON.stringify(run.body).slice(0, 500)).toBe(200);
    expect(run.body.windows[0].features.map((f: { feature: string }) => f.feature).sort()).toEqual(NAMES.slice().sort());
    for (const name of NAMES) {
      const drift = await api.get(`/v1/models/${model}/drift?from=${T0}&to=${T0 + HOUR}&feature=${encodeURIComponent(name)}`);
      expect(drift.status, name).toBe(200);
      expect(drift.body.windows[0].features.map((f: { feature: string }) => f.feature), name).toEqual([name]);
      const histogram = await api.get(`/v1/models/${model}/features${path(name)}/histogram?from=${T0}&to=${T0 + HOUR}`);
      expect(histogram.status, `${name}: ${JSON.stringify(histogram.body).slice(0, 300)}`).toBe(200);
    }
  });

  it('alert rules, silences and channels keep names as given', async () => {
    for (const name of HOSTILE_NAMES) {
      const rule = await api.post('/v1/alert-rules', { name: 'Hostile', model, metric: 'psi', feature: name, op: '>', threshold: 0.2 });
      expect(rule.status, JSON.stringify(rule.body)).toBe(201);
      expect((await api.get(`/v1/alert-rules/${rule.body.id}`)).body).toMatchObject({ model, feature: name });
      const silence = await api.post('/v1/silences', { matchers: [{ name: 'feature', value: name }], durationMs: HOUR, comment: name });
      expect(silence.status, JSON.stringify(silence.body)).toBe(201);
      expect((await api.get(`/v1/silences/${silence.body.id}`)).body.matchers).toEqual([expect.objectContaining({ name: 'feature', value: name })]);
      const channel = await api.post('/v1/channels', { name, type: 'rollback' });
      expect(channel.status, JSON.stringify(channel.body)).toBe(201);
      expect((await api.get(`/v1/channels/${channel.body.id}`)).body.name).toBe(name);
    }
  });
});

describe('never executed', () => {
  it('every table is intact, every stored row accounted for, and no answer was a 5xx', async () => {
    const [row] = await t.store.query<{ n: number }>('test.count', 'SELECT count() AS n FROM predictions FINAL WHERE project = {p:String}', { p: 'default' });
    expect(Number(row!.n)).toBe(NAMES.length + 150);
    expect((await api.get('/v1/keys')).status).toBe(200);
    expect(answers.length).toBeGreaterThan(NAMES.length * 10);
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });
});
