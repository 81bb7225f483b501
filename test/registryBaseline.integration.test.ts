import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BaselineRepository } from '../store/baselines';
import { openRegistryTestApp, REGISTRY_ADMIN_KEY, streamedBody, uploadBaseline, type RegistryTestApp } from './registry.support';

/**
 * Training baselines as a pipeline uploads them: CSV or NDJSON, streamed, profiled in
 * ClickHouse, replaced atomically, and never half-kept when the file is bad.
 */
let t: RegistryTestApp;
beforeAll(async () => {
  // Small inserts, so that an upload spans many of them and concurrent reads can interleave.
  t = await openRegistryTestApp({ baselineChunkRows: 2_000 });
}, 60_000);
afterAll(() => t.close());

const upload = (model: string, version: string, body: string | ReadableStream<Uint8Array>, contentType?: string, reason?: string) =>
  uploadBaseline(t, REGISTRY_ADMIN_KEY, model, version, body, contentType, reason);

async function modelWithVersions(name: string, task: string, features: { name: string; type: string }[], versions: string[]) {
  expect((await t.admin.post('/v1/models', { name, task, features })).status).toBe(201);
  for (const version of versions) expect((await t.admin.post(`/v1/models/${name}/versions`, { version })).status).toBe(201);
}

/** How many stored values a baseline id has: what a detector would read. */
async function storedValues(baselineId: string): Promise<number> {
  const rows = await t.store.query<{ n: string }>('test.count', 'SELECT count() AS n FROM baseline_values WHERE baseline_id = {id:String}', { id: baselineId });
  return Number(rows[0]?.n ?? 0);
}

describe('the profile', () => {
  const reference = JSON.parse(readFileSync(new URL('../../shared/reference/drift-cases.json', import.meta.url), 'utf8')) as {
    cases: { name: string; baseline: (number | string | null)[]; expected: { kind: string; edges?: number[] } }[];
    tolerance: { absolute: number };
  };
  const numericCases = reference.cases.filter((c) => c.expected.edges !== undefined);

  it('has bin edges equal to numpy\'s quantiles (np.quantile(baseline, k/10), deduplicated) for every numeric reference case', async () => {
    expect(numericCases.length).toBeGreaterThanOrEqual(9);
    await modelWithVersions('reference', 'regression', [{ name: 'x', type: 'numeric' }], numericCases.map((c) => c.name));
    for (const testCase of numericCases) {
      const csv = `x\n${testCase.baseline.map((v) => (v === null ? '' : String(v))).join('\n')}\n`;
      const response = await upload('reference', testCase.name, csv);
      expect(response.status, testCase.name).toBe(201);
      const x = response.body.profile.features[0];
      expect(x.edges, testCase.name).toHaveLength(testCase.expected.edges!.length);
      x.edges.forEach((edge: number, i: number) => expect(Math.abs(edge - testCase.expected.edges![i]!), `${testCase.name} edge ${i}`).toBeLessThanOrEqual(reference.tolerance.absolute));
      const present = testCase.baseline.filter((v): v is number => v !== null);
      expect(x.count).toBe(present.length);
      expect(x.missing).toBe(testCase.baseline.length - present.length);
    }
  });

  it('gives count, missing, min, max, mean, population std and category frequencies', async () => {
    await modelWithVersions('profiled', 'binary_classification', [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }], ['1']);
    const csv = 'age,plan,prediction,label\n20,basic,1,1\n30,pro,0,0\n,basic,1,0\n40,,0,0\n50,basic,1,1\n';
    const response = await upload('profiled', '1', csv);
    expect(response.status).toBe(201);
    const { profile } = response.body;
    expect(profile.rowCount).toBe(5);
    expect(profile.features[0]).toEqual({ name: 'age', kind: 'numeric', count: 4, missing: 1, min: 20, max: 50, mean: 35, std: Math.sqrt(125), edges: expect.any(Array) });
    // np.quantile([20, 30, 40, 50], [0.1, ..., 0.9])
    expect(profile.features[0].edges.map((e: number) => Math.round(e * 1e9) / 1e9)).toEqual([23, 26, 29, 32, 35, 38, 41, 44, 47]);
    expect(profile.features[1]).toEqual({ name: 'plan', kind: 'categorical', count: 4, missing: 1, distinct: 2, categories: [{ value: 'basic', count: 3 }, { value: 'pro', count: 1 }], otherCount: 0 });
    expect(profile.prediction).toMatchObject({ name: 'prediction', kind: 'categorical', categories: [{ value: '1', count: 3 }, { value: '0', count: 2 }] });
    expect(profile.label).toMatchObject({ name: 'label', kind: 'categorical', count: 5 });
  });

  it('has null prediction and label without those columns (server/registry/schemas.test.ts: and documents so)', async () => {
    await modelWithVersions('unlabelled', 'regression', [{ name: 'x', type: 'numeric' }], ['1']);
    const response = await upload('unlabelled', '1', 'x\n1\n2\n');
    expect(response.status).toBe(201);
    expect(response.body.profile).toMatchObject({ prediction: null, label: null });
  });
});

describe('uploads', () => {
  beforeAll(() => modelWithVersions('credit', 'regression', [{ name: 'income', type: 'numeric' }, { name: 'region', type: 'categorical' }], ['1', '2', '3']));

  it('takes NDJSON and CSV alike, returns the profile from the upload and from GET', async () => {
    const ndjson = '{"income": 10.5, "region": "north", "prediction": 1.5}\n{"income": null, "region": "south", "label": 2}\n{"income": 30, "region": null}\n';
    const fromNdjson = await upload('credit', '1', ndjson, 'application/x-ndjson');
    expect(fromNdjson.status).toBe(201);
    expect(fromNdjson.body).toMatchObject({ version: '1', source: 'own', fromVersion: '1', format: 'ndjson', rowCount: 3, uploadedBy: 'key_from_env' });
    expect(fromNdjson.body.profile.prediction).toMatchObject({ kind: 'numeric', count: 1, missing: 2, mean: 1.5 });
    expect(fromNdjson.body.profile.label).toMatchObject({ kind: 'numeric', count: 1, max: 2 });
    const fetched = await t.admin.get('/v1/models/credit/versions/1/baseline');
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(fromNdjson.body);

    const fromCsv = await upload('credit', '2', 'income,region\n10.5,north\n,south\n30,\n', 'text/csv; charset=utf-8');
    expect(fromCsv.status).toBe(201);
    expect(fromCsv.body.profile.features).toEqual(fromNdjson.body.profile.features);
  });

  it('lets a version use another version\'s baseline through baselineFrom, and shows the status on the model', async () => {
    expect((await t.admin.post('/v1/models/credit/versions', { version: '4', baselineFrom: '2' })).status).toBe(201);
    const inherited = await t.admin.get('/v1/models/credit/versions/4/baseline');
    expect(inherited.status).toBe(200);
    expect(inherited.body).toMatchObject({ version: '4', source: 'inherited', fromVersion: '2' });
    const own = (await t.admin.get('/v1/models/credit/versions/2/baseline')).body;
    expect(inherited.body.baselineId).toBe(own.baselineId);
    const statuses = Object.fromEntries((await t.admin.get('/v1/models/credit')).body.versions.map((v: any) => [v.version, v.baseline.status]));
    expect(statuses).toEqual({ '1': 'own', '2': 'own', '3': 'none', '4': 'inherited' });
    expect((await t.admin.get('/v1/models/credit/versions/3/baseline')).status).toBe(404);
    // A link that would make a cycle is refused.
    const cycle = await t.fetcher('/v1/models/credit/versions/2', { method: 'PATCH', headers: { authorization: `Bearer ${REGISTRY_ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ baselineFrom: '4' }) });
    expect(cycle.status).toBe(400);
  });

  it('is exported for detectors: the resolved baseline with its id and profile', async () => {
    const repository = new BaselineRepository(t.store);
    const resolved = await repository.resolve('default', 'credit', '4');
    expect(resolved).toMatchObject({ source: 'inherited', fromVersion: '2', rowCount: 3 });
    expect(await storedValues(resolved!.baselineId)).toBe(3 * 2);
  });

  it('answers 415 for other content types and 404 for a version that is not registered', async () => {
    const json = await upload('credit', '1', '[{"income": 1}]', 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.error.message).toContain('text/csv or application/x-ndjson');
    expect((await upload('credit', '99', 'income,region\n1,a\n')).status).toBe(404);
  });

  it('records each upload in the audit log with the previous baseline', async () => {
    const before = (await t.admin.get('/v1/models/credit/versions/3/baseline')).status;
    expect(before).toBe(404);
    const first = await upload('credit', '3', 'income,region\n1,a\n', 'text/csv', 'first training set');
    const second = await upload('credit', '3', 'income,region\n2,b\n3,c\n');
    const entries = (await t.admin.get('/v1/models/credit/audit?order=desc&limit=2')).body.entries;
    expect(entries.map((e: any) => [e.action, e.target])).toEqual([
      ['baseline.uploaded', '3'],
      ['baseline.uploaded', '3'],
    ]);
    expect(entries[1]).toMatchObject({ before: null, after: { baselineId: first.body.baselineId, rowCount: 1, format: 'csv' }, reason: 'first training set' });
    expect(entries[0]).toMatchObject({ before: { baselineId: first.body.baselineId }, after: { baselineId: second.body.baselineId, rowCount: 2 } });
  });
});

describe('bad uploads keep the previous baseline', () => {
  const header = 'age,plan\n';
  const goodRows = (n: number, value = 1) => Array.from({ length: n }, (_, i) => `${value + (i % 10)},${i % 2 === 0 ? 'basic' : 'pro'}\n`);
  let previous: any;

  beforeAll(async () => {
    await modelWithVersions('guarded', 'binary_classification', [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }], ['1']);
    const response = await upload('guarded', '1', header + goodRows(100).join(''));
    expect(response.status).toBe(201);
    previous = response.body;
  });

  it.each([
    {
      name: 'a wrong type on row 5,000',
      body: () => header + [...goodRows(4_999), 'abc,basic\n', ...goodRows(1_000)].join(''),
      contentType: 'text/csv',
      message: 'row 5000, column "age": expected a number, got "abc"',
      detail: { path: 'row 5000, column "age"', message: 'expected a number, got "abc"' },
    },
    { name: 'an unknown column', body: () => 'age,plan,colour\n1,basic,red\n', contentType: 'text/csv', message: 'header: unknown column "colour"', detail: undefined },
    { name: 'a missing feature column', body: () => 'age\n1\n', contentType: 'text/csv', message: 'header: missing column for feature "plan"', detail: undefined },
    { name: 'an empty file', body: () => '', contentType: 'text/csv', message: 'the file is empty', detail: undefined },
    { name: 'a truncated CSV line', body: () => header + [...goodRows(3_000), '7'].join(''), contentType: 'text/csv', message: 'row 3001: expected 2 columns as in the header, got 1', detail: undefined },
    {
      name: 'a truncated NDJSON line',
      body: () => `${Array.from({ length: 2_500 }, () => '{"age": 3, "plan": "pro"}').join('\n')}\n{"age": 4, "pl`,
      contentType: 'application/x-ndjson',
      message: 'row 2501: invalid JSON',
      detail: undefined,
    },
  ])('rejects $name with a 400 naming where, and keeps nothing of it', async ({ body, contentType, message, detail }) => {
    const valuesBefore = (await t.store.query<{ n: string }>('test.all', 'SELECT count() AS n FROM baseline_values')).at(0)?.n;
    const response = await upload('guarded', '1', body(), contentType);
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_request');
    expect(response.body.error.message).toContain(message);
    if (detail) expect(response.body.error.details).toEqual([detail]);
    const now = (await t.admin.get('/v1/models/guarded/versions/1/baseline')).body;
    expect(now).toEqual(previous);
    expect(await storedValues(previous.baselineId)).toBe(100 * 2);
    // The partial rows of the failed upload were deleted.
    expect((await t.store.query<{ n: string }>('test.all', 'SELECT count() AS n FROM baseline_values')).at(0)?.n).toBe(valuesBefore);
  });

  it('writes no audit entry for a rejected upload', async () => {
    const uploads = (await t.admin.get('/v1/models/guarded/audit?limit=1000')).body.entries.filter((e: any) => e.action === 'baseline.uploaded');
    expect(uploads).toHaveLength(1);
  });
});

describe('re-uploading', () => {
  it('replaces the baseline atomically: a reader during the upload sees the old one or the new one, never a mix', async () => {
    await modelWithVersions('swapped', 'regression', [{ name: 'x', type: 'numeric' }], ['1']);
    const old = await upload('swapped', '1', `x\n${'1\n'.repeat(1_000)}`);
    expect(old.status).toBe(201);

    const rows = 60_000;
    const lines = (function* () {
      yield 'x\n';
      for (let i = 0; i < rows; i++) yield '2\n';
    })();
    let done = false;
    const replacing = upload('swapped', '1', streamedBody(lines, 500)).finally(() => (done = true));
    const repository = new BaselineRepository(t.store);
    const seenIds = new Set<string>();
    const seenCounts = new Set<number>();
    let reads = 0;
    while (!done) {
      const [viaApi, resolved] = await Promise.all([t.admin.get('/v1/models/swapped/versions/1/baseline'), repository.resolve('default', 'swapped', '1')]);
      expect(viaApi.status).toBe(200);
      for (const { baselineId, rowCount, profile } of [viaApi.body, resolved!]) {
        // Old: 1,000 ones. New: 60,000 twos. Anything else would be a mix.
        expect([JSON.stringify([1_000, 1]), JSON.stringify([rows, 2])]).toContain(JSON.stringify([rowCount, profile.features[0].mean]));
        // The values a detector would read under that id are complete.
        expect(await storedValues(baselineId)).toBe(rowCount);
        seenIds.add(baselineId);
        seenCounts.add(rowCount);
      }
      reads += 1;
    }
    const replaced = await replacing;
    expect(replaced.status).toBe(201);
    expect(reads).toBeGreaterThan(1);
    expect(seenCounts.has(1_000)).toBe(true);
    expect([...seenIds].every((id) => id === old.body.baselineId || id === replaced.body.baselineId)).toBe(true);
    const after = (await t.admin.get('/v1/models/swapped/versions/1/baseline')).body;
    expect(after).toMatchObject({ baselineId: replaced.body.baselineId, rowCount: rows });
  });
});
