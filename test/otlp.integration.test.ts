import { SeverityNumber } from '@opentelemetry/api-logs';
import { OTLPLogExporter as OtlpHttpJsonExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OTLPLogExporter as OtlpProtoExporter } from '@opentelemetry/exporter-logs-otlp-proto';
import { CompressionAlgorithm } from '@opentelemetry/otlp-exporter-base';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor, type LogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, overHttp } from './support/http';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * Any OpenTelemetry logger can send predictions: the real JS logs SDK with its OTLP/HTTP
 * exporters (protobuf and JSON), pointed at a running Vigil.
 */
const ADMIN_KEY = 'otlp-test-admin-key-0123456789';
const data = tempDataDir();
let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY } });
  const api = apiClient(overHttp(server.url), ADMIN_KEY);
  await api.post('/v1/models', { name: 'fraud', task: 'binary_classification', features: [{ name: 'amount', type: 'numeric' }, { name: 'country', type: 'categorical' }] });
}, 90_000);
afterAll(async () => {
  await server.stop();
  data.remove();
});

/** Emits records through a LoggerProvider whose exporter sends them to Vigil, and flushes. */
async function emit(exporter: LogRecordExporter, records: { eventName: string; attributes: Record<string, unknown>; timestamp?: number }[]) {
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'fraud-service', 'ml.model.name': 'fraud', 'ml.model.version': '7' }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  const logger = provider.getLogger('fraud-service');
  for (const record of records) logger.emit({ severityNumber: SeverityNumber.INFO, body: 'prediction', ...record } as never);
  await provider.forceFlush();
  await provider.shutdown();
}

const headers = { Authorization: `Bearer ${ADMIN_KEY}` };

describe('OTLP/HTTP logs', () => {
  it('stores predictions and labels sent by the protobuf exporter', async () => {
    const exporter = new OtlpProtoExporter({ url: `${server.url}/v1/logs`, headers });
    await emit(exporter, [
      { eventName: 'ml.prediction', timestamp: Date.parse('2026-11-20T08:00:00Z'), attributes: { 'ml.prediction.id': 'otlp-1', 'ml.features': { amount: 120.5, country: 'DE' }, 'ml.prediction.value': 1, 'ml.prediction.scores': { '1': 0.91, '0': 0.09 }, 'ml.latency_ms': 7 } },
      { eventName: 'ml.prediction', attributes: { 'ml.prediction.id': 'otlp-2', 'ml.features': { amount: 3, country: 'FR' }, 'ml.prediction.value': 0 } },
      { eventName: 'ml.feedback', attributes: { 'ml.prediction.id': 'otlp-1', 'ml.label': 0 } },
      { eventName: 'app.request', attributes: { route: '/score' } },
    ]);
    const api = apiClient(overHttp(server.url), ADMIN_KEY);
    const first = await api.get('/v1/models/fraud/predictions/otlp-1');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      id: 'otlp-1',
      version: '7',
      timestamp: '2026-11-20T08:00:00.000Z',
      features: { amount: 120.5, country: 'DE' },
      prediction: 1,
      scores: { '0': 0.09, '1': 0.91 },
      latencyMs: 7,
      source: 'otlp',
      label: 0,
    });
    expect((await api.get('/v1/models/fraud/predictions/otlp-2')).body).toMatchObject({ features: { amount: 3, country: 'FR' }, prediction: 0 });
    const metrics = (await api.get('/metrics')).body as string;
    expect(metrics).toMatch(/vigil_ingest_otlp_ignored_records_total [1-9]/);
    expect(metrics).toMatch(/vigil_ingest_items_total\{kind="prediction",source="otlp",model="fraud"\} 2/);
  });

  it('stores predictions sent by the JSON exporter', async () => {
    const exporter = new OtlpHttpJsonExporter({ url: `${server.url}/v1/logs`, headers });
    await emit(exporter, [{ eventName: 'ml.prediction', attributes: { 'ml.prediction.id': 'otlp-json-1', 'ml.features': { amount: 9.25, country: 'NL' }, 'ml.prediction.value': 'fraud' } }]);
    const found = await apiClient(overHttp(server.url), ADMIN_KEY).get('/v1/models/fraud/predictions/otlp-json-1');
    expect(found.body).toMatchObject({ features: { amount: 9.25, country: 'NL' }, prediction: 'fraud', source: 'otlp' });
  });

  it('refuses a record with a wrong feature type, naming the attribute, and stores nothing of the request', async () => {
    const body = JSON.stringify({
      resourceLogs: [
        {
          resource: { attributes: [{ key: 'ml.model.name', value: { stringValue: 'fraud' } }] },
          scopeLogs: [
            {
              logRecords: [
                { eventName: 'ml.prediction', attributes: [{ key: 'ml.prediction.id', value: { stringValue: 'otlp-bad-1' } }, { key: 'ml.features', value: { kvlistValue: { values: [{ key: 'amount', value: { doubleValue: 1 } }] } } }, { key: 'ml.prediction.value', value: { intValue: '1' } }] },
                { eventName: 'ml.prediction', attributes: [{ key: 'ml.prediction.id', value: { stringValue: 'otlp-bad-2' } }, { key: 'ml.features', value: { kvlistValue: { values: [{ key: 'amount', value: { stringValue: 'lots' } }] } } }, { key: 'ml.prediction.value', value: { intValue: '1' } }] },
              ],
            },
          ],
        },
      ],
    });
    const api = apiClient(overHttp(server.url), ADMIN_KEY);
    const response = await api.post('/v1/logs', body);
    expect(response.status).toBe(400);
    expect(response.body.error.details).toEqual([{ path: 'resourceLogs[0].scopeLogs[0].logRecords[1].attributes["ml.features"].amount', message: 'expected a number or null, got string "lots"' }]);
    expect((await api.get('/v1/models/fraud/predictions/otlp-bad-1')).status).toBe(404);
  });

  it('takes gzip bodies, as the OpenTelemetry exporters send by default', async () => {
    const exporter = new OtlpProtoExporter({ url: `${server.url}/v1/logs`, headers, compression: CompressionAlgorithm.GZIP });
    await emit(exporter, [{ eventName: 'ml.prediction', attributes: { 'ml.prediction.id': 'otlp-gzip-1', 'ml.features': { amount: 1.5, country: 'SE' }, 'ml.prediction.value': 0 } }]);
    const found = await apiClient(overHttp(server.url), ADMIN_KEY).get('/v1/models/fraud/predictions/otlp-gzip-1');
    expect(found.body).toMatchObject({ features: { amount: 1.5, country: 'SE' } });
    const notGzip = await fetch(`${server.url}/v1/logs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"resourceLogs": []}' });
    expect(notGzip.status).toBe(400);
    const brotli = await fetch(`${server.url}/v1/logs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json', 'content-encoding': 'br' }, body: '{}' });
    expect(brotli.status).toBe(415);
  });

  it('answers 400 for a body that is not OTLP and 415 for another content type', async () => {
    const api = apiClient(overHttp(server.url), ADMIN_KEY);
    const garbage = await fetch(`${server.url}/v1/logs`, { method: 'POST', headers: { ...headers, 'content-type': 'application/x-protobuf' }, body: new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f, 0x01]) });
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { code: string } }).error.code).toBe('invalid_request');
    expect((await api.post('/v1/logs', '{"resourceLogs": 5}')).status).toBe(400);
    expect((await api.post('/v1/logs', 'a,b', { 'content-type': 'text/csv' })).status).toBe(415);
  });
});
