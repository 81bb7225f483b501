/**
 * Baseline upload: rows/s and peak memory for a large CSV streamed through
 * POST /v1/models/{model}/versions/{version}/baseline of an in-process app on embedded
 * ClickHouse. The CSV is generated while it is sent (never a file or a string in memory), so
 * the peak RSS delta is what the upload path itself holds (Node and chDB together).
 *
 *   npx tsx bench/baseline-upload.ts [--rows 1000000] [--features 20] [--chunk-rows 20000]
 *
 * Not a timed test: run it by hand or from `npm run bench`, and read the numbers.
 */
import { parseArgs } from 'node:util';
import { ApiKeyRepository } from '../store/apiKeys';
import { openStore } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { ModelRepository } from '../store/models';
import { ProjectRepository } from '../store/projects';
import { bootstrapAccess } from '../server/auth/bootstrap';
import { authentication, keyAuthenticator } from '../server/auth/middleware';
import '../server/context';
import { renderError } from '../server/errors';
import { createLogger } from '../server/logger';
import { createRouter } from '../server/openapi';
import { registryRoutes } from '../server/registry';
import { tempDataDir } from '../test/support/server';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    features: { type: 'string', default: '20' },
    'chunk-rows': { type: 'string' },
  },
});
const rows = Number(values.rows);
const featureCount = Number(values.features);
const chunkRows = values['chunk-rows'] === undefined ? undefined : Number(values['chunk-rows']);
const ADMIN_KEY = 'bench-admin-key-0123456789';

/** mulberry32: a small seeded generator, so every run uploads the same data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every fifth feature categorical, the rest numeric: a typical tabular model.
const features = Array.from({ length: featureCount }, (_, i) => ({ name: `f${i}`, type: i % 5 === 4 ? 'categorical' : 'numeric' }));

/** The CSV, produced as the request body is read: ~1,000 rows per piece. */
function csvBody(): ReadableStream<Uint8Array> {
  const next = random(42);
  const encoder = new TextEncoder();
  let produced = 0;
  let headerSent = false;
  return new ReadableStream({
    pull(controller) {
      let piece = headerSent ? '' : `${features.map((f) => f.name).join(',')},prediction\n`;
      headerSent = true;
      const until = Math.min(rows, produced + 1_000);
      for (; produced < until; produced++) {
        const cells = features.map((f) => (f.type === 'numeric' ? (next() * 1000 - 500).toFixed(3) : `c${Math.floor(next() * 50)}`));
        piece += `${cells.join(',')},${(next() * 100).toFixed(2)}\n`;
      }
      controller.enqueue(encoder.encode(piece));
      if (produced >= rows) controller.close();
    },
  });
}

const data = tempDataDir('vigil-bench-baseline-');
const store = await openStore({ database: 'vigil', dataDir: data.dir });
try {
  await migrate(store);
  const keys = new ApiKeyRepository(store);
  await bootstrapAccess({ projects: new ProjectRepository(store), keys, adminKey: ADMIN_KEY, now: Date.now, announce: () => {} });
  const logger = createLogger('silent');
  // As app.ts mounts the registry, without the app's buffering body limit in front of uploads.
  const app = createRouter();
  app.use('/v1/*', authentication(keyAuthenticator(keys)));
  app.route('/', registryRoutes({ store, models: new ModelRepository(store), logger, ...(chunkRows === undefined ? {} : { baselineChunkRows: chunkRows }) }));
  app.onError((error, c) => renderError(error, c, logger));
  const headers = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  await app.request('/v1/models', { method: 'POST', headers, body: JSON.stringify({ name: 'bench', task: 'regression', features }) });
  await app.request('/v1/models/bench/versions', { method: 'POST', headers, body: JSON.stringify({ version: '1' }) });

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = process.memoryUsage().heapUsed;
  const sampler = setInterval(() => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  }, 50);

  const started = performance.now();
  const response = await app.request('/v1/models/bench/versions/1/baseline', {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/csv' },
    body: csvBody(),
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { rowCount?: number; profile?: { features: { name: string; edges?: number[] }[] }; error?: unknown };
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);

  if (response.status !== 201) throw new Error(`upload failed with ${response.status}: ${JSON.stringify(body)}`);
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const line = {
    rows: body.rowCount,
    features: featureCount,
    seconds: Number(seconds.toFixed(1)),
    rowsPerSecond: Math.round(rows / seconds),
    rssBefore: mb(rssBefore),
    peakRssDelta: mb(peakRss - rssBefore),
    peakHeapUsed: mb(peakHeap),
  };
  process.stdout.write(`baseline upload: ${JSON.stringify(line)}\n`);
} finally {
  await store.close();
  data.remove();
}
