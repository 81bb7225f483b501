import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * The error contract of API.md for the spine's endpoints: every status that applies, each in
 * the documented shape `{"error": {"code", "message", "details"?}}`.
 */
let t: TestApp;
beforeAll(async () => {
  t = await openTestApp({ maxBodyBytes: 4096 });
}, 60_000);
afterAll(() => t.close());

const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
const churnModel = { name: 'churn', task: 'binary_classification', features: [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }] };

async function keyFor(scopes: string[], project?: string): Promise<string> {
  const response = await admin().post('/v1/keys', { scopes, project });
  expect(response.status).toBe(201);
  return response.body.key;
}

function expectError(response: { status: number; body: any }, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.body).toEqual({ error: expect.objectContaining({ code, message: expect.any(String) }) });
  expect(response.body.error.message.length).toBeGreaterThan(0);
}

describe('authentication', () => {
  it('answers 401 without a key', async () => {
    const response = await apiClient(t.fetcher).get('/v1/models');
    expectError(response, 401, 'unauthorized');
    expect(response.body.error.message).toContain('Authorization: Bearer');
  });

  it('answers 401 for an unknown key and for a malformed header', async () => {
    expectError(await apiClient(t.fetcher, 'vgl_not-a-key-that-exists').get('/v1/models'), 401, 'unauthorized');
    expectError(await apiClient(t.fetcher).get('/v1/models', { authorization: 'Basic abc' }), 401, 'unauthorized');
  });

  it('answers 401 once a key is revoked', async () => {
    const created = await admin().post('/v1/keys', { scopes: ['read'], name: 'short-lived' });
    const reader = apiClient(t.fetcher, created.body.key);
    expect((await reader.get('/v1/models')).status).toBe(200);
    expect((await admin().delete(`/v1/keys/${created.body.id}`)).status).toBe(204);
    expectError(await reader.get('/v1/models'), 401, 'unauthorized');
    expectError(await admin().delete(`/v1/keys/${created.body.id}`), 404, 'not_found');
  });
});

describe('scopes', () => {
  it('answers 403 when an ingest key creates a model, naming the scope needed', async () => {
    const ingest = apiClient(t.fetcher, await keyFor(['ingest']));
    const response = await ingest.post('/v1/models', churnModel);
    expectError(response, 403, 'forbidden');
    expect(response.body.error.message).toContain('"admin"');
    expectError(await ingest.get('/v1/models'), 403, 'forbidden');
  });

  it('lets a read key read but not create keys or models', async () => {
    const reader = apiClient(t.fetcher, await keyFor(['read']));
    expect((await reader.get('/v1/models')).status).toBe(200);
    expectError(await reader.post('/v1/keys', { scopes: ['admin'] }), 403, 'forbidden');
    expectError(await reader.post('/v1/models', churnModel), 403, 'forbidden');
  });

  it('shows a created key once and lists it without the key', async () => {
    const created = await admin().post('/v1/keys', { scopes: ['ingest', 'read'], name: 'pipeline' });
    expect(created.body).toMatchObject({ project: 'default', scopes: ['ingest', 'read'], name: 'pipeline', key: expect.stringMatching(/^vgl_/) });
    const listed = await admin().get('/v1/keys');
    const entry = listed.body.keys.find((k: { id: string }) => k.id === created.body.id);
    expect(entry).toMatchObject({ scopes: ['ingest', 'read'], name: 'pipeline', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(created.body.key);
  });
});

describe('projects', () => {
  it("hides another project's models: 404, and absent from the list", async () => {
    expect((await admin().post('/v1/models', { ...churnModel, name: 'fraud' })).status).toBe(201);
    const other = apiClient(t.fetcher, await keyFor(['admin'], 'team-b'));
    expectError(await other.get('/v1/models/fraud'), 404, 'not_found');
    expect((await other.get('/v1/models')).body.models).toEqual([]);
    // The same name is free in another project.
    expect((await other.post('/v1/models', { ...churnModel, name: 'fraud' })).status).toBe(201);
  });

  it('lets an admin open a new project but never create keys in an existing one it does not own', async () => {
    const teamC = apiClient(t.fetcher, await keyFor(['admin'], 'team-c'));
    expectError(await teamC.post('/v1/keys', { scopes: ['read'], project: 'default' }), 403, 'forbidden');
    expect((await teamC.post('/v1/keys', { scopes: ['read'] })).body.project).toBe('team-c');
  });
});

describe('bad input', () => {
  it('answers 400 for malformed JSON', async () => {
    expectError(await admin().post('/v1/models', '{"name": "x",'), 400, 'invalid_request');
  });

  it('answers 400 naming each wrong field', async () => {
    const response = await admin().post('/v1/models', { name: 'm', task: 'clustering', features: [{ name: 'age', type: 'numeric' }, { name: 7, type: 'numeric' }] });
    expectError(response, 400, 'invalid_request');
    const paths = response.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['task', 'features[1].name']));
    expect(response.body.error.details.find((d: { path: string }) => d.path === 'features[1].name').message).toMatch(/expected string/);
  });

  it('answers 400 for duplicate feature names', async () => {
    const response = await admin().post('/v1/models', { name: 'dup', task: 'regression', features: [{ name: 'x', type: 'numeric' }, { name: 'x', type: 'categorical' }] });
    expectError(response, 400, 'invalid_request');
    expect(response.body.error.details).toEqual([{ path: 'features[1].name', message: 'duplicate feature name "x"' }]);
  });

  it('answers 415 for a body that is not JSON', async () => {
    expectError(await admin().post('/v1/models', 'name=churn', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'unsupported_media_type');
  });

  it('answers 413 for a body over the limit', async () => {
    const response = await admin().post('/v1/models', { ...churnModel, name: 'big', description: 'x'.repeat(5000) });
    expectError(response, 413, 'payload_too_large');
  });

  it('answers 409 for a model name that exists', async () => {
    expect((await admin().post('/v1/models', { ...churnModel, name: 'twice' })).status).toBe(201);
    expectError(await admin().post('/v1/models', { ...churnModel, name: 'twice' }), 409, 'conflict');
  });

  it('creates a model once when the same create races with itself', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => admin().post('/v1/models', { ...churnModel, name: 'raced' })));
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
  });

  it('answers 404 for an unknown route and an unknown model', async () => {
    expectError(await admin().get('/v1/no-such-thing'), 404, 'not_found');
    expectError(await admin().get('/v1/models/no-such-model'), 404, 'not_found');
  });

  it('stores and returns names with quotes, SQL and markup verbatim', async () => {
    const name = `o'neil"; DROP TABLE models; -- <script>`;
    const created = await admin().post('/v1/models', { ...churnModel, name, features: [{ name: "it's \"quoted\"", type: 'numeric' }] });
    expect(created.status).toBe(201);
    const fetched = await admin().get(`/v1/models/${encodeURIComponent(name)}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body.name).toBe(name);
    expect(fetched.body.features[0].name).toBe("it's \"quoted\"");
  });
});

describe('streamed uploads', () => {
  it('takes a baseline larger than the request body limit', async () => {
    expect((await admin().post('/v1/models', { name: 'streamed', task: 'regression', features: [{ name: 'x', type: 'numeric' }] })).status).toBe(201);
    expect((await admin().post('/v1/models/streamed/versions', { version: '1' })).status).toBe(201);
    const csv = `x\n${Array.from({ length: 3000 }, (_, i) => String(i / 7)).join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(4096);
    const response = await admin().post('/v1/models/streamed/versions/1/baseline', csv, { 'content-type': 'text/csv' });
    expect(response.status).toBe(201);
    expect(response.body.rowCount ?? response.body.profile?.rowCount).toBe(3000);
  });
});
