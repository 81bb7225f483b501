import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DriftDetector } from '../detectors/evaluate';
import { BaselineRepository, type BaselineRow } from '../store/baselines';
import { openStore, type Store } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { DEFAULT_MODEL_SETTINGS, ModelRepository } from '../store/models';
import { runAsScript } from './script';
import { figureFromRuns, peakRss, printResult, resetPeakRss, seededRandom, type BenchResult } from './support';

/**
 * Detection: every statistic of STATISTICS.md for 20 numeric features over one window of
 * predictions against a baseline, evaluated by Vigil's detector on embedded ClickHouse (SQL
 * aggregation + finishing in Node, results stored), at several window sizes (how the time
 * grows). Reference, in the same run: plain numpy/scipy over the same values
 * (bench/detect_reference.py), which also checks that the values agree.
 */
export interface DetectBenchOptions {
  features: number;
  baselineRows: number;
  /** Window sizes, smallest first; each is its own figure. */
  windows: WindowSize[];
  /** The window size the targets of DESIGN.md are stated for. */
  headlineRows: number;
}

export interface WindowSize {
  rows: number;
  /** Measured evaluations by Vigil, after one unmeasured warm-up when `warmUp`. */
  runs: number;
  warmUp: boolean;
  /** Measured runs of the numpy/scipy reference (after a warm-up on a small slice); 0 = not run. */
  referenceRuns: number;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WINDOW_START = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const DEFAULT_SIZES = [10_000, 100_000, 1_000_000, 10_000_000];

/** 10000 -> "10k", 1000000 -> "1m": the size in a figure's id. */
function shortCount(rows: number): string {
  if (rows >= 1_000_000 && rows % 1_000_000 === 0) return `${rows / 1_000_000}m`;
  if (rows >= 1_000 && rows % 1_000 === 0) return `${rows / 1_000}k`;
  return String(rows);
}

function seconds(since: number): number {
  return (performance.now() - since) / 1000;
}

function progress(message: string): void {
  process.stdout.write(`  ${message}\n`);
}

export async function benchDetect(options: DetectBenchOptions): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-detect-'));
  const store = await openStore({ database: 'vigil', dataDir: dir });
  try {
    await migrate(store);
    const features = Array.from({ length: options.features }, (_, i) => `f${i}`);
    const models = new ModelRepository(store);
    const model = await models.create(
      { project: 'bench', name: 'detect', task: 'regression', features: features.map((name) => ({ name, type: 'numeric' as const })), description: '', owner: '', tags: {}, settings: DEFAULT_MODEL_SETTINGS, createdBy: 'bench' },
      Date.now(),
    );
    if (model === undefined) throw new Error('could not create the model');

    // Baseline: normal-ish values (sum of uniforms), 1% missing, through the real upload path.
    let started = performance.now();
    const random = seededRandom(42);
    const value = (shift: number) => (random() + random() + random() - 1.5) * 2 + shift;
    async function* rows(): AsyncIterable<BaselineRow> {
      for (let r = 0; r < options.baselineRows; r++) yield { nums: features.map((_, i) => (random() < 0.01 ? null : value(0) + i * 0.001)), cats: [] };
    }
    const baselines = new BaselineRepository(store);
    const upload = await baselines.write({ project: 'bench', model: 'detect', version: '1', format: 'ndjson', columns: features.map((feature) => ({ feature, kind: 'numeric' })), rows: rows(), uploadedBy: 'bench', now: Date.now });
    await baselines.pointVersionAt('bench', 'detect', '1', upload.baselineId, 'bench', Date.now());
    await exportBaseline(store, dir, features, upload.baselineId);
    progress(`baseline of ${options.baselineRows.toLocaleString('en')} rows uploaded and exported in ${seconds(started).toFixed(1)} s`);

    const detector = new DriftDetector({ store, baselines, now: Date.now });
    const results: BenchResult[] = [];
    for (const [index, size] of options.windows.entries()) {
      // Each size in an hour of its own day (its own partition), so that one store holds them
      // all and merging one window's parts never rewrites another's.
      const window = { startMs: WINDOW_START + index * DAY, endMs: WINDOW_START + index * DAY + HOUR };
      started = performance.now();
      await generateWindow(store, window.startMs, size.rows, options.features);
      const generatedIn = seconds(started);
      started = performance.now();
      await settleMerges(store);
      progress(`${size.rows.toLocaleString('en')}-row window generated in ${generatedIn.toFixed(1)} s, its parts merged in ${seconds(started).toFixed(1)} s`);

      if (size.warmUp) await detector.evaluate(model, '1', window);
      // The process's peak RSS over the measured runs (chDB is in this process).
      resetPeakRss('self');
      const times: number[] = [];
      let last;
      for (let run = 0; run < size.runs; run++) {
        started = performance.now();
        last = await detector.evaluate(model, '1', window);
        times.push(seconds(started));
      }
      if (last === undefined || last.features.length !== options.features) throw new Error(`expected ${options.features} features, got ${last?.features.length}`);
      const peakGiB = peakRss('self') / 1024 ** 3;
      progress(`Vigil: ${times.map((t) => t.toFixed(2)).join(', ')} s, peak RSS ${peakGiB.toFixed(2)} GiB`);

      let referenceTimes: number[] | null = null;
      let agreementNote = 'reference not run at this size';
      if (size.referenceRuns > 0) {
        started = performance.now();
        const currentPath = join(dir, 'current.bin');
        await exportWindow(store, currentPath, window, features);
        const reference = runReference(dir, currentPath, options.features, options.baselineRows, size.rows, size.referenceRuns);
        rmSync(currentPath, { force: true });
        const worst = agreement(last.features, reference.features);
        progress(`numpy/scipy: ${reference.seconds.map((t) => t.toFixed(2)).join(', ')} s (export, load and runs ${seconds(started).toFixed(1)} s)`);
        progress(`values vs numpy/scipy: largest absolute difference ${worst.absolute.toExponential(2)} (${worst.field}), KS p-value largest relative difference ${worst.ksRelative.toExponential(2)}`);
        if (worst.absolute > 1e-9) throw new Error(`Vigil and numpy/scipy disagree at ${size.rows} rows: ${worst.field} differs by ${worst.absolute}`);
        referenceTimes = reference.seconds;
        agreementNote = `values agree within ${worst.absolute.toExponential(1)}`;
      }
      const headline = size.rows === options.headlineRows;
      results.push({
        ...figureFromRuns(
          {
            id: `detect-${shortCount(size.rows)}-${options.features}f`,
            figure: `all statistics, ${options.features} features, ${size.rows.toLocaleString('en')}-row window vs ${options.baselineRows.toLocaleString('en')}-row baseline (${agreementNote}; Vigil's peak RSS ${peakGiB.toFixed(1)} GiB)`,
            unit: 's',
            referenceName: 'numpy/scipy (bench/detect_reference.py), same values',
            target: headline ? '< 2, and <= 1/3 of the reference' : 'scaling: reported',
            higherIsBetter: false,
          },
          times,
          referenceTimes,
        ),
        scaling: { windowRows: size.rows, features: options.features, baselineRows: options.baselineRows },
      });
    }
    return results;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * `rows` predictions in the hour from `startMs`, generated inside ClickHouse: continuous values
 * (no ties, the hardest case for exact KS and Wasserstein), feature i shifted by 0.01 i, 1%
 * missing; the same values for the same row number in every run.
 */
async function generateWindow(store: Store, startMs: number, rows: number, features: number): Promise<void> {
  await store.command(
    'bench.current',
    `INSERT INTO predictions (project, model, version, id, timestamp, received_at, num_features, prediction_num, source)
     SELECT 'bench', 'detect', '1', concat(toString({start:Int64}), '-', toString(number)), fromUnixTimestamp64Milli({start:Int64} + intDiv(number * 3600000, {n:UInt64}), 'UTC'), now64(3),
       mapFromArrays(arrayMap(i -> concat('f', toString(i)), range({features:UInt32})),
         arrayMap(i -> if(cityHash64(number, i, 1) % 100 = 0, NULL,
           toNullable((arraySum(arrayMap(k -> (cityHash64(number, i, k) % 1000003) / 1000003, [2, 3, 4])) - 1.5) * 2 + i * 0.01)), range({features:UInt32}))),
       0, 'bench'
     FROM numbers({n:UInt64})`,
    { start: startMs, n: rows, features },
  );
}

/**
 * Waits until ClickHouse has no merge running or about to start: the merges that follow a
 * freshly generated window (each rebuilding the id projection) would otherwise run beside the
 * measured evaluations and take one of the two cores from them. A window the detector sees in
 * service has been closed for minutes and its parts merged. Bounded: gives up after two minutes.
 */
async function settleMerges(store: Store): Promise<void> {
  const deadline = performance.now() + 120_000;
  let quiet = 0;
  while (quiet < 3 && performance.now() < deadline) {
    const [row] = await store.query<{ n: string | number }>('bench.merges', 'SELECT count() AS n FROM system.merges WHERE database = currentDatabase()');
    quiet = Number(row?.n ?? 0) === 0 ? quiet + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** The window's values for numpy: RowBinary, one float64 column per feature, NaN for missing. */
async function exportWindow(store: Store, path: string, window: { startMs: number; endMs: number }, features: string[]): Promise<void> {
  const columns = features.map((f) => `toFloat64(ifNull(num_features['${f}'], nan)) AS ${f}`).join(', ');
  await store.command(
    'bench.export.current',
    `INSERT INTO FUNCTION file({path:String}, 'RowBinary') SELECT ${columns} FROM predictions
     WHERE project = 'bench' AND model = 'detect' AND timestamp >= fromUnixTimestamp64Milli({start:Int64}, 'UTC') AND timestamp < fromUnixTimestamp64Milli({end:Int64}, 'UTC')`,
    { path, start: window.startMs, end: window.endMs },
  );
}

/** The baseline's values of each feature as one float64 file (NaN = missing); the order of values does not matter to any statistic. */
async function exportBaseline(store: Store, dir: string, features: string[], baselineId: string): Promise<void> {
  for (const feature of features) {
    await store.command(
      'bench.export.baseline',
      `INSERT INTO FUNCTION file({path:String}, 'RowBinary')
       SELECT toFloat64(ifNull(num, nan)) FROM baseline_values WHERE project = 'bench' AND model = 'detect' AND baseline_id = {id:String} AND feature = {feature:String}`,
      { path: join(dir, `baseline_${feature}.bin`), id: baselineId, feature },
    );
  }
}

function runReference(dir: string, currentPath: string, features: number, baselineRows: number, rows: number, runs: number) {
  const python = spawnSync('python3', [join(ROOT, 'bench/detect_reference.py'), dir, String(features), String(baselineRows), currentPath, String(rows), String(runs)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (python.status !== 0) throw new Error(`detect_reference.py failed: ${python.stderr}`);
  return JSON.parse(python.stdout) as { seconds: number[]; features: Record<string, number | number[] | null>[] };
}

function agreement(vigil: { feature: string; statistics: Record<string, number | null>; baselineCounts: number[]; currentCounts: number[] }[], reference: Record<string, number | number[] | null>[]) {
  let absolute = 0;
  let field = '';
  let ksRelative = 0;
  vigil.forEach((f) => {
    const index = Number(f.feature.slice(1));
    const expected = reference[index] ?? {};
    for (const [name, value] of Object.entries(expected)) {
      const actual = name === 'baselineCounts' || name === 'currentCounts' ? f[name] : f.statistics[name];
      const pairs: [number, number][] = Array.isArray(value) ? value.map((v, i) => [Number((actual as number[])[i]), v]) : value === null ? [] : [[Number(actual), value]];
      for (const [a, e] of pairs) {
        const difference = Math.abs(a - e);
        if (name === 'ksPValue') ksRelative = Math.max(ksRelative, e === 0 ? difference : difference / e);
        else if (!(difference <= absolute)) {
          absolute = difference;
          field = `${f.feature}.${name}`;
        }
      }
    }
  });
  return { absolute, field, ksRelative };
}

/**
 * Up to the headline's million rows: warm-up on the smallest, 5 runs each side. Above it:
 * one run of Vigil and no reference (see METHOD in bench/run.ts). `BENCH_DETECT_SIZES`
 * (comma-separated rows) replaces the default sizes, e.g. `BENCH_DETECT_SIZES=10000000`.
 */
function fullOptions(): DetectBenchOptions {
  const runs = Number(process.env.BENCH_RUNS ?? 5);
  const headlineRows = 1_000_000;
  const sizes = process.env.BENCH_DETECT_SIZES?.split(',').map(Number) ?? DEFAULT_SIZES;
  return {
    features: 20,
    baselineRows: 100_000,
    windows: [...sizes].sort((a, b) => a - b).map((rows, i) => (rows <= headlineRows ? { rows, runs, warmUp: i === 0, referenceRuns: runs } : { rows, runs: 1, warmUp: i === 0, referenceRuns: 0 })),
    headlineRows,
  };
}

await runAsScript(
  import.meta.url,
  (smoke) =>
    benchDetect(
      smoke
        ? {
            features: 3,
            baselineRows: 2_000,
            windows: [
              { rows: 1_000, runs: 2, warmUp: true, referenceRuns: 2 },
              { rows: 5_000, runs: 1, warmUp: false, referenceRuns: 0 },
            ],
            headlineRows: 1_000,
          }
        : fullOptions(),
    ),
  printResult,
);
