import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegistryTestApp, REGISTRY_ADMIN_KEY, type RegistryTestApp } from './registry.support';
import { apiClient } from './support/http';

/**
 * The registry as a pipeline and an on-call engineer use it: versions with their metadata,
 * aliases moved atomically, and the audit log that remembers every change and who made it.
 */
let t: RegistryTestApp;
beforeAll(async () => {
  t = await openRegistryTestApp();
}, 60_000);
afterAll(() => t.close());

const fraud = { name: 'fraud', task: 'binary_classification', features: [{ name: 'amount', type: 'numeric' }, { name: 'country', type: 'categorical' }] };
const v1 = { version: '1', artifactUri: 's3://models/fraud/1', endpoint: 'http://fraud-1.models:8080', metrics: { auc: 0.91 }, params: { depth: 6, booster: 'gbtree' }, datasetVersion: '2024-05-01', gitCommit: 'abc123', tags: { stage: 'prod' } };

async function createModel(name: string) {
  const response = await t.admin.post('/v1/models', { ...fraud, name });
  expect(response.status).toBe(201);
}

describe('versions', () => {
  beforeAll(() => createModel('fraud'));

  it('registers a version with its metadata and shows it', async () => {
    const created = await t.admin.post('/v1/models/fraud/versions', v1);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...v1, baselineFrom: null, createdBy: 'key_from_env', baseline: { status: 'none' } });
    const fetched = await t.admin.get('/v1/models/fraud/versions/1');
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);
  });

  it('answers 200 and changes nothing when the same registration is sent again, 409 naming the fields when it differs', async () => {
    expect((await t.admin.post('/v1/models/fraud/versions', { ...v1, metrics: { auc: 0.91 } })).status).toBe(200);
    const conflict = await t.admin.post('/v1/models/fraud/versions', { ...v1, artifactUri: 's3://elsewhere', metrics: { auc: 0.5 } });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('conflict');
    expect(conflict.body.error.message).toContain('artifactUri, metrics');
    expect((await t.admin.get('/v1/models/fraud/versions/1')).body.artifactUri).toBe(v1.artifactUri);
  });

  it('takes version names as strings such as dates', async () => {
    expect((await t.admin.post('/v1/models/fraud/versions', { version: '2024-05-01-a' })).status).toBe(201);
    expect((await t.admin.get('/v1/models/fraud/versions/2024-05-01-a')).body).toMatchObject({ version: '2024-05-01-a', artifactUri: null, metrics: {}, tags: {} });
  });

  it('rejects an endpoint that is not an http(s) URL and a version name that cannot be a path', async () => {
    const badEndpoint = await t.admin.post('/v1/models/fraud/versions', { version: '9', endpoint: 'ftp://fraud:21' });
    expect(badEndpoint.status).toBe(400);
    expect(badEndpoint.body.error.details[0].path).toBe('endpoint');
    const badName = await t.admin.post('/v1/models/fraud/versions', { version: '../9' });
    expect(badName.status).toBe(400);
    expect(badName.body.error.details[0].path).toBe('version');
  });

  it('changes tags with PATCH, but nothing else', async () => {
    const response = await t.fetcher('/v1/models/fraud/versions/1', {
      method: 'PATCH',
      headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tags: { stage: 'retired' }, reason: 'replaced by 2', artifactUri: 's3://sneaky' }),
    });
    expect(response.status).toBe(200);
    const body: any = await response.json();
    expect(body.tags).toEqual({ stage: 'retired' });
    expect(body.artifactUri).toBe(v1.artifactUri);
  });

  it('answers 404 for a version of an unknown model and an unknown version', async () => {
    expect((await t.admin.post('/v1/models/nope/versions', { version: '1' })).status).toBe(404);
    expect((await t.admin.get('/v1/models/fraud/versions/77')).status).toBe(404);
  });
});

describe('aliases', () => {
  beforeAll(async () => {
    await createModel('churn');
    for (const version of ['1', '2', '3']) expect((await t.admin.post('/v1/models/churn/versions', { version })).status).toBe(201);
  });

  const put = (alias: string, body: object) =>
    t.fetcher(`/v1/models/churn/aliases/${alias}`, { method: 'PUT', headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('points production at a version, moves it, and tells where it was', async () => {
    const first = await put('production', { version: '1' });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ alias: 'production', version: '1', previousVersion: null, updatedBy: 'key_from_env' });
    const moved = await put('production', { version: '2', reason: 'AUC +0.02 offline' });
    expect(await moved.json()).toMatchObject({ version: '2', previousVersion: '1' });
    expect((await t.admin.get('/v1/models/churn/aliases')).body.aliases).toEqual([expect.objectContaining({ alias: 'production', version: '2' })]);
  });

  it('moves an alias many times in the same millisecond and keeps the last', async () => {
    for (const version of ['1', '3', '2', '3']) expect((await put('canary', { version })).status).toBe(200);
    const aliases = (await t.admin.get('/v1/models/churn')).body.aliases;
    expect(aliases.find((a: any) => a.alias === 'canary').version).toBe('3');
  });

  it('refuses to point an alias at a version that is not registered', async () => {
    const response = await put('shadow', { version: '42' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.details).toEqual([{ path: 'version', message: 'version "42" is not registered' }]);
  });

  it('deletes an alias; deleting it again is 404', async () => {
    expect((await put('shadow', { version: '3' })).status).toBe(200);
    expect((await t.admin.delete('/v1/models/churn/aliases/shadow')).status).toBe(204);
    expect((await t.admin.get('/v1/models/churn/aliases')).body.aliases.map((a: any) => a.alias)).not.toContain('shadow');
    expect((await t.admin.delete('/v1/models/churn/aliases/shadow')).status).toBe(404);
  });

  it('shows versions, aliases and a summary on the model', async () => {
    const model = (await t.admin.get('/v1/models/churn')).body;
    expect(model.versions.map((v: any) => v.version)).toEqual(['1', '2', '3']);
    expect(model.versions[0].baseline).toEqual({ status: 'none', baselineId: null, fromVersion: null, rowCount: null, uploadedAt: null });
    const listed = (await t.admin.get('/v1/models')).body.models.find((m: any) => m.name === 'churn');
    expect(listed.summary).toEqual({
      versionCount: 3,
      latestVersion: '3',
      aliases: { canary: '3', production: '2' },
      // Nothing evaluated, alerted or received yet.
      health: { latestWindow: null, driftedFeatures: [], moderateFeatures: [], firingAlerts: 0, pendingAlerts: 0, predictions24h: 0, lastPredictionAt: null },
    });
  });
});

describe('audit log', () => {
  it('records every change in order, with who, before, after and why', async () => {
    await createModel('ranker');
    const operator = await t.clientWith(['admin']);
    expect((await t.admin.post('/v1/models/ranker/versions', { version: '1', reason: 'first model' })).status).toBe(201);
    expect((await operator.post('/v1/models/ranker/versions', { version: '2', baselineFrom: '1' })).status).toBe(201);
    await t.fetcher('/v1/models/ranker/aliases/production', { method: 'PUT', headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ version: '1' }) });
    await t.fetcher('/v1/models/ranker/aliases/production', { method: 'PUT', headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ version: '2', reason: 'canary looked good' }) });
    await t.fetcher('/v1/models/ranker/versions/1', { method: 'PATCH', headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ tags: { stage: 'old' } }) });
    expect((await t.admin.delete('/v1/models/ranker/aliases/production?reason=incident%2042')).status).toBe(204);

    const entries = (await t.admin.get('/v1/models/ranker/audit')).body.entries;
    expect(entries.map((e: any) => [e.action, e.target])).toEqual([
      ['model.created', 'ranker'],
      ['version.registered', '1'],
      ['version.registered', '2'],
      ['alias.set', 'production'],
      ['alias.set', 'production'],
      ['version.updated', '1'],
      ['alias.deleted', 'production'],
    ]);
    expect(entries[0]).toMatchObject({ keyId: 'key_from_env', before: null, after: expect.objectContaining({ name: 'ranker', task: 'binary_classification' }), reason: null });
    expect(entries[1]).toMatchObject({ reason: 'first model', after: expect.objectContaining({ version: '1' }) });
    expect(entries[2].keyId).not.toBe('key_from_env');
    expect(entries[2].after.baselineFrom).toBe('1');
    expect(entries[3]).toMatchObject({ before: null, after: { version: '1' } });
    expect(entries[4]).toMatchObject({ before: { version: '1' }, after: { version: '2' }, reason: 'canary looked good' });
    expect(entries[5]).toMatchObject({ before: { tags: {}, baselineFrom: null }, after: { tags: { stage: 'old' }, baselineFrom: null } });
    expect(entries[6]).toMatchObject({ before: { version: '2' }, after: null, reason: 'incident 42' });
    const times = entries.map((e: any) => Date.parse(e.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it('pages with limit and cursor, oldest first or newest first', async () => {
    const all = (await t.admin.get('/v1/models/ranker/audit?limit=1000')).body.entries.map((e: any) => e.id);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page: any = (await t.admin.get(`/v1/models/ranker/audit?limit=3${cursor ? `&cursor=${cursor}` : ''}`)).body;
      expect(page.entries.length).toBeLessThanOrEqual(3);
      paged.push(...page.entries.map((e: any) => e.id));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(all);
    const newest = (await t.admin.get('/v1/models/ranker/audit?order=desc&limit=2')).body;
    expect(newest.entries.map((e: any) => e.id)).toEqual(all.slice(-2).reverse());
    const older = (await t.admin.get(`/v1/models/ranker/audit?order=desc&limit=2&cursor=${newest.nextCursor}`)).body;
    expect(older.entries.map((e: any) => e.id)).toEqual(all.slice(-4, -2).reverse());
  });

  it('refuses a cursor no page gave out, however many digits it has (found by schemathesis: was a 500)', async () => {
    for (const cursor of ['9028018398566698609', '9007199254740993', 'abc', '']) {
      const page = await t.admin.get(`/v1/models/ranker/audit?cursor=${cursor}`);
      expect(page.status, cursor).toBe(400);
      expect(page.body.error.message).toContain('nextCursor');
    }
  });

  it('offers no way to change or delete entries', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await t.fetcher('/v1/models/ranker/audit', { method, headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' }, body: '{}' });
      expect(response.status, method).toBe(404);
    }
  });
});

describe('access', () => {
  it('needs admin to change the registry and read to look at it', async () => {
    await createModel('scoped');
    const reader = await t.clientWith(['read']);
    const ingest = await t.clientWith(['ingest']);
    const write = await reader.post('/v1/models/scoped/versions', { version: '1' });
    expect(write.status).toBe(403);
    expect(write.body.error.message).toContain('"admin"');
    expect((await reader.get('/v1/models/scoped/versions')).status).toBe(200);
    expect((await reader.get('/v1/models/scoped/audit')).status).toBe(200);
    expect((await ingest.get('/v1/models/scoped/audit')).status).toBe(403);
  });

  it("never shows another project's model, versions, aliases or audit", async () => {
    await createModel('secret');
    expect((await t.admin.post('/v1/models/secret/versions', { version: '1' })).status).toBe(201);
    const other = await t.clientWith(['admin'], 'team-registry-b');
    for (const path of ['/v1/models/secret', '/v1/models/secret/versions', '/v1/models/secret/versions/1', '/v1/models/secret/aliases', '/v1/models/secret/audit', '/v1/models/secret/versions/1/baseline']) {
      const response = await other.get(path);
      expect(response.status, path).toBe(404);
      expect(response.body.error.code).toBe('not_found');
    }
    expect((await other.post('/v1/models/secret/versions', { version: '2' })).status).toBe(404);
    expect((await apiClient(t.fetcher, REGISTRY_ADMIN_KEY).get('/v1/models/secret/versions')).body.versions).toHaveLength(1);
  });
});
