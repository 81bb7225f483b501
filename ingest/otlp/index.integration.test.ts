import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { OTLPLogExporter as HttpJsonLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as ProtobufLogExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchLogRecordProcessor, LoggerProvider, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeOtlpLogs, type OtlpEncoding } from './index';

/** What an OTLP/HTTP exporter posted to /v1/logs. */
interface Received {
  contentType: string | undefined;
  body: Uint8Array;
}

/** A loopback stand-in for Vigil's /v1/logs that keeps each body it receives. */
let server: Server;
let received: Received[];
let url: string;

beforeEach(async () => {
  received = [];
  server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const body = request.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw;
      received.push({ contentType: request.headers['content-type'], body: new Uint8Array(body) });
      response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/json' }).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/logs`;
});

afterEach(async () => {
  server.close();
  await once(server, 'close');
});

const exporters: Array<[OtlpEncoding, string, () => LogRecordExporter]> = [
  ['protobuf', 'application/x-protobuf', () => new ProtobufLogExporter({ url })],
  ['json', 'application/json', () => new HttpJsonLogExporter({ url })],
];

describe.each(exporters)('what the OpenTelemetry JS %s exporter sends', (encoding, contentType, makeExporter) => {
  it('decodes into the prediction and feedback the application logged', async () => {
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'churn-api', 'ml.model.name': 'churn', 'ml.model.version': '3' }),
      // One batch, so one request whose records keep the order they were logged in.
      processors: [new BatchLogRecordProcessor({ exporter: makeExporter() })],
    });
    const logger = provider.getLogger('vigil-sdk');
    const time = Date.UTC(2026, 10, 23, 12, 0, 0, 250);

    logger.emit({
      eventName: 'ml.prediction',
      timestamp: time,
      attributes: { 'ml.prediction.id': 'req-7', 'ml.features': { tenure_months: 3, plan: 'free', region: null }, 'ml.prediction.value': 0, 'ml.latency_ms': 8 },
    });
    logger.emit({ eventName: 'ml.feedback', timestamp: time, attributes: { 'ml.prediction.id': 'req-7', 'ml.label': 1 } });
    logger.emit({ body: 'request served' });
    await provider.shutdown();

    expect(received.map((request) => request.contentType)).toEqual([contentType]);
    const result = decodeOtlpLogs(received[0]!.body, encoding);
    if (!result.ok) throw new Error(result.message);
    expect([...result.predictions, ...result.feedback].map(({ item }) => item)).toEqual([
      { model: 'churn', version: '3', id: 'req-7', timestamp: time, features: { tenure_months: 3, plan: 'free', region: null }, prediction: 0, latencyMs: 8 },
      { model: 'churn', predictionId: 'req-7', label: 1, timestamp: time },
    ]);
    expect(result.ignored).toBe(1);
  });
});
