import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import { startServer } from '../test/support/server';
import { loadMigrations, migrate } from '../store/migrations';
import { openStore } from '../store/clickhouse';
import { runAsScript } from './script';
import { BENCH_FEATURES, median, percentile, predictionBodies, printResult, spread, type BenchResult } from './support';

/**
 * Ingest over HTTP: predictions with 20 numeric features, 1,000 per request, several clients
 * at once, into a Vigil server process on embedded ClickHouse. Reference, in the same run: the
 * same rows, already serialised, through chDB's raw insert (no HTTP, no validation): the
 * ceiling that Vigil's ingest is a fraction of.
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

async function referenceRun(dir: string, payloads: Buffer[]): Promise<number> {
  const connection = createChdbConnection({ path: dir }) as ChdbConnection;
  const client = createClient({ connection: connection as unknown as ClickHouseClientConfigOptions['connection'] });
  try {
    const rows = payloads.length;
    const started = performance.now();
    for (const values of payloads) await connection.chdb.rawInsert({ table: 'vigil.predictions', values, format: 'JSONEachRow' });
    return (rows * (payloads[0]?.toString().split('\n').length ?? 0)) / ((performance.now() - started) / 1000);
  } finally {
    await client.close();
  }
}

export async function benchIngestHttp(options: IngestBenchOptions): Promise<BenchResult[]> {
  const serverDir = mkdtempSync(join(tmpdir(), 'vigil-bench-ingest-'));
  const server = await startServer({ dataDir: serverDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_MAX_BODY_BYTES: String(64 * 1024 * 1024) } });
  const rates: number[] = [];
  const latencies: number[] = [];
  const referenceRates: number[] = [];
  try {
    const created = await fetch(`${server.url}/v1/models`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', task: 'regression', features: FEATURES.map((name) => ({ name, type: 'numeric' })) }),
    });
    if (created.status !== 201) throw new Error(`could not create the bench model: ${created.status}`);
    // Warm-up, not measured.
    await httpRun(server.url, predictionBodies(Math.max(2, options.clients), options.batch, 1, 'warm'), options.clients);
    for (let run = 0; run < options.runs; run++) {
      const bodies = predictionBodies(options.requestsPerRun, options.batch, 100 + run, `run${run}`);
      const measured = await httpRun(server.url, bodies, options.clients);
      rates.push(measured.rate);
      latencies.push(...measured.latencies);
    }
  } finally {
    await server.stop('SIGTERM');
    rmSync(serverDir, { recursive: true, force: true });
  }

  const referenceDir = mkdtempSync(join(tmpdir(), 'vigil-bench-reference-'));
  try {
    const store = await openStore({ database: 'vigil', dataDir: referenceDir });
    await migrate(store, loadMigrations());
    await store.close();
    for (let run = 0; run < options.runs; run++) {
      referenceRates.push(await referenceRun(join(referenceDir, 'clickhouse'), storedRows(predictionBodies(options.requestsPerRun, options.batch, 100 + run, `ref${run}`))));
    }
  } finally {
    rmSync(referenceDir, { recursive: true, force: true });
  }

  const sorted = [...latencies].sort((a, b) => a - b);
  const rate = median(rates);
  const referenceRate = median(referenceRates);
  return [
    {
      id: 'ingest-http-rate',
      figure: `POST /v1/predictions, ${options.batch}-item batches of 20 features, ${options.clients} clients`,
      unit: 'predictions/s',
      vigil: rate,
      reference: referenceRate,
      referenceName: 'chDB raw insert of the same rows, pre-serialised',
      ratio: rate / referenceRate,
      target: '>= 50000',
      higherIsBetter: true,
      spread: spread(rates),
    },
    {
      id: 'ingest-http-p99',
      figure: `p99 latency of a ${options.batch}-item request (p50 ${Math.round(percentile(sorted, 50))} ms)`,
      unit: 'ms',
      vigil: percentile(sorted, 99),
      reference: null,
      referenceName: null,
      ratio: null,
      target: '< 100',
      higherIsBetter: false,
    },
  ];
}

await runAsScript(import.meta.url, (smoke) => benchIngestHttp(smoke ? { requestsPerRun: 4, runs: 1, clients: 2, batch: 100 } : { requestsPerRun: Number(process.env.BENCH_REQUESTS ?? 100), runs: Number(process.env.BENCH_RUNS ?? 5), clients: Number(process.env.BENCH_CLIENTS ?? 4), batch: 1000 }), printResult);
