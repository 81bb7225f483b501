import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BEGIN_MARKER, END_MARKER, type SoakResults } from '../bench/soak/report';
import { TRAFFIC_KINDS } from '../bench/soak/requests';

/**
 * `npm run soak -- --smoke`: the soak's 20-second form, so that the soak code cannot rot
 * between the 30-minute runs. It asserts on what the run did (every kind of traffic served, no
 * unexpected answer, the process sampled, a verdict written), never on how fast.
 */
const out = mkdtempSync(join(tmpdir(), 'vigil-soak-smoke-test-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run soak -- --smoke', () => {
  it('drives every kind of traffic, samples the server process and writes the results and the verdict', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/soak/run.ts', '--smoke', '--out', out], { cwd: fileURLToPath(new URL('../', import.meta.url)), encoding: 'utf8', timeout: 170_000 });
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toMatch(/^\[ *0:\d\d \/ 0:20\] rss [\d.]+ MiB \(×[\d.]+ of start\) heap [\d.]+ MiB \(after full GC (?:[\d.]+ MiB|n\/a)\) fds \d+/m);
    expect(run.stdout).toMatch(/^soak: passed$/m);

    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as SoakResults;
    expect(results.mode).toBe('smoke');
    expect(results.passed).toBe(true);
    for (const kind of TRAFFIC_KINDS) {
      expect(results.traffic[kind].ok, kind).toBeGreaterThan(0);
      expect(results.traffic[kind].unexpected, kind).toBe(0);
      expect(results.traffic[kind].serverErrors, kind).toBe(0);
    }
    for (const kind of ['ingest', 'otlp', 'feedback', 'gateway'] as const) expect(results.traffic[kind].items, kind).toBeGreaterThan(0);
    expect(results.totals).toMatchObject({ unexpected: 0, serverErrors: 0 });

    expect(results.samples.length).toBeGreaterThanOrEqual(5);
    for (const sample of results.samples) {
      expect(sample.rssBytes).toBeGreaterThan(0);
      expect(sample.openFds).toBeGreaterThan(0);
      expect(sample.heapUsedBytes).toBeGreaterThan(0);
    }
    // Too short to judge flatness, but every check is computed and reported.
    expect(results.verdict.judged).toBe(false);
    expect(results.verdict.checks.map((c) => c.name)).toEqual(['rss', 'heap', 'threads', 'fds', 'proc-fds', 'rss-slope']);

    const doc = readFileSync(join(out, 'reliability.md'), 'utf8');
    expect(doc).toContain(BEGIN_MARKER);
    expect(doc).toContain(END_MARKER);
    expect(doc).toMatch(/Verdict: \*\*not judged\*\*/);
    expect(doc).toMatch(/^\| gateway \| \d+ \|/m);
  }, 180_000);

  it('keeps a results block in docs/reliability.md for a full run to rewrite', () => {
    const doc = fileURLToPath(new URL('../docs/reliability.md', import.meta.url));
    expect(existsSync(doc)).toBe(true);
    const text = readFileSync(doc, 'utf8');
    expect(text.indexOf(BEGIN_MARKER)).toBeGreaterThan(-1);
    expect(text.indexOf(END_MARKER)).toBeGreaterThan(text.indexOf(BEGIN_MARKER));
  });
});
