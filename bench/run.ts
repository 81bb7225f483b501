/**
 * `npm run bench`: every benchmark, each beside its reference from the same run, each in its
 * own process (chDB binds one data directory per process). Writes bench/results.json,
 * docs/benchmarks.md and docs/bench-scaling.png, and prints the total time (the budget is 10
 * minutes on a 2-core machine). `--smoke` runs tiny sizes and writes the same three files into
 * a temporary directory that it removes (part of `npm test`, so the benchmark code cannot rot).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RESULTS_MARKER } from './script';
import { describeRuns, round, type BenchResult } from './support';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BENCHMARKS = ['bench/ingest-http.ts', 'bench/ingest-memory.ts', 'bench/kafka.ts', 'bench/baseline-upload.ts', 'bench/detect.ts', 'bench/gateway.ts', 'bench/dashboard.ts'];
const BUDGET_SECONDS = 600;

function runBenchmark(script: string, smoke: boolean): Promise<BenchResult[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...(smoke ? ['--smoke'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let results: BenchResult[] | undefined;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith(RESULTS_MARKER)) results = JSON.parse(line.slice(RESULTS_MARKER.length)) as BenchResult[];
        else process.stdout.write(`${line}\n`);
      }
    });
    child.on('exit', (code) => (code === 0 && results ? resolve(results) : reject(new Error(`${script} exited with ${code}${results ? '' : ' without results'}`))));
  });
}

/** The detection rows as bench/plot_scaling.py reads them. */
function scalingPoints(results: BenchResult[]) {
  return results.flatMap((r) =>
    r.scaling === undefined
      ? []
      : [
          {
            rows: r.scaling.windowRows,
            features: r.scaling.features,
            baselineRows: r.scaling.baselineRows,
            vigil: [r.vigil, r.spread.vigil.min, r.spread.vigil.max],
            reference: r.reference === null || r.spread.reference === null ? null : [r.reference, r.spread.reference.min, r.spread.reference.max],
          },
        ],
  );
}

function plotScaling(results: BenchResult[], out: string): void {
  const plot = spawnSync('python3', [join(ROOT, 'bench/plot_scaling.py'), out], { input: JSON.stringify(scalingPoints(results)), encoding: 'utf8' });
  if (plot.status !== 0) throw new Error(`bench/plot_scaling.py failed (pip install -r bench/requirements.txt installs matplotlib): ${plot.stderr}`);
}

const METHOD = `## How it is measured

- Every benchmark generates its data deterministically (seeded), warms up without measuring,
  then measures at least 5 runs of Vigil and 5 of its reference; the table shows each side's
  median and its spread (min–max over the runs), and the ratio of the two medians. Where it
  can, a benchmark alternates Vigil's runs with the reference's (ingest, Kafka, gateway), so
  that both see the same machine: this machine is shared, and ratios say more than absolute
  numbers. The runs of every figure are in bench/results.json (\`spread.vigil.values\`,
  \`spread.reference.values\`).
- Ingest over HTTP: each run is 50 requests of 1,000 predictions from 4 clients at once (Kafka:
  50 such messages a run); each run's p50 and p99 request latency are figures of their own,
  beside the raw insert's latency for one batch of the same rows. With fewer than 100
  requests a run, a run's p99 is its slowest request: an upper bound, kept to stay in budget.
- Memory while ingesting: one server process takes the same load without pause; the kernel's
  peak RSS (VmHWM, reset per segment) is read for five 1-s segments right after a 5-s
  warm-up (the reference) and for five 12-s segments over the next 60 s (Vigil's figure:
  median of the segment peaks; the spread's maximum is the peak of the whole minute).
  Memory that grows with time shows as a ratio above 1 and climbing segments.
- Baseline upload: 100,000 rows a run, not the 1,000,000 the issue names: five uploads of a
  million rows take four to eight minutes on this machine, beyond the 10-minute budget of the
  whole run. The reference is the same upload with a tenth of the rows, and all reference
  runs come before the large ones, so that memory kept by a large upload cannot raise the
  reference's peaks. Peak RSS is the process's own (Node and chDB), exact (VmHWM).
- Detection: one store holds a window of each size (20 features each, one 100,000-row
  baseline); the detector warms up once on the smallest, then each size up to the headline's
  1,000,000 rows is evaluated 5 times beside 5 runs of the numpy/scipy reference on the same
  values, which must agree within 1e-9. The 10,000,000-row window is evaluated once, without
  the reference (numpy/scipy would need about ten times its 1,000,000-row time per run there,
  plus a 1.6 GB export), to show the growth past the headline within the budget; the sizes are
  decades, evenly spaced on the plot's log scale. Each window is generated inside ClickHouse
  (\`INSERT ... SELECT\` from \`numbers()\`, a hash of the row and feature numbers as the
  random source: the same values in every run), in a day (partition) of its own, and the
  measured runs start once the merges of its parts are done (they would otherwise share the 2
  cores with the detector). Each figure names Vigil's peak RSS over its runs.
- The whole run has a budget of ${BUDGET_SECONDS / 60} minutes on this 2-core machine; \`BENCH_RUNS\`,
  \`BENCH_REQUESTS\` and \`BENCH_CLIENTS\` change runs, requests a run and clients, and
  \`BENCH_DETECT_SIZES=10000,100000\` measures only those detection sizes.
`;

function markdown(results: BenchResult[], machine: string, timings: { script: string; seconds: number }[], totalSeconds: number, load: string): string {
  const vigilCell = (r: BenchResult) => describeRuns(r.vigil, r.spread.vigil, r.unit);
  const referenceCell = (r: BenchResult) => (r.reference === null || r.spread.reference === null ? '' : `${describeRuns(r.reference, r.spread.reference, r.unit)}: ${r.referenceName}`);
  const rows = results.map((r) => `| ${r.id} | ${r.figure} | ${vigilCell(r)} | ${referenceCell(r)} | ${r.ratio === null ? '' : round(r.ratio)} | ${r.target} |`);
  const detection = results.filter((r) => r.scaling !== undefined);
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (bench/run.ts); every figure is measured beside its reference in the same run. Each cell is the median over the runs with the spread (min–max) and the number of runs; the ratio is median Vigil / median reference.',
    '',
    `Machine: ${machine}. Whole run: ${Math.round(totalSeconds)} s (budget ${BUDGET_SECONDS} s). 1-minute load average during the run: ${load} (the machine is shared; this run alone keeps it near 2, its 2 cores busy).`,
    '',
    '| id | figure | Vigil | reference | ratio | target |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '## Detection time against window size',
    '',
    '![Detection time against window size, Vigil and numpy/scipy](bench-scaling.png)',
    '',
    '| rows in the window | Vigil | numpy/scipy | ratio |',
    '| --- | --- | --- | --- |',
    ...detection.map((r) => `| ${r.scaling!.windowRows.toLocaleString('en')} | ${vigilCell(r)} | ${r.reference === null || r.spread.reference === null ? 'not run (see below)' : describeRuns(r.reference, r.spread.reference, r.unit)} | ${r.ratio === null ? '' : round(r.ratio)} |`),
    '',
    METHOD,
    '| benchmark | seconds in this run |',
    '| --- | --- |',
    ...timings.map((t) => `| ${t.script} | ${Math.round(t.seconds)} |`),
    '',
  ].join('\n');
}

const smoke = process.argv.includes('--smoke');
const started = performance.now();
// The machine is shared: the 1-minute load average, sampled through the run, says how much.
const loads = [loadavg()[0]!];
const loadSampler = setInterval(() => loads.push(loadavg()[0]!), 5_000).unref();
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const results: BenchResult[] = [];
const timings: { script: string; seconds: number }[] = [];
for (const script of BENCHMARKS) {
  if (!existsSync(`${ROOT}${script}`)) continue;
  process.stdout.write(`\n== ${script}${smoke ? ' (smoke)' : ''}\n`);
  const scriptStarted = performance.now();
  results.push(...(await runBenchmark(script, smoke)));
  timings.push({ script, seconds: (performance.now() - scriptStarted) / 1000 });
  process.stdout.write(`   ${script}: ${Math.round(timings.at(-1)!.seconds)} s\n`);
}

// The smoke run writes everything too, into a directory it then removes.
const out = smoke ? mkdtempSync(join(tmpdir(), 'vigil-bench-smoke-')) : undefined;
const paths = { results: out ? join(out, 'results.json') : `${ROOT}bench/results.json`, doc: out ? join(out, 'benchmarks.md') : `${ROOT}docs/benchmarks.md`, plot: out ? join(out, 'bench-scaling.png') : `${ROOT}docs/bench-scaling.png` };
try {
  plotScaling(results, paths.plot);
  if (statSync(paths.plot).size === 0) throw new Error(`${paths.plot} is empty`);
  const totalSeconds = (performance.now() - started) / 1000;
  writeFileSync(paths.results, `${JSON.stringify(results, null, 2)}\n`);
  clearInterval(loadSampler);
  const load = `mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(1)}, max ${Math.max(...loads).toFixed(1)}`;
  writeFileSync(paths.doc, markdown(results, machine, timings, totalSeconds, load));
  process.stdout.write(`\nwrote ${Object.values(paths).join(', ')}\n`);
  process.stdout.write(`total: ${Math.round(totalSeconds)} s (budget ${BUDGET_SECONDS} s${totalSeconds > BUDGET_SECONDS && !smoke ? ', OVER BUDGET' : ''}; load average ${load})\n`);
} finally {
  clearInterval(loadSampler);
  if (out) rmSync(out, { recursive: true, force: true });
}
