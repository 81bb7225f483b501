import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchBrowser } from '../test/support/browser';
import { startServer } from '../test/support/server';
import { openStore } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { runAsScript } from './script';
import { figureFromRuns, printResult, seededRandom, type BenchResult } from './support';

/**
 * The dashboard's first render of a model page: 90 days of hourly windows x 50 features
 * (2,160 x 50 drift results), from navigation start until the heatmap shows every feature's
 * row, in headless Chromium against a Vigil server process. Reference: fetching the same
 * matrix from the API (GET .../drift/matrix, data only, no page) in the same run, so the ratio
 * is what the page adds to its data.
 */
export interface DashboardBenchOptions {
  days: number;
  features: number;
  runs: number;
}

const ADMIN_KEY = 'bench-dashboard-admin-key-0123456789';
const HOUR = 3_600_000;
const MODEL = 'wide';
const END = Date.parse('2026-11-01T00:00:00Z');

/** Writes the stored results the page reads, as the detector writes them, in bulk (run in its own process). */
async function seed(dataDir: string, days: number, features: number): Promise<void> {
  const store = await openStore({ database: 'vigil', dataDir });
  await migrate(store);
  const random = seededRandom(3);
  const names = Array.from({ length: features }, (_, i) => `f${String(i).padStart(2, '0')}`);
  const windows = days * 24;
  const start = END - windows * HOUR;
  const common = (w: number) => ({ project: 'default', model: MODEL, version: '1', window_start: start + w * HOUR, run_version: w + 1 });
  await store.insert(
    'bench.windows',
    'drift_windows',
    Array.from({ length: windows }, (_, w) => ({
      ...common(w),
      window_end: start + (w + 1) * HOUR,
      status: 'ok',
      reason: '',
      prediction_count: 1000,
      labeled_count: 0,
      baseline_id: 'bl_bench',
      last_received_at: start + (w + 1) * HOUR,
      last_feedback_at: 0,
      evaluated_at: start + (w + 1) * HOUR,
      duration_ms: 1,
      performance: {},
      skew: {},
    })),
  );
  // One feature drifts in the last week; the others wander around a small PSI.
  for (let w0 = 0; w0 < windows; w0 += 200) {
    const rows = [];
    for (let w = w0; w < Math.min(windows, w0 + 200); w++) {
      for (const [i, feature] of names.entries()) {
        const drifting = i === 7 && w >= windows - 7 * 24;
        const psi = drifting ? 0.3 + random() * 0.2 : random() * 0.08;
        rows.push({
          ...common(w),
          feature,
          kind: 'numeric',
          verdict: drifting ? 'drift' : psi > 0.05 ? 'moderate' : 'no_drift',
          baseline_count: 10_000,
          current_count: 1000,
          statistics: { psi, jsDistance: psi / 3, ksStatistic: psi / 2, ksPValue: 1 - psi, ksPValueAdjusted: 1 - psi, wasserstein: psi, wassersteinNormed: psi / 4, baselineMissingRate: 0, currentMissingRate: 0, outOfRangeRate: 0 },
          edges: [],
          categories: [],
          baseline_counts: [],
          current_counts: [],
        });
      }
    }
    await store.insert('bench.results', 'drift_results', rows);
  }
  await store.close();
}

export async function benchDashboard(options: DashboardBenchOptions): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-dashboard-'));
  execFileSync(process.execPath, ['scripts/build-dashboard.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/dashboard.ts', '--seed', dataDir, String(options.days), String(options.features)], { stdio: 'inherit' });
  const server = await startServer({ dataDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DETECTORS: 'off', VIGIL_ALERTS: 'off' } });
  const browser = await launchBrowser();
  try {
    const features = Array.from({ length: options.features }, (_, i) => ({ name: `f${String(i).padStart(2, '0')}`, type: 'numeric' }));
    const created = await fetch(`${server.url}/v1/models`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: MODEL, task: 'regression', features }) });
    if (created.status !== 201) throw new Error(`POST /v1/models answered ${created.status}: ${await created.text()}`);
    const range = `from=${new Date(END - options.days * 24 * HOUR).toISOString()}&to=${new Date(END).toISOString()}`;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, baseURL: server.url });
    const signIn = await context.request.post('/v1/session', { data: { key: ADMIN_KEY } });
    if (signIn.status() !== 200) throw new Error(`sign-in answered ${signIn.status()}`);

    const firstRender = async () => {
      const page = await context.newPage();
      await page.goto(`/models/${MODEL}?${range}`, { waitUntil: 'commit' });
      // In the page's clock (ms since navigation start), as soon as every row and the cells are there.
      // A function, not a string: the page's CSP forbids eval. Node's types lack the DOM's.
      const painted = await page.waitForFunction(
        (rows: number) => {
          const doc = (globalThis as any).document;
          const done = doc.querySelectorAll('[data-testid="heatmap-row"]').length >= rows && doc.querySelector('[data-testid="drift-heatmap"] image, [data-testid="drift-heatmap"] canvas');
          return done ? performance.now() : false;
        },
        options.features,
        { polling: 'raf', timeout: 60_000 },
      );
      const ms = (await painted.jsonValue()) as number;
      await page.close();
      return ms;
    };
    const matrixFetch = async () => {
      const t0 = performance.now();
      const response = await fetch(`${server.url}/v1/models/${MODEL}/drift/matrix?${range}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
      const body = (await response.json()) as { features: unknown[] };
      if (body.features.length !== options.features) throw new Error(`matrix has ${body.features.length} features`);
      return performance.now() - t0;
    };

    await firstRender(); // warm-up: server caches, the browser's compile cache
    await matrixFetch();
    const pageRuns: number[] = [];
    const dataRuns: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      pageRuns.push(await firstRender());
      dataRuns.push(await matrixFetch());
    }
    return [
      figureFromRuns(
        {
          id: 'dashboard-model-first-render',
          figure: `dashboard model page first render, ${options.days} d hourly x ${options.features} features (navigation to heatmap)`,
          unit: 'ms',
          referenceName: 'GET /drift/matrix of the same range, data only',
          target: '< 1000 ms',
          higherIsBetter: false,
        },
        pageRuns,
        dataRuns,
      ),
    ];
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--seed') {
  await seed(process.argv[3] as string, Number(process.argv[4]), Number(process.argv[5]));
} else {
  await runAsScript(import.meta.url, (smoke) => benchDashboard(smoke ? { days: 2, features: 5, runs: 2 } : { days: 90, features: 50, runs: Number(process.env.BENCH_RUNS ?? 5) }), printResult);
}
