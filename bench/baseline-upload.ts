/**
 * Baseline upload: rows/s and peak memory for a large CSV streamed through
 * POST /v1/models/{model}/versions/{version}/baseline of the whole app in this process on
 * embedded ClickHouse. The CSV is generated while it is sent (never a file or a string in
 * memory), so the process's peak RSS during an upload is the upload path (Node and chDB) on
 * top of what the process held before. Reference, same run: the same upload with a tenth of
 * the rows. Flat memory means a ratio near 1; memory that grew with the file would show in
 * the ratio, and in the spread of the runs if it stayed behind.
 *
 *   npx tsx bench/baseline-upload.ts [--smoke]
 */
import { openTestApp, TEST_ADMIN_KEY } from '../test/support/app';
import { figureFromRuns, peakRss, printResult, resetPeakRss, seededRandom, type BenchResult } from './support';
import { runAsScript } from './script';

export interface BaselineBenchOptions {
  rows: number;
  features: number;
  runs: number;
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

/** One upload of `rows` rows into a fresh version: seconds and this process's peak RSS meanwhile, in bytes. */
async function upload(app: Awaited<ReturnType<typeof openTestApp>>, version: string, rows: number, features: { name: string; type: string }[]) {
  const headers = { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' };
  await app.fetcher('/v1/models/bench/versions', { method: 'POST', headers, body: JSON.stringify({ version }) });
  resetPeakRss('self');
  const started = performance.now();
  const response = await app.fetcher(`/v1/models/bench/versions/${version}/baseline`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'text/csv' },
    body: csvBody(rows, features),
    duplex: 'half',
  } as RequestInit);
  const body = (await response.json()) as { rowCount?: number };
  const seconds = (performance.now() - started) / 1000;
  const peak = peakRss('self');
  if (response.status !== 201 || body.rowCount !== rows) throw new Error(`upload failed with ${response.status}: ${JSON.stringify(body).slice(0, 500)}`);
  return { rate: rows / seconds, peakRssMiB: peak / 1024 / 1024 };
}

export async function benchBaselineUpload(options: BaselineBenchOptions): Promise<BenchResult[]> {
  const features = featureList(options.features);
  const smallRows = Math.max(1, Math.round(options.rows / 10));
  const app = await openTestApp();
  try {
    await app.fetcher('/v1/models', {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench', task: 'regression', features }),
    });
    await upload(app, 'warm', smallRows, features);
    // Every small upload before the first large one: memory a large upload kept would
    // otherwise raise the reference's peaks too and hide itself in the ratio.
    const small = [];
    for (let run = 0; run < options.runs; run++) small.push(await upload(app, `small-${run}`, smallRows, features));
    const large = [];
    for (let run = 0; run < options.runs; run++) large.push(await upload(app, `large-${run}`, options.rows, features));
    const reference = `the same upload with a tenth of the rows (${smallRows.toLocaleString('en')})`;
    return [
      figureFromRuns(
        {
          id: 'baseline-upload-rate',
          figure: `baseline CSV upload, ${options.rows.toLocaleString('en')} rows x ${options.features} features`,
          unit: 'rows/s',
          referenceName: reference,
          target: 'flat: ratio near 1',
          higherIsBetter: true,
        },
        large.map((u) => u.rate),
        small.map((u) => u.rate),
      ),
      figureFromRuns(
        {
          id: 'baseline-upload-peak-rss',
          figure: `peak RSS of the process (Node and chDB) during a ${options.rows.toLocaleString('en')}-row upload`,
          unit: 'MiB',
          referenceName: reference,
          target: 'bounded: ratio near 1',
          higherIsBetter: false,
        },
        large.map((u) => u.peakRssMiB),
        small.map((u) => u.peakRssMiB),
      ),
    ];
  } finally {
    await app.close();
  }
}

await runAsScript(import.meta.url, async (smoke) => benchBaselineUpload(smoke ? { rows: 2_000, features: 5, runs: 2 } : { rows: 100_000, features: 20, runs: Number(process.env.BENCH_RUNS ?? 5) }), printResult);
