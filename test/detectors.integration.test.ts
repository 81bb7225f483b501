import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploadBaseline } from './registry.support';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * Drift through the full path: a baseline uploaded, predictions sent in one window, the window
 * evaluated (POST .../drift/run), the stored results read back (GET .../drift), and every
 * reference case of shared/reference/drift-cases.json compared with numpy/scipy's values.
 */
interface ReferenceCase {
  name: string;
  baseline: (number | string | null)[];
  current: (number | string | null)[];
  expected: Record<string, unknown> & { kind: 'numeric' | 'categorical' };
}
const referencePath = process.env.VIGIL_SHARED_DIR
  ? join(process.env.VIGIL_SHARED_DIR, 'reference', 'drift-cases.json')
  : fileURLToPath(new URL('../../shared/reference/drift-cases.json', import.meta.url));
const reference = JSON.parse(readFileSync(referencePath, 'utf8')) as { tolerance: { absolute: number; ksPValueRelative: number; ksPValueAbsolute: number }; cases: ReferenceCase[] };

let t: TestApp;
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

beforeAll(async () => {
  t = await openTestApp({ maxBodyBytes: 16 * 1024 * 1024 });
}, 60_000);
afterAll(() => t.close());

async function sendPredictions(model: string, rows: { features: Record<string, unknown>; prediction?: unknown; timestamp: number; id: string; version?: string }[]) {
  for (let i = 0; i < rows.length; i += 5000) {
    const response = await admin().post('/v1/predictions', { predictions: rows.slice(i, i + 5000).map((r) => ({ model, version: '1', prediction: 0, ...r })) });
    expect(response.status, JSON.stringify(response.body).slice(0, 500)).toBe(200);
  }
}

async function createModel(name: string, features: { name: string; type: 'numeric' | 'categorical' }[], settings: Record<string, unknown> = {}, task = 'regression') {
  const created = await admin().post('/v1/models', { name, task, features, settings });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await admin().post(`/v1/models/${name}/versions`, { version: '1', metrics: { mae: 0.5, accuracy: 0.9 } })).status).toBe(201);
}

async function baseline(model: string, rows: Record<string, unknown>[]) {
  const uploaded = await uploadBaseline(t, TEST_ADMIN_KEY, model, '1', rows.map((r) => JSON.stringify(r)).join('\n'), 'application/x-ndjson');
  expect(uploaded.status, JSON.stringify(uploaded.body).slice(0, 500)).toBe(201);
}

function expectClose(field: string, actual: unknown, expected: unknown): void {
  const { tolerance } = reference;
  if (typeof expected === 'number' && field === 'ksPValue') {
    const error = Math.abs((actual as number) - expected);
    expect(error <= tolerance.ksPValueRelative * Math.abs(expected) || error <= tolerance.ksPValueAbsolute, `${field}: ${String(actual)} vs ${expected}`).toBe(true);
  } else if (typeof expected === 'number') {
    expect(typeof actual, `${field}: ${String(actual)}`).toBe('number');
    expect(Math.abs((actual as number) - expected), `${field}: ${String(actual)} vs ${expected}`).toBeLessThanOrEqual(tolerance.absolute);
  } else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length, `${field} length`).toBe(expected.length);
    expected.forEach((item, i) => expectClose(`${field}[${i}]`, (actual as unknown[])[i], item));
  } else {
    expect(actual, field).toEqual(expected);
  }
}

describe('reference cases through the API', () => {
  it.each(reference.cases.map((c, i) => [c.name, c, i] as const))('%s: stored results equal numpy/scipy', async (_name, c, i) => {
    const model = `ref-${i}`;
    await createModel(model, [{ name: 'x', type: c.expected.kind }], { minSamples: 1 });
    await baseline(model, c.baseline.map((x) => ({ x })));
    await sendPredictions(model, c.current.map((x, j) => ({ id: `${model}-${j}`, timestamp: T0 + j, features: { x } })));

    const run = await admin().post(`/v1/models/${model}/drift/run`, { from: T0, to: T0 + HOUR });
    expect(run.status, JSON.stringify(run.body)).toBe(200);
    expect(run.body.windows).toHaveLength(1);

    const drift = await admin().get(`/v1/models/${model}/drift?from=${T0}&to=${T0 + HOUR}&bins=true`);
    expect(drift.status).toBe(200);
    const [window] = drift.body.windows;
    expect(window).toMatchObject({ start: '2026-11-20T10:00:00.000Z', end: '2026-11-20T11:00:00.000Z', version: '1', status: 'ok', predictionCount: c.current.length });
    const feature = window.features.find((f: { feature: string }) => f.feature === 'x');
    for (const [field, expected] of Object.entries(c.expected)) {
      expect(field in feature, `field ${field} is served`).toBe(true);
      expectClose(field, feature[field], expected);
    }
    // One feature in the window: Benjamini-Hochberg leaves its p-value as it is.
    const raw = c.expected.kind === 'numeric' ? 'ksPValue' : 'chi2PValue';
    expect(feature[`${raw}Adjusted`]).toBe(feature[raw]);
    expect(['no_drift', 'moderate', 'drift']).toContain(feature.verdict);
  });
});
