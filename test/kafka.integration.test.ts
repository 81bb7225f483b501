import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import { emitWithSdk, protobufBody } from '../ingest/otlp/testing/sdkLogs';
import { apiClient, overHttp } from './support/http';
import { startKafkaBroker, type KafkaBroker } from './support/kafkaBroker';
import { storedIds, waitFor } from './support/kafkaIngest';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * Telemetry through a real Kafka broker: a Vigil process consumes `vigil.predictions`, stores
 * JSON and OTLP protobuf messages, dead-letters what it cannot take and keeps going.
 */
const ADMIN_KEY = 'kafka-test-admin-key-0123456789';
const TOPIC = 'vigil.predictions';
let broker: KafkaBroker;
let server: RunningServer | undefined;
let producer: Producer;
const data = tempDataDir();

beforeAll(async () => {
  broker = await startKafkaBroker();
  await broker.createTopic(TOPIC, 3);
  producer = broker.client('test-producer').producer();
  await producer.connect();
  server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, KAFKA_BROKERS: broker.bootstrap, KAFKA_COMMIT_INTERVAL_MS: '0', VIGIL_DETECTORS: 'off' } });
  const api = apiClient(overHttp(server.url), ADMIN_KEY);
  const created = await api.post('/v1/models', { name: 'churn', task: 'binary_classification', features: [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }] });
  expect(created.status).toBe(201);
}, 180_000);

afterAll(async () => {
  await producer?.disconnect();
  await server?.stop('SIGKILL');
  await broker?.stop();
  data.remove();
});

const send = (value: string | Buffer, headers: Record<string, string> = {}) => producer.send({ topic: TOPIC, acks: -1, messages: [{ value, headers }] });

describe('Kafka ingest', () => {
  it('stores a /v1/predictions body and a single prediction, and says so in /readyz', async () => {
    await send(JSON.stringify({ predictions: [{ model: 'churn', id: 'json-1', features: { age: 41, plan: 'pro' }, prediction: 1 }, { model: 'churn', id: 'json-2', features: { age: 30, plan: 'free' }, prediction: 0 }] }));
    await send(JSON.stringify({ model: 'churn', id: 'json-3', features: { age: 52, plan: 'pro' }, prediction: 1 }), { 'vigil-api-key': ADMIN_KEY });
    const ids = await waitFor('the JSON predictions', () => storedIds(server!.url, ADMIN_KEY, 'churn'), (ids) => ['json-1', 'json-2', 'json-3'].every((id) => ids.includes(id)));
    expect(ids.filter((id) => id.startsWith('json-')).sort()).toEqual(['json-1', 'json-2', 'json-3']);

    const one = await apiClient(overHttp(server!.url), ADMIN_KEY).get('/v1/models/churn/predictions/json-3');
    expect(one.body).toMatchObject({ features: { age: 52, plan: 'pro' }, source: 'kafka' });
    const ready = await fetch(`${server!.url}/readyz`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { storage: 'ok', storage_writes: 'ok', kafka: 'ok' } });
  });

  it('stores OTLP protobuf as the Collector exports it, predictions and labels', async () => {
    const records = await emitWithSdk([
      { eventName: 'ml.prediction', attributes: { 'ml.model.name': 'churn', 'ml.prediction.id': 'otlp-1', 'ml.features': { age: 33, plan: 'free' }, 'ml.prediction.value': 0 } },
      { eventName: 'ml.feedback', attributes: { 'ml.model.name': 'churn', 'ml.prediction.id': 'otlp-1', 'ml.label': 1 } },
    ]);
    await send(Buffer.from(protobufBody(records)));
    const api = apiClient(overHttp(server!.url), ADMIN_KEY);
    const stored = await waitFor('the OTLP prediction and its label', () => api.get('/v1/models/churn/predictions/otlp-1'), (r) => r.status === 200 && r.body.label !== null);
    expect(stored.body).toMatchObject({ id: 'otlp-1', features: { age: 33, plan: 'free' }, label: 1 });
  });

  it('dead-letters a poison message with its reason and stores the next one', async () => {
    await send('{"predictions": [oops');
    await send(JSON.stringify({ model: 'churn', id: 'bad-type', features: { age: 'old', plan: 'pro' }, prediction: 1 }));
    await send(JSON.stringify({ model: 'churn', id: 'wrong-key', features: { age: 1, plan: 'pro' }, prediction: 1 }), { 'vigil-api-key': 'vgl_not-a-key' });
    await send(JSON.stringify({ model: 'churn', id: 'after-poison', features: { age: 20, plan: 'free' }, prediction: 0 }));

    const ids = await waitFor('the message after the poison', () => storedIds(server!.url, ADMIN_KEY, 'churn'), (ids) => ids.includes('after-poison'));
    expect(ids).not.toContain('bad-type');
    expect(ids).not.toContain('wrong-key');
    const letters = await broker.readMessages(`${TOPIC}.dlq`, 3);
    const reasons = letters.map((m) => ({ value: m.value?.toString(), reason: m.headers?.['vigil-dlq-reason']?.toString(), origin: m.headers?.['vigil-dlq-origin']?.toString() }));
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ value: '{"predictions": [oops', reason: expect.stringContaining('not JSON') }),
        expect.objectContaining({ reason: expect.stringMatching(/^invalid items: prediction\.features\.age: expected a number/) }),
        expect.objectContaining({ reason: 'unknown or revoked API key in the message header' }),
      ]),
    );
    expect(reasons.every((r) => /^vigil\.predictions\/\d+\/\d+$/.test(r.origin ?? ''))).toBe(true);

    const metrics = await (await fetch(`${server!.url}/metrics`)).text();
    expect(metrics).toMatch(/vigil_kafka_messages_dead_lettered_total\{topic="vigil.predictions",reason="undecodable"\} 1/);
    expect(metrics).toMatch(/vigil_kafka_messages_dead_lettered_total\{topic="vigil.predictions",reason="invalid"\} 1/);
    expect(metrics).toMatch(/vigil_kafka_messages_dead_lettered_total\{topic="vigil.predictions",reason="unauthorized"\} 1/);
    expect(metrics).toMatch(/vigil_kafka_messages_consumed_total\{topic="vigil.predictions",partition="\d"\} \d+/);
    expect(metrics).toMatch(/vigil_kafka_consumer_lag\{topic="vigil.predictions",partition="\d"\} 0/);
  });

  it('stops on SIGTERM after committing: a restart re-reads nothing', async () => {
    expect(await server!.stop('SIGTERM')).toBe(0);
    server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, KAFKA_BROKERS: broker.bootstrap, VIGIL_DETECTORS: 'off' } });
    await send(JSON.stringify({ model: 'churn', id: 'after-restart', features: { age: 20, plan: 'free' }, prediction: 0 }));
    await waitFor('the message after the restart', () => storedIds(server!.url, ADMIN_KEY, 'churn'), (ids) => ids.includes('after-restart'));
    const metrics = await (await fetch(`${server!.url}/metrics`)).text();
    const consumed = [...metrics.matchAll(/vigil_kafka_messages_consumed_total\{[^}]*\} (\d+)/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    const duplicates = /vigil_ingest_duplicates_total\{kind="prediction"\} (\d+)/.exec(metrics)?.[1];
    expect(consumed).toBe(1);
    expect(duplicates ?? '0').toBe('0');
  });
});
