/**
 * Baseline upload: rows/s and peak memory for a large CSV streamed through
 * POST /v1/models/{model}/versions/{version}/baseline of the whole app in this process on
 * embedded ClickHouse. The CSV is generated while it is sent (never a file or a string in
 * memory), so the peak RSS increase is what the upload path itself holds (Node and chDB).
 * Reference, same run: the same upload with a tenth of the rows. Flat memory means a
 * ratio near 1; memory that grew with the file would show a ratio near 10.
 *
 *   npx tsx bench/baseline-upload.ts [--smoke]
 */
import { openTestApp, TEST_ADMIN_KEY } from '../test/support/app';
import { printResult, seededRandom, type BenchResult } from './support';
import { runAsScript } from './script';

export interface BaselineBenchOptions {
  rows: number;
  features: number;
}

/** Every fifth feature categorical, the rest numeric: a typical tabular model. */
function featureList(count: number) {
  return Array.from({ length: count }, (_, i) => ({ name: `f${i}`, type: i % 5 === 4 ? 'categorical' : 'numeric' }));
}

/** The CSV, produced as the request body is read: ~1,000 rows per piece. */
function csvBody(rows: number, features: { name: string; type: string }[]): ReadableStream<Uint8Array> {
  const next = seededRandom(42);
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

/** One upload of `rows` rows into a fresh version: seconds and peak RSS increase in bytes. */
async function upload(app: Awaited<ReturnType<typeof openTestApp>>, version: string, rows: number, features: { name: string; type: string }[]) {
  const headers = { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' };
  await app.fetcher('/v1/models/bench/versions', { method: 'POST', headers, body: JSON.stringify({ version }) });
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const started = performance.now();
  const response = await app.fetcher(`/v1/models/bench/versions/${version}/baseline`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'text/csv' },
    body: csvBody(rows, features),
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { rowCount?: number };
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  if (response.status !== 201 || body.rowCount !== rows) throw new Error(`upload failed with ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return { seconds, peakRssDelta: Math.max(0, peakRss - rssBefore) };
}

export async function benchBaselineUpload(options: BaselineBenchOptions): Promise<BenchResult[]> {
  const features = featureList(options.features);
  const app = await openTestApp();
  try {
    await app.fetcher('/v1/models', {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', task: 'regression', features }),
    });
    const small = await upload(app, 'small', Math.max(1, Math.round(options.rows / 10)), features);
    const large = await upload(app, 'large', options.rows, features);
    const mib = (bytes: number) => bytes / 1024 / 1024;
    return [
      {
        id: 'baseline-upload-rate',
        figure: `baseline CSV upload, ${options.rows} rows x ${options.features} features`,
        unit: 'rows/s',
        vigil: options.rows / large.seconds,
        reference: Math.round(options.rows / 10) / small.seconds,
        referenceName: 'the same upload with a tenth of the rows',
        ratio: options.rows / large.seconds / (Math.round(options.rows / 10) / small.seconds),
        target: 'flat: ratio near 1',
        higherIsBetter: true,
      },
      {
        id: 'baseline-upload-peak-rss',
        figure: `peak RSS increase during a ${options.rows}-row upload`,
        unit: 'MiB',
        vigil: mib(large.peakRssDelta),
        reference: mib(small.peakRssDelta),
        referenceName: 'the same upload with a tenth of the rows',
        ratio: small.peakRssDelta > 0 ? large.peakRssDelta / small.peakRssDelta : null,
        target: 'bounded: ratio far below 10',
        higherIsBetter: false,
      },
    ];
  } finally {
    await app.close();
  }
}

await runAsScript(import.meta.url, async (smoke) => benchBaselineUpload(smoke ? { rows: 2_000, features: 5 } : { rows: 1_000_000, features: 20 }), printResult);
