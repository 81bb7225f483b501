import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../test/support/server';
import { runAsScript } from './script';
import { BENCH_FEATURES, figureFromRuns, peakRss, predictionBodies, printResult, resetPeakRss, type BenchResult } from './support';

/**
 * Memory under sustained ingest: a Vigil server process on embedded ClickHouse takes
 * 1,000-prediction batches of 20 features from several clients without pause, for a warm-up and
 * then for a measured minute, and the kernel reports its peak RSS (VmHWM) per segment of time.
 * Reference, in the same run: the peaks of the few seconds right after the warm-up. Bounded
 * memory (DESIGN.md) shows as a ratio near 1 and segments that do not climb.
 */
export interface IngestMemoryBenchOptions {
  warmUpSeconds: number;
  /** Reference: peak RSS per segment of this length, right after the warm-up. */
  referenceSegmentSeconds: number;
  /** Measured: peak RSS per segment of this length; `segments` of them back to back. */
  segmentSeconds: number;
  segments: number;
  clients: number;
  batch: number;
}

const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Peak RSS in MiB of each of `count` consecutive segments of `seconds`. */
async function segmentPeaks(pid: number, count: number, seconds: number): Promise<number[]> {
  const peaks: number[] = [];
  for (let i = 0; i < count; i++) {
    resetPeakRss(pid);
    await sleep(seconds * 1000);
    peaks.push(peakRss(pid) / 1024 / 1024);
  }
  return peaks;
}

export async function benchIngestMemory(options: IngestMemoryBenchOptions): Promise<BenchResult[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-memory-'));
  const server = await startServer({ dataDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_MAX_BODY_BYTES: String(64 * 1024 * 1024) } });
  const pid = server.process.pid;
  if (pid === undefined) throw new Error('the server process has no pid');
  let stopping = false;
  let load: Promise<unknown> = Promise.resolve();
  try {
    const created = await fetch(`${server.url}/v1/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', task: 'regression', features: BENCH_FEATURES.map((name) => ({ name, type: 'numeric' })) }),
    });
    if (created.status !== 201) throw new Error(`could not create the bench model: ${created.status}`);

    // A few bodies generated once and sent over and over, each time with fresh prediction ids,
    // so that the sender spends its CPU on sending rather than on generating.
    const pool = predictionBodies(8, options.batch, 7, 'pool');
    let sent = 0;
    let accepted = 0;
    load = Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (!stopping) {
          const n = sent++;
          const body = pool[n % pool.length]!.replaceAll('"id":"pool-', `"id":"r${n}-`);
          const response = await fetch(`${server.url}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body });
          const result = (await response.json()) as { accepted?: number };
          if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(result)}`);
          accepted += result.accepted ?? 0;
        }
      }),
    );
    // The load's failure, if any, ends the measurement at once rather than after the minute.
    const failed = load.then(
      () => new Promise<never>(() => {}),
      (error: unknown) => Promise.reject(error instanceof Error ? error : new Error(String(error))),
    );

    await Promise.race([sleep(options.warmUpSeconds * 1000), failed]);
    const reference = await Promise.race([segmentPeaks(pid, options.segments, options.referenceSegmentSeconds), failed]);
    const acceptedBefore = accepted;
    const started = performance.now();
    const measured = await Promise.race([segmentPeaks(pid, options.segments, options.segmentSeconds), failed]);
    const rate = (accepted - acceptedBefore) / ((performance.now() - started) / 1000);
    stopping = true;
    await load;

    const total = options.segments * options.segmentSeconds;
    return [
      figureFromRuns(
        {
          id: `ingest-${total}s-peak-rss`,
          figure: `peak RSS of the server process per ${options.segmentSeconds}-s segment of ${total} s of continuous ingest (${options.clients} clients, ${options.batch}-item batches, ${Math.round(rate)} predictions/s; the ${total}-s peak is the max)`,
          unit: 'MiB',
          referenceName: `peak RSS per ${options.referenceSegmentSeconds}-s segment right after a ${options.warmUpSeconds}-s warm-up under the same load`,
          target: 'bounded: ratio near 1',
          higherIsBetter: false,
        },
        measured,
        reference,
      ),
    ];
  } finally {
    stopping = true;
    await load.catch(() => {});
    await server.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await runAsScript(
  import.meta.url,
  (smoke) =>
    benchIngestMemory(
      smoke
        ? { warmUpSeconds: 0.5, referenceSegmentSeconds: 0.2, segmentSeconds: 0.5, segments: 2, clients: 2, batch: 100 }
        : { warmUpSeconds: 5, referenceSegmentSeconds: 1, segmentSeconds: 12, segments: 5, clients: Number(process.env.BENCH_CLIENTS ?? 4), batch: 1000 },
    ),
  printResult,
);
