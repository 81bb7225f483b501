import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DetectionRepository, type StoredFeatureResult } from '../store/detections';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * A dashboard's worst read: 50 features x 3 months of hourly windows (2,160 windows, 108,000
 * feature results) in one GET /drift. The results are written as the detector writes them
 * (evaluating 2,160 windows is the scheduler's job, measured elsewhere); this is the read path.
 */
let t: TestApp;
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
const FEATURES = Array.from({ length: 50 }, (_, i) => `f${String(i).padStart(2, '0')}`);
const START = Date.parse('2026-08-01T00:00:00Z');
const HOUR = 3_600_000;
const WINDOWS = 90 * 24;

beforeAll(async () => {
  t = await openTestApp();
  expect((await admin().post('/v1/models', { name: 'wide', task: 'regression', features: FEATURES.map((name) => ({ name, type: 'numeric' })) })).status).toBe(201);
  const results = new DetectionRepository(t.store);
  const feature = (name: string, w: number): StoredFeatureResult => ({
    feature: name,
    kind: 'numeric',
    // f07 drifts in the last day; the others never do.
    verdict: name === 'f07' && w >= WINDOWS - 24 ? 'drift' : 'no_drift',
    baselineCount: 10_000,
    currentCount: 1000,
    statistics: { psi: (w % 100) / 1000, jsDistance: 0.01, ksStatistic: 0.02, ksPValue: 0.5, ksPValueAdjusted: 0.9, wasserstein: 0.1, wassersteinNormed: 0.01, baselineMissingRate: 0, currentMissingRate: 0, outOfRangeRate: 0 },
    edges: [1, 2, 3, 4, 5, 6, 7, 8, 9],
    categories: [],
    baselineCounts: [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
    currentCounts: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
  });
  for (let w = 0; w < WINDOWS; w++) {
    const startMs = START + w * HOUR;
    await results.write(
      { project: 'default', model: 'wide', version: '1', startMs, endMs: startMs + HOUR, status: 'ok', reason: '', predictionCount: 1000, labeledCount: 0, baselineId: 'bl_x', lastReceivedMs: startMs, lastFeedbackMs: 0, evaluatedAtMs: startMs + HOUR, durationMs: 1, performance: {}, skew: {}, runVersion: w + 1 },
      FEATURES.map((f) => feature(f, w)),
    );
  }
}, 300_000);
afterAll(() => t.close());

describe('GET /drift over a long range', () => {
  it('answers 2,160 hourly windows x 50 features in one request', async () => {
    // Correctness only: how long it takes is measured in docs/architecture.md, not asserted here.
    const response = await admin().get(`/v1/models/wide/drift?from=${START}&to=${START + WINDOWS * HOUR}`);
    expect(response.status).toBe(200);
    expect(response.body.windows).toHaveLength(WINDOWS);
    expect(response.body.windows.every((w: { features: unknown[] }) => w.features.length === 50)).toBe(true);
    expect(response.body.windows[5].features[0]).toMatchObject({ feature: 'f00', psi: 0.005, verdict: 'no_drift' });
  });

  it('lays the same results out as a features x windows matrix of one statistic (the heatmap)', async () => {
    const response = await admin().get(`/v1/models/wide/drift/matrix?from=${START}&to=${START + WINDOWS * HOUR}&statistic=psi`);
    expect(response.status).toBe(200);
    const { windows, features, statistic } = response.body;
    expect(statistic).toBe('psi');
    expect(windows).toHaveLength(WINDOWS);
    expect(windows[5]).toEqual({ start: new Date(START + 5 * HOUR).toISOString(), end: new Date(START + 6 * HOUR).toISOString(), version: '1', status: 'ok' });
    expect(features.map((f: { feature: string }) => f.feature)).toEqual(FEATURES);
    const f07 = features[7];
    expect(f07.values).toHaveLength(WINDOWS);
    expect(f07.values[5]).toBe(0.005);
    expect(f07.values[150]).toBe(0.05);
    expect(f07.verdicts).toBe('n'.repeat(WINDOWS - 24) + 'd'.repeat(24));
    expect(f07.driftedWindows).toBe(24);
    expect(features[0].driftedWindows).toBe(0);
    // The whole matrix stays small enough for a dashboard's first paint.
    expect(JSON.stringify(response.body).length).toBeLessThan(2_000_000);
  });

  it('takes any statistic, refuses an unknown one by name, and keeps statistics a feature lacks as null', async () => {
    const ks = await admin().get(`/v1/models/wide/drift/matrix?from=${START}&to=${START + 48 * HOUR}&statistic=ksStatistic`);
    expect(ks.status).toBe(200);
    expect(ks.body.features[0].values.slice(0, 2)).toEqual([0.02, 0.02]);
    const chi2 = await admin().get(`/v1/models/wide/drift/matrix?from=${START}&to=${START + 48 * HOUR}&statistic=chi2PValue`);
    expect(chi2.body.features[0].values[0]).toBeNull();
    const bad = await admin().get(`/v1/models/wide/drift/matrix?statistic=psi'--`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('statistic');
  });

  it('refuses a range whose end is before its start, and an unknown model', async () => {
    const bad = await admin().get(`/v1/models/wide/drift?from=${START + HOUR}&to=${START}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_request');
    expect((await admin().get('/v1/models/nope/drift')).status).toBe(404);
  });
});
