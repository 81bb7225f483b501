import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, tempDataDir, type RunningServer } from './support/server';

const ADMIN_KEY = 'operations-test-admin-key-0123';

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function vigil(env: Record<string, string> = {}): Promise<RunningServer> {
  const data = tempDataDir();
  const server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, ...env } });
  cleanups.push(async () => {
    await server.stop('SIGKILL');
    data.remove();
  });
  return server;
}

describe('tracing', () => {
  it('exports spans of its requests to the OTLP endpoint when one is configured', async () => {
    const received: { path: string; body: Buffer }[] = [];
    const collector = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body: Buffer.concat(chunks) });
        res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => collector.close(() => resolve())));
    const endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;

    const server = await vigil({ OTEL_EXPORTER_OTLP_ENDPOINT: endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' });
    const response = await fetch(new URL('/v1/models', server.url), { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    expect(response.status).toBe(200);

    const hasSpan = (name: string) => received.some((r) => r.path === '/v1/traces' && r.body.includes(name));
    await until(() => hasSpan('GET /v1/models') && hasSpan('clickhouse models.list'), 10_000, 'the request and its query spans at the collector');
    expect(received.every((r) => !r.body.includes(ADMIN_KEY))).toBe(true);
  }, 60_000);
});

describe('graceful shutdown', () => {
  it('on SIGTERM stops accepting, finishes the request in flight, closes storage and exits 0', async () => {
    const server = await vigil({ LOG_LEVEL: 'debug' });
    const body = JSON.stringify({ name: 'in-flight', task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
    let sendRest!: () => void;
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(body.slice(0, 10)));
        sendRest = () => {
          controller.enqueue(new TextEncoder().encode(body.slice(10)));
          controller.close();
        };
      },
    });
    const inFlight = fetch(new URL('/v1/models', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await until(() => server.output.some((line) => line.includes('"msg":"request received"') && line.includes('"method":"POST"')), 10_000, 'the request to reach the server');
    const exit = server.stop('SIGTERM');
    await until(() => server.output.some((line) => line.includes('shutting down')), 10_000, 'the shutdown to begin');

    await expect(fetch(new URL('/healthz', server.url))).rejects.toThrow();

    sendRest();
    const response = await inFlight;
    expect(response.status).toBe(201);
    expect(await exit).toBe(0);
    expect(server.output.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  }, 60_000);
});
