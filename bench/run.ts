/**
 * `npm run bench`: every benchmark, each beside its reference from the same run, each in its
 * own process (chDB binds one data directory per process). Writes bench/results.json and
 * docs/benchmarks.md. `--smoke` runs tiny sizes and writes nothing (part of `npm test`, so the
 * benchmark code cannot rot).
 */
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { RESULTS_MARKER } from './script';
import { round, type BenchResult } from './support';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BENCHMARKS = ['bench/ingest-http.ts', 'bench/kafka.ts', 'bench/baseline-upload.ts', 'bench/detect.ts', 'bench/gateway.ts'];

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

function markdown(results: BenchResult[], machine: string): string {
  const cell = (value: number | null, unit = '') => (value === null ? '' : `${round(value)}${unit ? ` ${unit}` : ''}`);
  const rows = results.map((r) => `| ${r.id} | ${r.figure} | ${cell(r.vigil, r.unit)} | ${r.reference === null ? '' : `${cell(r.reference, r.unit)} (${r.referenceName})`} | ${cell(r.ratio)} | ${r.target} |`);
  return [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; every figure is measured beside its reference in the same run, and the ratio is vigil / reference.',
    '',
    `Machine: ${machine}.`,
    '',
    '| id | figure | Vigil | reference | ratio | target |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

const smoke = process.argv.includes('--smoke');
const machine = `${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${Math.round(totalmem() / 1024 ** 3)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
const results: BenchResult[] = [];
for (const script of BENCHMARKS) {
  if (!existsSync(`${ROOT}${script}`)) continue;
  process.stdout.write(`\n== ${script}${smoke ? ' (smoke)' : ''}\n`);
  results.push(...(await runBenchmark(script, smoke)));
}
if (!smoke) {
  writeFileSync(`${ROOT}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${ROOT}docs/benchmarks.md`, markdown(results, machine));
  process.stdout.write('\nwrote bench/results.json and docs/benchmarks.md\n');
}
