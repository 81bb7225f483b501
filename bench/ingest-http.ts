import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import { startServer } from '../test/support/server';
import { loadMigrations, migrate } from '../store/migrations';
import { openStore } from '../store/clickhouse';
import { runAsScript } from './script';
import { BENCH_FEATURES, figureFromRuns, percentile, predictionBodies, printResult, type BenchResult } from './support';

/**
 * Ingest over HTTP: predictions with 20 numeric features, 1,000 per request, several clients
 * at once, into a Vigil server process on embedded ClickHouse. Reference, in the same run: the
 * same rows, already serialised, through chDB's raw insert (no HTTP, no validation): the
 * ceiling that Vigil's ingest is a fraction of; for latency, the raw insert of one batch.
 */
export interface IngestBenchOptions {
  requestsPerRun: number;
  runs: number;
  clients: number;
  batch: number;
}

const FEATURES = BENCH_FEATURES;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

async function httpRun(url: string, bodies: string[], clients: number): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  let next = 0;
  let predictions = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < bodies.length; i = next++) {
        const t0 = performance.now();
        const response = await fetch(`${url}/v1/predictions`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: bodies[i] });
        const result = (await response.json()) as { accepted?: number };
        if (response.status !== 200) throw new Error(`ingest answered ${response.status}: ${JSON.stringify(result)}`);
        latencies.push(performance.now() - t0);
        predictions += result.accepted ?? 0;
      }
    }),
  );
  return { rate: predictions / ((performance.now() - started) / 1000), latencies };
}

/** The stored form of the same rows, serialised once, as the reference inserts them. */
function storedRows(bodies: string[]): Buffer[] {
  const now = Date.now();
  return bodies.map((body) =>
    Buffer.from(
      (JSON.parse(body) as { predictions: { id: string; timestamp: number; features: Record<string, number>; prediction: number; latencyMs: number }[] }).predictions
        .map((p) =>
          JSON.stringify({ project: 'default', model: 'bench', version: '1', id: p.id, timestamp: p.timestamp, received_at: now, num_features: p.features, cat_features: {}, prediction_num: p.prediction, prediction_cat: null, scores: {}, latency_ms: p.latencyMs, source: 'api' }),
        )
        .join('\n'),
    ),
  );
}

/** One run of the reference: every payload through chDB's raw insert, one after another. */
async function referenceRun(connection: ChdbConnection, payloads: Buffer[], rowsPerPayload: number): Promise<{ rate: number; latencies: number[] }> {
  const latencies: number[] = [];
  const started = performance.now();
  for (const values of payloads) {
    const t0 = performance.now();
    await connection.chdb.rawInsert({ table: 'vigil.predictions', values, format: 'JSONEachRow' });
    latencies.push(performance.now() - t0);
  }
  return { rate: (payloads.length * rowsPerPayload) / ((performance.now() - started) / 1000), latencies };
}

function p(latencies: number[], q: number): number {
  return percentile([...latencies].sort((a, b) => a - b), q);
}

export async function benchIngestHttp(options: IngestBenchOptions): Promise<BenchResult[]> {
  const serverDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  const referenceDir = mkdtempSync(join(tmpdir(), 'vigil-bench-reference-'));
  const server = await startServer({ dataDir: serverDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_MAX_BODY_BYTES: String(64 * 1024 * 1024) } });
  const vigil = { rate: [] as number[], p50: [] as number[], p99: [] as number[] };
  const reference = { rate: [] as number[], p50: [] as number[], p99: [] as number[] };
  let connection: ChdbConnection | undefined;
  let client: ReturnType<typeof createClient> | undefined;
  try {
    const created = await fetch(`${server.url}/v1/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', task: 'regression', features: FEATURES.map((name) => ({ name, type: 'numeric' })) }),
    });
    if (created.status !== 201) throw new Error(`could not create the bench model: ${created.status}`);
    // The reference's own store (this process's chDB, the same schema), beside the server's.
    const store = await openStore({ database: 'vigil', dataDir: referenceDir });
    await migrate(store, loadMigrations());
    await store.close();
    connection = createChdbConnection({ path: join(referenceDir, 'clickhouse') }) as ChdbConnection;
    client = createClient({ connection: connection as unknown as ClickHouseClientConfigOptions['connection'] });

    // Warm-up of both, not measured.
    const warmUp = Math.max(4, options.clients * 2);
    await httpRun(server.url, predictionBodies(warmUp, options.batch, 1, 'warm'), options.clients);
    await referenceRun(connection, storedRows(predictionBodies(warmUp, options.batch, 1, 'refwarm')), options.batch);
    // Vigil and the reference alternate run by run, so both see the same machine conditions.
    for (let run = 0; run < options.runs; run++) {
      const measured = await httpRun(server.url, predictionBodies(options.requestsPerRun, options.batch, 100 + run, `run${run}`), options.clients);
      vigil.rate.push(measured.rate);
      vigil.p50.push(p(measured.latencies, 50));
      vigil.p99.push(p(measured.latencies, 99));
      const raw = await referenceRun(connection, storedRows(predictionBodies(options.requestsPerRun, options.batch, 100 + run, `ref${run}`)), options.batch);
      reference.rate.push(raw.rate);
      reference.p50.push(p(raw.latencies, 50));
      reference.p99.push(p(raw.latencies, 99));
    }
  } finally {
    await client?.close();
    await server.stop('SIGTERM');
    rmSync(serverDir, { recursive: true, force: true });
    rmSync(referenceDir, { recursive: true, force: true });
  }

  const latencyReference = `chDB raw insert of one pre-serialised ${options.batch}-row batch, one at a time`;
  return [
    figureFromRuns(
      {
        id: 'ingest-http-rate',
        figure: `POST /v1/predictions, ${options.batch}-item batches of 20 features, ${options.clients} clients, ${options.requestsPerRun} requests a run`,
        unit: 'predictions/s',
        referenceName: 'chDB raw insert of the same rows, pre-serialised',
        target: '>= 50000',
        higherIsBetter: true,
      },
      vigil.rate,
      reference.rate,
    ),
    figureFromRuns(
      { id: 'ingest-http-p50', figure: `p50 latency of a ${options.batch}-item request (each run's p50)`, unit: 'ms', referenceName: latencyReference, target: 'reported', higherIsBetter: false },
      vigil.p50,
      reference.p50,
    ),
    figureFromRuns(
      { id: 'ingest-http-p99', figure: `p99 latency of a ${options.batch}-item request (each run's p99${options.requestsPerRun < 100 ? `: of ${options.requestsPerRun} requests, its slowest` : ''})`, unit: 'ms', referenceName: latencyReference, target: '< 100', higherIsBetter: false },
      vigil.p99,
      reference.p99,
    ),
  ];
}

await runAsScript(import.meta.url, (smoke) => benchIngestHttp(smoke ? { requestsPerRun: 4, runs: 2, clients: 2, batch: 100 } : { requestsPerRun: Number(process.env.BENCH_REQUESTS ?? 50), runs: Number(process.env.BENCH_RUNS ?? 5), clients: Number(process.env.BENCH_CLIENTS ?? 4), batch: 1000 }), printResult);
