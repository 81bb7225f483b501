import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DriftDetector } from '../detectors/evaluate';
import { BaselineRepository, type BaselineRow } from '../store/baselines';
import { openStore } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { ModelRepository } from '../store/models';
import { runAsScript } from './script';
import { median, printResult, seededRandom, spread, type BenchResult } from './support';

/**
 * Detection: every statistic of STATISTICS.md for 20 numeric features over one window of
 * predictions against a baseline, evaluated by Vigil's detector on embedded ClickHouse (SQL
 * aggregation + finishing in Node, results stored). Reference, in the same run: plain
 * numpy/scipy over the same values (bench/detect_reference.py), which also checks that the
 * values agree.
 */
export interface DetectBenchOptions {
  features: number;
  baselineRows: number;
  currentRows: number;
  runs: number;
}

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const WINDOW_START = Date.parse('2026-11-01T00:00:00Z');
const HOUR = 3_600_000;

export async function benchDetect(options: DetectBenchOptions): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-bench-detect-'));
  const store = await openStore({ database: 'vigil', dataDir: dir });
  try {
    await migrate(store);
    const features = Array.from({ length: options.features }, (_, i) => `f${i}`);
    const models = new ModelRepository(store);
    const model = await models.create(
      { project: 'bench', name: 'detect', task: 'regression', features: features.map((name) => ({ name, type: 'numeric' as const })), description: '', owner: '', tags: {}, settings: (await import('../store/models')).DEFAULT_MODEL_SETTINGS, createdBy: 'bench' },
      Date.now(),
    );
    if (model === undefined) throw new Error('could not create the model');

    // Baseline: normal-ish values (sum of uniforms), 1% missing, through the real upload path.
    const random = seededRandom(42);
    const value = (shift: number) => (random() + random() + random() - 1.5) * 2 + shift;
    async function* rows(): AsyncIterable<BaselineRow> {
      for (let r = 0; r < options.baselineRows; r++) yield { nums: features.map((_, i) => (random() < 0.01 ? null : value(0) + i * 0.001)), cats: [] };
    }
    const baselines = new BaselineRepository(store);
    const upload = await baselines.write({ project: 'bench', model: 'detect', version: '1', format: 'ndjson', columns: features.map((feature) => ({ feature, kind: 'numeric' })), rows: rows(), uploadedBy: 'bench', now: Date.now });
    await baselines.pointVersionAt('bench', 'detect', '1', upload.baselineId, 'bench', Date.now());

    // The window: continuous values (no ties, the hardest case for exact KS and Wasserstein),
    // feature i shifted by 0.01 i, 1% missing; generated inside ClickHouse.
    await store.command(
      'bench.current',
      `INSERT INTO predictions (project, model, version, id, timestamp, received_at, num_features, prediction_num, source)
       SELECT 'bench', 'detect', '1', toString(number), fromUnixTimestamp64Milli({start:Int64} + intDiv(number * 3600000, {n:UInt64}), 'UTC'), now64(3),
         mapFromArrays(arrayMap(i -> concat('f', toString(i)), range({features:UInt32})),
           arrayMap(i -> if(cityHash64(number, i, 1) % 100 = 0, NULL,
             toNullable((arraySum(arrayMap(k -> (cityHash64(number, i, k) % 1000003) / 1000003, [2, 3, 4])) - 1.5) * 2 + i * 0.01)), range({features:UInt32}))),
         0, 'bench'
       FROM numbers({n:UInt64})`,
      { start: WINDOW_START, n: options.currentRows, features: options.features },
    );
    // The same values for numpy: float64 columns, NaN for missing.
    const columns = (expr: (f: string) => string) => features.map((f) => `toFloat64(ifNull(${expr(f)}, nan)) AS ${f}`).join(', ');
    await exportBaseline(store, dir, features, upload.baselineId);
    await store.command(
      'bench.export.current',
      `INSERT INTO FUNCTION file({path:String}, 'RowBinary') SELECT ${columns((f) => `num_features['${f}']`)} FROM predictions WHERE project = 'bench' AND model = 'detect' ORDER BY timestamp, id`,
      { path: join(dir, 'current.bin') },
    );

    const detector = new DriftDetector({ store, baselines, now: Date.now });
    const window = { startMs: WINDOW_START, endMs: WINDOW_START + HOUR };
    const times: number[] = [];
    let last;
    for (let run = 0; run < options.runs; run++) {
      const started = performance.now();
      last = await detector.evaluate(model, '1', window);
      times.push((performance.now() - started) / 1000);
    }
    if (last === undefined || last.features.length !== options.features) throw new Error(`expected ${options.features} features, got ${last?.features.length}`);

    const python = spawnSync('python3', [join(ROOT, 'bench/detect_reference.py'), dir, String(options.features), String(options.baselineRows), String(options.currentRows), String(options.runs)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (python.status !== 0) throw new Error(`detect_reference.py failed: ${python.stderr}`);
    const reference = JSON.parse(python.stdout) as { seconds: number[]; features: Record<string, number | number[] | null>[] };
    const worst = agreement(last.features, reference.features);
    process.stdout.write(`values vs numpy/scipy: largest absolute difference ${worst.absolute.toExponential(2)} (${worst.field}), KS p-value largest relative difference ${worst.ksRelative.toExponential(2)}\n`);
    if (worst.absolute > 1e-9) throw new Error(`Vigil and numpy/scipy disagree: ${worst.field} differs by ${worst.absolute}`);

    const vigil = median(times);
    const numpy = median(reference.seconds);
    return [
      {
        id: 'detect-window',
        figure: `all statistics, ${options.features} features, ${options.currentRows.toLocaleString('en')}-row window vs ${options.baselineRows.toLocaleString('en')}-row baseline (values agree within ${worst.absolute.toExponential(1)})`,
        unit: 's',
        vigil,
        reference: numpy,
        referenceName: 'numpy/scipy (bench/detect_reference.py), same values',
        ratio: vigil / numpy,
        target: '< 2, and <= 1/3 of the reference',
        higherIsBetter: false,
        spread: spread(times),
      },
    ];
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The baseline's values of each feature as one float64 file (NaN = missing); the order of values does not matter to any statistic. */
async function exportBaseline(store: Awaited<ReturnType<typeof openStore>>, dir: string, features: string[], baselineId: string): Promise<void> {
  for (const feature of features) {
    await store.command(
      'bench.export.baseline',
      `INSERT INTO FUNCTION file({path:String}, 'RowBinary')
       SELECT toFloat64(ifNull(num, nan)) FROM baseline_values WHERE project = 'bench' AND model = 'detect' AND baseline_id = {id:String} AND feature = {feature:String}`,
      { path: join(dir, `baseline_${feature}.bin`), id: baselineId, feature },
    );
  }
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

await runAsScript(
  import.meta.url,
  (smoke) => benchDetect(smoke ? { features: 3, baselineRows: 2000, currentRows: 5000, runs: 1 } : { features: 20, baselineRows: 100_000, currentRows: 1_000_000, runs: Number(process.env.BENCH_RUNS ?? 3) }),
  printResult,
);
