import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The benchmarks run with tiny sizes, so that `npm run bench` cannot rot between runs. */
describe('npm run bench -- --smoke', () => {
  it('runs every benchmark and reports every figure beside its reference', () => {
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--smoke'], { cwd: fileURLToPath(new URL('../', import.meta.url)), encoding: 'utf8', timeout: 240_000 });
    expect(result.status, result.stderr).toBe(0);
    for (const id of ['ingest-http-rate', 'ingest-http-p99', 'baseline-upload-rate', 'baseline-upload-peak-rss', 'gateway-latency-p50', 'gateway-latency-p99', 'gateway-rate', 'ingest-kafka-rate']) expect(result.stdout).toContain(`${id}: `);
    expect(result.stdout).toMatch(/ingest-http-rate: .* ratio \d/);
  }, 300_000);
});
