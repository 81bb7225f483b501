import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostileJson, hostileName } from '../ingest/testing/hostileInput';
import { createLogger } from '../server/logger';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * Hostile input through the HTTP API, with fast-check choosing the bodies: whatever arrives at
 * POST /v1/predictions, /v1/feedback, /v1/logs and the baseline upload, the answer is a 2xx or
 * a 4xx in API.md's error shape (never a 5xx), the app keeps serving, valid requests sent in
 * between are stored, and a refused baseline upload never replaces the stored one.
 */

let t: TestApp;
let ingestKey: string;
/** What the app logged at warn and above: an unexpected 5xx shows its cause from here. */
const logged: string[] = [];
/** Prediction ids of the valid requests sent between hostile ones: each must be stored once. */
const validIds: string[] = [];
let sequence = 0;

const NOW = Date.now();

beforeAll(async () => {
  t = await openTestApp({ maxBodyBytes: 256 * 1024, logger: createLogger('warn', { write: (line: string) => void logged.push(line) }) });
  const admin = apiClient(t.fetcher, TEST_ADMIN_KEY);
  const models = [
    { name: 'fuzz', task: 'binary_classification', features: [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }, { name: "'; DROP TABLE predictions; --", type: 'categorical' }] },
    { name: 'fuzz-reg', task: 'regression', features: [{ name: 'x', type: 'numeric' }] },
  ];
  for (const model of models) expect((await admin.post('/v1/models', model)).status).toBe(201);
  expect((await admin.post('/v1/models/fuzz-reg/versions', { version: '1' })).status).toBe(201);
  ingestKey = (await admin.post('/v1/keys', { scopes: ['ingest'] })).body.key;
}, 60_000);

afterAll(() => t?.close());

interface Sent {
  status: number;
  text: string;
}

async function send(path: string, body: string | Uint8Array, headers: Record<string, string>, key = ingestKey): Promise<Sent> {
  const response = await t.fetcher(path, { method: 'POST', headers: { authorization: `Bearer ${key}`, ...headers }, body });
  return { status: response.status, text: await response.text() };
}

/** A 2xx, or a 4xx with API.md's error body; for anything else the failure shows the request and what the app logged. */
function expectHandled(sent: Sent, request: string, allowed: number[]) {
  const context = `${request.slice(0, 300)}\n→ ${sent.status} ${sent.text.slice(0, 300)}\nlogged:\n${logged.slice(-5).join('')}`;
  expect(allowed, context).toContain(sent.status);
  if (sent.status >= 400) {
    const body = JSON.parse(sent.text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, context).toBe('string');
    expect(typeof body.error?.message, context).toBe('string');
  }
}

/** A valid prediction of `fuzz`, with a fresh id. */
function validPrediction(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  return { model: 'fuzz', id: `valid-${sequence}`, timestamp: NOW - sequence, features: { age: sequence, plan: 'pro' }, prediction: 1, ...overrides };
}

/** Sends a valid request after a hostile one: it must be stored whatever came before. */
async function sendValid() {
  const prediction = validPrediction();
  const sent = await send('/v1/predictions', JSON.stringify({ predictions: [prediction] }), { 'content-type': 'application/json' });
  expect(sent.status, sent.text).toBe(200);
  validIds.push(prediction.id);
}

/** Items near valid: a valid prediction with one field replaced by anything, or anything at all. */
const itemArbitrary = fc.oneof(
  fc.constant(null).map(() => validPrediction()),
  fc.tuple(fc.constantFrom('model', 'id', 'version', 'timestamp', 'features', 'prediction', 'scores', 'latencyMs', 'extra'), hostileJson()).map(([field, value]) => validPrediction({ [field]: value })),
  fc.tuple(fc.constantFrom('age', 'plan', 'unknown', '__proto__', 'constructor'), hostileJson()).map(([feature, value]) => validPrediction({ features: JSON.parse(`{${JSON.stringify(feature)}: ${JSON.stringify(value)}}`) as unknown })),
  hostileJson(),
);

/** A body as a client could send it: JSON of any shape, items near valid, text or bytes. */
function bodyArbitrary(field: string, item: fc.Arbitrary<unknown>): fc.Arbitrary<string | Uint8Array> {
  return fc.oneof(
    hostileJson().map((value) => JSON.stringify(value)),
    fc.array(item, { maxLength: 5 }).map((items) => JSON.stringify({ [field]: items })),
    fc.tuple(fc.array(item, { minLength: 1, maxLength: 3 }), fc.nat()).map(([items, cut]) => {
      const text = JSON.stringify({ [field]: items });
      return text.slice(0, cut % text.length);
    }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.uint8Array({ maxLength: 300 }),
  );
}

const contentType = fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-protobuf', '');

describe('hostile bodies, fuzzed over HTTP', () => {
  it('POST /v1/predictions answers 2xx or 4xx, and stores what it accepted', async () => {
    await fc.assert(
      fc.asyncProperty(bodyArbitrary('predictions', itemArbitrary), contentType, async (body, type) => {
        const sent = await send('/v1/predictions', body, type === '' ? {} : { 'content-type': type });
        expectHandled(sent, typeof body === 'string' ? body : Buffer.from(body).toString('hex'), [200, 400, 413, 415]);
        if (sent.status === 200) {
          const { ids } = JSON.parse(sent.text) as { ids: string[] };
          for (const id of ids) expect((await apiClient(t.fetcher, TEST_ADMIN_KEY).get(`/v1/models/fuzz/predictions/${encodeURIComponent(id)}`)).status).toBe(200);
        }
        await sendValid();
      }),
      { numRuns: 50 },
    );
  });

  it('POST /v1/feedback answers 2xx or 4xx', async () => {
    const label = fc.oneof(
      fc.tuple(fc.constantFrom('model', 'predictionId', 'label', 'timestamp'), hostileJson()).map(([field, value]) => ({ model: 'fuzz', predictionId: 'p-1', label: 1, [field]: value })),
      hostileJson(),
    );
    await fc.assert(
      fc.asyncProperty(bodyArbitrary('feedback', label), contentType, async (body, type) => {
        const sent = await send('/v1/feedback', body, type === '' ? {} : { 'content-type': type });
        expectHandled(sent, typeof body === 'string' ? body : Buffer.from(body).toString('hex'), [200, 400, 413, 415]);
        await sendValid();
      }),
      { numRuns: 50 },
    );
  });

  it('POST /v1/logs answers 2xx or 4xx for any bytes, encoding and compression', async () => {
    const otlpJson = (records: unknown) => JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: records }] }] });
    const record = fc.oneof(
      hostileJson(),
      fc.tuple(hostileName(), hostileJson()).map(([key, value]) => ({ eventName: 'ml.prediction', attributes: [{ key: 'ml.model.name', value: { stringValue: 'fuzz' } }, { key, value }] })),
    );
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 500 }),
      fc.array(record, { maxLength: 4 }).map(otlpJson),
      hostileJson().map((value) => JSON.stringify(value)),
    );
    const encoding = fc.constantFrom('none', 'gzip', 'gzip-claimed', 'deflate-claimed', 'br', 'gzip, gzip');
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('application/json', 'application/x-protobuf', 'application/protobuf', 'text/plain'), encoding, async (payload, type, coding) => {
        const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;
        const headers: Record<string, string> = { 'content-type': type };
        let sentBytes = bytes;
        if (coding === 'gzip') {
          sentBytes = gzipSync(bytes);
          headers['content-encoding'] = 'gzip';
        } else if (coding !== 'none') {
          headers['content-encoding'] = coding.replace('-claimed', '');
        }
        const sent = await send('/v1/logs', sentBytes, headers);
        expectHandled(sent, `${type} ${coding} ${Buffer.from(bytes).toString('hex').slice(0, 200)}`, [200, 400, 413, 415]);
        await sendValid();
      }),
      { numRuns: 50 },
    );
  });

  it('the baseline upload answers 201 or 4xx for any CSV or NDJSON text, and a refused upload keeps the stored baseline', async () => {
    const admin = apiClient(t.fetcher, TEST_ADMIN_KEY);
    const path = '/v1/models/fuzz-reg/versions/1/baseline';
    const first = await send(path, 'x,prediction\n1,2\n3,4\n', { 'content-type': 'text/csv' }, TEST_ADMIN_KEY);
    expect(first.status, first.text).toBe(201);
    let storedRows = 2;
    const text = fc.oneof(
      fc.string({ unit: fc.constantFrom('"', ',', '\n', '\r', ' ', 'x', 'prediction', 'label', '1', '-2.5e3', 'NaN', '{', '}', '[', ']', ':', 'null', '"x"', '\\', '\uFEFF', 'é'), maxLength: 100 }),
      fc.array(fc.dictionary(fc.constantFrom('x', 'prediction', 'label', 'y', '__proto__'), hostileJson(), { maxKeys: 3 }), { maxLength: 5 }).map((rows) => rows.map((row) => JSON.stringify(row)).join('\n')),
      fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
    );
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('text/csv', 'application/x-ndjson', 'application/jsonl', 'application/json', ''), async (body, type) => {
        const sent = await send(path, body, type === '' ? {} : { 'content-type': type }, TEST_ADMIN_KEY);
        expectHandled(sent, `${type} ${JSON.stringify(body)}`, [201, 400, 415]);
        if (sent.status === 201) storedRows = (JSON.parse(sent.text) as { rowCount: number }).rowCount;
        const baseline = await admin.get(path);
        expect(baseline.status).toBe(200);
        expect(baseline.body.rowCount).toBe(storedRows);
      }),
      { numRuns: 50 },
    );
  });

  it('stores valid predictions with any text and numbers exactly as sent', async () => {
    const admin = apiClient(t.fetcher, TEST_ADMIN_KEY);
    const prediction = fc.record({
      age: fc.oneof(fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n))),
      plan: fc.oneof(fc.constant(null), fc.string({ unit: 'binary', maxLength: 40 }), hostileName()),
      sql: fc.oneof(fc.constant(null), hostileName()),
      output: fc.oneof(fc.integer({ min: 0, max: 1 }), hostileName()),
      id: fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
    });
    await fc.assert(
      fc.asyncProperty(prediction, async ({ age, plan, sql, output, id }) => {
        sequence += 1;
        const unique = `${id}#${sequence}`;
        const features = { age, plan, "'; DROP TABLE predictions; --": sql };
        const sent = await send('/v1/predictions', JSON.stringify({ predictions: [{ model: 'fuzz', id: unique, timestamp: NOW, features, prediction: output }] }), { 'content-type': 'application/json' });
        expect(sent.status, sent.text).toBe(200);
        const shown = await admin.get(`/v1/models/fuzz/predictions/${encodeURIComponent(unique)}`);
        expect(shown.status).toBe(200);
        expect(shown.body).toMatchObject({ id: unique, model: 'fuzz', features, prediction: output });
        validIds.push(unique);
      }),
      { numRuns: 50 },
    );
  });

  it('kept serving: every valid request sent between hostile ones is stored exactly once', async () => {
    expect((await t.fetcher('/healthz')).status).toBe(200);
    const rows = await t.store.query<{ id: string; n: number }>('test.valid_ids', 'SELECT id, count() AS n FROM predictions FINAL WHERE project = {p:String} AND model = {m:String} AND id IN {ids:Array(String)} GROUP BY id', {
      p: 'default',
      m: 'fuzz',
      ids: validIds,
    });
    expect(validIds.length).toBeGreaterThanOrEqual(4 * 50);
    expect(rows.length).toBe(validIds.length);
    expect(rows.every((row) => Number(row.n) === 1)).toBe(true);
    expect(logged.filter((line) => line.includes('"level":50'))).toEqual([]);
  });
});
