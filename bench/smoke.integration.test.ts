import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The benchmarks run with tiny sizes, so that `npm run bench` cannot rot between runs. */
describe('npm run bench -- --smoke', () => {
  it('runs every benchmark, reports every figure beside its reference with medians and spreads, and writes the table and the plot', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], { cwd: fileURLToPath(new URL('../', import.meta.url)), encoding: 'utf8', timeout: 360_000 });
    expect(result.status, result.stderr).toBe(0);
    const ids = ['ingest-http-rate', 'ingest-http-p50', 'ingest-http-p99', 'ingest-kafka-rate', 'baseline-upload-rate', 'baseline-upload-peak-rss', 'gateway-latency-p50', 'gateway-latency-p99', 'gateway-rate', 'dashboard-model-first-render'];
    for (const id of ids) expect(result.stdout).toMatch(new RegExp(`^${id}: .* vigil [\\d.]+ \\S+ \\([\\d.]+–[\\d.]+, 2 runs\\)  reference [\\d.]+ .*\\(.*runs\\).* ratio \\d`, 'm'));
    expect(result.stdout).toMatch(/^ingest-\d+s-peak-rss: .* reference .* ratio \d/m);
    // Detection at two sizes: the first beside numpy/scipy (values checked), the second Vigil alone.
    expect(result.stdout).toMatch(/^detect-\w+-\d+f: .*values agree.* ratio \d/m);
    expect(result.stdout).toMatch(/^detect-\w+-\d+f: .*reference not run at this size.*\(1 run\)/m);
    expect(result.stdout).toMatch(/^wrote .*results\.json, .*benchmarks\.md, .*bench-scaling\.png$/m);
    expect(result.stdout).toMatch(/^total: \d+ s/m);
  }, 420_000);
});
