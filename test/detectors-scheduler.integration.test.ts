import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createScheduler } from '../server/monitoring';
import type { DetectorScheduler } from '../detectors/scheduler';
import { uploadBaseline } from './registry.support';
import { apiClient } from './support/http';
import { openTestApp, TEST_ADMIN_KEY, type TestApp } from './support/app';

/**
 * The scheduler on its own clock (no sleeps): windows are evaluated once closed plus the
 * allowed lateness, late predictions and late labels re-evaluate their window, small windows
 * are insufficient_data, and performance and skew appear once labels arrive.
 */
let t: TestApp;
let clock = 0;
let scheduler: DetectorScheduler;
const registry = new Registry();
const admin = () => apiClient(t.fetcher, TEST_ADMIN_KEY);
const T0 = Date.parse('2026-11-20T10:00:00Z');
const HOUR = 3_600_000;

// A deterministic sample: value i of n spread over [lo, hi).
const spread = (n: number, lo: number, hi: number) => Array.from({ length: n }, (_, i) => lo + ((hi - lo) * ((i * 7919) % n)) / n);

beforeAll(async () => {
  t = await openTestApp({ maxBodyBytes: 16 * 1024 * 1024 });
  const created = await admin().post('/v1/models', {
    name: 'churn',
    task: 'binary_classification',
    features: [
      { name: 'age', type: 'numeric' },
      { name: 'plan', type: 'categorical' },
    ],
    settings: { windowSize: '1h', allowedLatenessMs: 300_000, minSamples: 100 },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  expect((await admin().post('/v1/models/churn/versions', { version: '1', metrics: { accuracy: 0.9, roc_auc: 0.8 } })).status).toBe(201);
  const rows = spread(2000, 20, 70).map((age, i) => JSON.stringify({ age, plan: i % 3 === 0 ? 'pro' : 'free', prediction: i % 2 }));
  expect((await uploadBaseline(t, TEST_ADMIN_KEY, 'churn', '1', rows.join('\n'), 'application/x-ndjson')).status).toBe(201);
  scheduler = createScheduler({ store: t.store, now: () => clock, metrics: registry, intervalMs: 60_000 });
}, 60_000);
afterAll(async () => {
  await scheduler.stop();
  await t.close();
});

async function send(prefix: string, n: number, startMs: number, age: (i: number) => number) {
  const predictions = Array.from({ length: n }, (_, i) => ({
    model: 'churn',
    version: '1',
    id: `${prefix}-${i}`,
    timestamp: startMs + i * 1000,
    features: { age: age(i), plan: i % 2 === 0 ? 'pro' : 'free' },
    prediction: i % 2,
    scores: { '1': i % 2 === 0 ? 0.3 : 0.7 },
  }));
  expect((await admin().post('/v1/predictions', { predictions })).status).toBe(200);
}

const window = async (startMs: number) => (await admin().get(`/v1/models/churn/drift?from=${startMs}&to=${startMs + 1}`)).body.windows[0];

describe('the detector scheduler', () => {
  it('evaluates a window once it is closed plus the allowed lateness, and only then', async () => {
    await send('w0', 500, T0, (i) => 20 + (i % 50));
    clock = T0 + HOUR + 299_999;
    expect(await scheduler.tick()).toBe(0);
    expect(await window(T0)).toBeUndefined();
    clock = T0 + HOUR + 300_000;
    expect(await scheduler.tick()).toBe(1);
    const evaluated = await window(T0);
    expect(evaluated).toMatchObject({ status: 'ok', predictionCount: 500, version: '1' });
    expect(evaluated.features.map((f: { feature: string }) => f.feature)).toEqual(['__prediction', 'age', 'plan']);
    // Nothing new: a second look evaluates nothing.
    clock += 60_000;
    expect(await scheduler.tick()).toBe(0);
  });

  it('re-evaluates a window when late predictions arrive for it', async () => {
    const before = await window(T0);
    await send('w0-late', 300, T0 + 600_000, () => 95);
    clock += 60_000;
    expect(await scheduler.tick()).toBe(1);
    const after = await window(T0);
    expect(after.predictionCount).toBe(800);
    const age = (w: { features: { feature: string; outOfRangeRate: number; verdict: string }[] }) => w.features.find((f) => f.feature === 'age')!;
    expect(age(before).outOfRangeRate).toBe(0);
    expect(age(after).outOfRangeRate).toBeCloseTo(300 / 800, 12);
    expect(age(after).verdict).toBe('drift');
    expect(new Date(after.evaluatedAt).getTime()).toBeGreaterThan(new Date(before.evaluatedAt).getTime());
  });

  it('marks a window under minSamples as insufficient_data', async () => {
    await send('w1', 40, T0 + HOUR, (i) => 30 + i);
    clock = T0 + 2 * HOUR + 300_000;
    expect(await scheduler.tick()).toBe(1);
    const small = await window(T0 + HOUR);
    expect(small.status).toBe('insufficient_data');
    expect(small.features.every((f: { verdict: string }) => f.verdict === 'insufficient_data')).toBe(true);
  });

  it('computes performance and skew when labels arrive after the window', async () => {
    const perf0 = (await admin().get(`/v1/models/churn/performance?from=${T0}&to=${T0 + 1}`)).body.windows[0];
    expect(perf0.labeledCount).toBe(0);
    // Labels for the first 100 predictions of the first window: the even ones are wrong.
    const feedback = Array.from({ length: 100 }, (_, i) => ({ model: 'churn', predictionId: `w0-${i}`, label: 1 }));
    expect((await admin().post('/v1/feedback', { feedback })).status).toBe(200);
    clock += 60_000;
    expect(await scheduler.tick()).toBe(1);
    const perf = (await admin().get(`/v1/models/churn/performance?from=${T0}&to=${T0 + 1}`)).body.windows[0];
    expect(perf.labeledCount).toBe(100);
    // 50 predicted 1 (right), 50 predicted 0 (wrong); all labels positive.
    expect(perf.metrics.accuracy).toBeCloseTo(0.5, 12);
    expect(perf.metrics.precision).toBe(1);
    expect(perf.metrics.recall).toBeCloseTo(0.5, 12);
    expect(perf.metrics.f1).toBeCloseTo(2 / 3, 12);
    // Scores: 0.7 for the positives' predicted-1 half, 0.3 for the rest: log loss = -(ln 0.7 + ln 0.3) / 2.
    expect(perf.metrics.logLoss).toBeCloseTo(-(Math.log(0.7) + Math.log(0.3)) / 2, 9);
    expect(perf.skew.accuracy).toBeCloseTo(0.5 - 0.9, 12);
  });

  it('shows latest PSI and verdict gauges and the window lag in the metrics registry', async () => {
    const text = await registry.metrics();
    expect(text).toMatch(/vigil_drift_psi\{project="default",model="churn",version="1",feature="age"\} [0-9.e-]+/);
    expect(text).toMatch(/vigil_drift_verdict\{project="default",model="churn",version="1",feature="age"\} -1/);
    expect(text).toMatch(/vigil_detector_window_lag_seconds\{project="default",model="churn"\} \d+/);
    expect(text).toMatch(/vigil_detector_window_duration_seconds_count\{trigger="evaluation"\} [1-9]/);
  });

  it('serves quality and traffic per window', async () => {
    const quality = (await admin().get(`/v1/models/churn/quality?from=${T0}&to=${T0 + 2 * HOUR}`)).body;
    expect(quality.windows).toHaveLength(2);
    expect(quality.windows[0].features.find((f: { feature: string }) => f.feature === 'age')).toMatchObject({ currentMissingRate: 0, outOfRangeRate: 300 / 800 });
    const traffic = (await admin().get(`/v1/models/churn/traffic?from=${T0}&to=${T0 + 2 * HOUR}`)).body;
    expect(traffic.windows.map((w: { predictions: number }) => w.predictions)).toEqual([800, 40]);
    expect(traffic.windows[0].ratePerSecond).toBeCloseTo(800 / 3600, 12);
    const histogram = (await admin().get(`/v1/models/churn/features/age/histogram?from=${T0}&to=${T0 + 2 * HOUR}`)).body;
    expect(histogram.edges).toHaveLength(9);
    expect(histogram.currentCounts.reduce((s: number, n: number) => s + n, 0)).toBe(840);
    expect(histogram.baselineCounts.reduce((s: number, n: number) => s + n, 0)).toBe(2000);
  });

  it('stops cleanly: a window being evaluated is finished, no new one is started', async () => {
    await send('w2', 200, T0 + 2 * HOUR, (i) => 30 + (i % 20));
    await send('w3', 200, T0 + 3 * HOUR, (i) => 30 + (i % 20));
    clock = T0 + 4 * HOUR + 300_000;
    const look = scheduler.tick();
    // Let the look reach its first evaluation, then stop.
    await new Promise((resolve) => setImmediate(resolve));
    await scheduler.stop();
    const evaluated = await look;
    expect(evaluated).toBeLessThanOrEqual(2);
    const stored = (await admin().get(`/v1/models/churn/drift?from=${T0 + 2 * HOUR}&to=${T0 + 4 * HOUR}`)).body.windows;
    expect(stored).toHaveLength(evaluated);
    for (const w of stored) expect(w.features).toHaveLength(3);
    expect(await scheduler.tick()).toBe(0);
  });
});
