import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vigil, type DeliveryProblem, type VigilOptions } from '../sdk/ts/src/index';
import { apiClient, overHttp } from './support/http';
import { freePort } from './support/ports';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * The TypeScript SDK against a running Vigil: what a model service logs arrives intact, through
 * an outage, a 429 and an overflowing queue; and its OpenTelemetry mode through the real
 * OpenTelemetry logs SDK and OTLP exporter.
 */
const ADMIN_KEY = 'sdk-ts-test-admin-key-0123456789';
const data = tempDataDir();
let port: number;
let server: RunningServer;

const start = () => startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, PORT: String(port) } });
const api = () => apiClient(overHttp(server.url), ADMIN_KEY);
const stored = async (id: string) => (await api().get(`/v1/models/churn/predictions/${encodeURIComponent(id)}`)).body;
const status = async (id: string) => (await api().get(`/v1/models/churn/predictions/${encodeURIComponent(id)}`)).status;

beforeAll(async () => {
  port = await freePort();
  server = await start();
  const created = await api().post('/v1/models', { name: 'churn', task: 'binary_classification', features: [{ name: 'tenure_months', type: 'numeric' }, { name: 'plan', type: 'categorical' }] });
  expect(created.status).toBe(201);
}, 90_000);
afterAll(async () => {
  await server.stop();
  data.remove();
});

/** A client for the test, its delivery problems collected rather than printed. */
function sdk(options: Partial<VigilOptions> = {}): { vigil: Vigil; problems: DeliveryProblem[] } {
  const problems: DeliveryProblem[] = [];
  const vigil = new Vigil({ url: server.url, apiKey: ADMIN_KEY, flushOnExit: false, initialRetryDelayMs: 50, maxRetryDelayMs: 500, onError: (p) => problems.push(p), ...options });
  return { vigil, problems };
}

/**
 * A proxy in front of Vigil whose answer the test chooses per request: forward, or answer
 * with a status and headers. Records when each request arrived.
 */
async function proxy(answer: (n: number) => 'forward' | { status: number; headers?: Record<string, string> }) {
  const arrivals: number[] = [];
  const http: Server = createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      arrivals.push(Date.now());
      const choice = answer(arrivals.length);
      if (choice !== 'forward') {
        res.writeHead(choice.status, { 'content-type': 'application/json', ...choice.headers }).end(JSON.stringify({ error: { code: 'test', message: `proxy says ${choice.status}` } }));
        return;
      }
      void fetch(`${server.url}${req.url}`, { method: req.method, headers: { 'content-type': req.headers['content-type'] ?? '', authorization: req.headers.authorization ?? '' }, body: Buffer.concat(chunks) }).then(async (upstream) => {
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(await upstream.text());
      });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, arrivals, close: () => new Promise((resolve) => http.close(resolve)) };
}

describe('TypeScript SDK', () => {
  it('sends predictions and feedback that arrive intact', async () => {
    const { vigil, problems } = sdk();
    const id = vigil.logPrediction({ model: 'churn', version: '3', timestamp: new Date('2026-11-23T16:59:59.250Z'), features: { tenure_months: 14, plan: 'pro' }, prediction: 1, scores: { '0': 0.18, '1': 0.82 }, latencyMs: 12.5 });
    const given = vigil.logPrediction({ model: 'churn', id: 'ts-given-id', features: { tenure_months: 2.5, plan: null }, prediction: 0 });
    vigil.logFeedback({ model: 'churn', predictionId: id, label: 0 });
    expect(given).toBe('ts-given-id');
    const stats = await vigil.close();
    expect(stats).toMatchObject({ delivered: 3, dropped: 0, rejected: 0, queued: 0 });
    expect(problems).toEqual([]);
    expect(await stored(id)).toMatchObject({ id, version: '3', timestamp: '2026-11-23T16:59:59.250Z', features: { tenure_months: 14, plan: 'pro' }, prediction: 1, scores: { '0': 0.18, '1': 0.82 }, latencyMs: 12.5, label: 0 });
    expect(await stored('ts-given-id')).toMatchObject({ features: { tenure_months: 2.5, plan: null }, prediction: 0 });
  });

  it('reports what the server refuses, with its message, and keeps the rest', async () => {
    const { vigil, problems } = sdk();
    vigil.logPrediction({ model: 'churn', id: 'ts-good', features: { tenure_months: 1, plan: 'basic' }, prediction: 0 });
    vigil.logPrediction({ model: 'churn', id: 'ts-bad', features: { tenure_months: 'long' as unknown as number, plan: 'basic' }, prediction: 0 });
    const stats = await vigil.close();
    expect(stats).toMatchObject({ delivered: 1, rejected: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'rejected', status: 400, count: 1 });
    expect(problems[0]!.message).toContain('predictions[1].features.tenure_months');
    expect(await status('ts-good')).toBe(200);
    expect(await status('ts-bad')).toBe(404);
  });

  it('keeps what is logged while the server is down and delivers it when it is back', async () => {
    const { vigil, problems } = sdk({ batchSize: 20, flushIntervalMs: 10 });
    expect(await server.stop()).toBe(0);
    const ids = Array.from({ length: 50 }, (_, i) => vigil.logPrediction({ model: 'churn', features: { tenure_months: i, plan: 'pro' }, prediction: i % 2 }));
    await expect.poll(() => vigil.stats.retries, { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    expect(problems[0]).toMatchObject({ kind: 'retrying' });
    server = await start();
    expect(await vigil.flush(30_000)).toBe(true);
    expect(await vigil.close()).toMatchObject({ delivered: 50, dropped: 0, rejected: 0 });
    for (const [i, id] of ids.entries()) expect(await stored(id)).toMatchObject({ features: { tenure_months: i } });
  }, 90_000);

  it('waits as long as a 429 Retry-After says', async () => {
    const gate = await proxy((n) => (n === 1 ? { status: 429, headers: { 'retry-after': '1' } } : 'forward'));
    try {
      const { vigil, problems } = sdk({ url: gate.url });
      const id = vigil.logPrediction({ model: 'churn', features: { tenure_months: 7, plan: 'pro' }, prediction: 1 });
      expect(await vigil.flush(10_000)).toBe(true);
      await vigil.close();
      expect(gate.arrivals).toHaveLength(2);
      expect(gate.arrivals[1]! - gate.arrivals[0]!).toBeGreaterThanOrEqual(990);
      expect(problems).toEqual([expect.objectContaining({ kind: 'retrying', status: 429, retryInMs: 1000 })]);
      expect(await status(id)).toBe(200);
    } finally {
      await gate.close();
    }
  });

  it('drops the oldest when its queue overflows, counts them, and delivers the newest', async () => {
    let open = false;
    const gate = await proxy(() => (open ? 'forward' : { status: 503, headers: { 'retry-after': '0' } }));
    try {
      const { vigil, problems } = sdk({ url: gate.url, maxQueueSize: 10, batchSize: 10, initialRetryDelayMs: 20 });
      const ids = Array.from({ length: 25 }, (_, i) => vigil.logPrediction({ model: 'churn', features: { tenure_months: i, plan: 'pro' }, prediction: 0 }));
      await expect.poll(() => vigil.stats.retries).toBeGreaterThanOrEqual(1);
      open = true;
      expect(await vigil.flush(10_000)).toBe(true);
      const stats = await vigil.close();
      expect(stats).toMatchObject({ delivered: 10, dropped: 15, queued: 0 });
      expect(problems.filter((p) => p.kind === 'dropped').reduce((n, p) => n + p.count, 0)).toBe(15);
      for (const id of ids.slice(15)) expect(await status(id)).toBe(200);
      for (const id of ids.slice(0, 15)) expect(await status(id)).toBe(404);
    } finally {
      await gate.close();
    }
  });

  it('in OpenTelemetry mode, sends through the service own LoggerProvider and OTLP exporter', async () => {
    const provider = new LoggerProvider({ processors: [new SimpleLogRecordProcessor({ exporter: new OTLPLogExporter({ url: `${server.url}/v1/logs`, headers: { Authorization: `Bearer ${ADMIN_KEY}` } }) })] });
    const vigil = new Vigil({ openTelemetry: { logger: provider.getLogger('churn-service') } });
    const id = vigil.logPrediction({ model: 'churn', version: '4', timestamp: Date.parse('2026-11-23T10:00:00Z'), features: { tenure_months: 30, plan: null }, prediction: 1, scores: { '1': 0.7, '0': 0.3 }, latencyMs: 3 });
    vigil.logFeedback({ model: 'churn', predictionId: id, label: 1 });
    provider.getLogger('other').emit({ severityNumber: SeverityNumber.INFO, body: 'an ordinary log line' });
    await provider.forceFlush();
    await provider.shutdown();
    expect(await stored(id)).toMatchObject({ id, version: '4', timestamp: '2026-11-23T10:00:00.000Z', features: { tenure_months: 30, plan: null }, prediction: 1, scores: { '0': 0.3, '1': 0.7 }, latencyMs: 3, source: 'otlp', label: 1 });
  });
});
