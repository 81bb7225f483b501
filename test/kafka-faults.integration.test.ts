import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import { apiClient, overHttp } from './support/http';
import { startKafkaBroker, type KafkaBroker } from './support/kafkaBroker';
import { storedIds, waitFor } from './support/kafkaIngest';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * Kafka ingest under faults: the consumer killed (-9) after storing but before committing, and
 * the broker restarted mid-stream. Every message ends up stored exactly once. Also
 * INGEST_MODE=kafka: HTTP ingest answers once Kafka has the items, and the consumer stores them.
 */
const ADMIN_KEY = 'kafka-faults-admin-key-0123456789';
let broker: KafkaBroker;
let producer: Producer;
const servers: RunningServer[] = [];
const dirs: { remove(): void }[] = [];

beforeAll(async () => {
  broker = await startKafkaBroker();
  producer = broker.client('test-producer').producer({ retry: { retries: 20, initialRetryTime: 200, maxRetryTime: 2_000 } });
  await producer.connect();
}, 180_000);

afterAll(async () => {
  await producer?.disconnect().catch(() => undefined);
  for (const server of servers) {
    if (process.env.VIGIL_TEST_DEBUG) console.error(server.output.join('\n'));
    await server.stop('SIGKILL');
  }
  await broker?.stop();
  for (const dir of dirs) dir.remove();
});

async function vigil(dataDir: string, env: Record<string, string>): Promise<RunningServer> {
  const server = await startServer({ dataDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, KAFKA_BROKERS: broker.bootstrap, VIGIL_DETECTORS: 'off', ...env } });
  servers.push(server);
  return server;
}

async function withModel(topic: string, env: Record<string, string> = {}): Promise<{ dir: string; server: RunningServer }> {
  const data = tempDataDir();
  dirs.push(data);
  await broker.createTopic(topic, 3);
  const server = await vigil(data.dir, { KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `vigil-${topic}`, ...env });
  const created = await apiClient(overHttp(server.url), ADMIN_KEY).post('/v1/models', { name: 'm', task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
  expect(created.status).toBe(201);
  return { dir: data.dir, server };
}

const message = (ids: string[]) => ({ value: JSON.stringify({ predictions: ids.map((id, i) => ({ model: 'm', id, features: { x: i }, prediction: i })) }) });
const metric = (text: string, name: string) => [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+)`, 'gm'))].reduce((sum, m) => sum + Number(m[1]), 0);

describe('Kafka ingest under faults', () => {
  it('re-reads after a kill -9 between insert and commit and stores nothing twice', async () => {
    const topic = 'faults.kill';
    // Commits only on stop: whatever was stored before the kill is re-delivered after it.
    const started = await withModel(topic, { KAFKA_COMMIT_INTERVAL_MS: '3600000' });
    const dir = started.dir;
    let server = started.server;
    const sent: string[] = [];
    for (let b = 0; b < 40; b++) {
      const ids = Array.from({ length: 50 }, (_, i) => `b${b}-${i}`);
      await producer.send({ topic, acks: -1, messages: [message(ids)] });
      sent.push(...ids);
    }
    await waitFor('every prediction stored', () => storedIds(server.url, ADMIN_KEY, 'm'), (ids) => ids.length >= sent.length);
    await server.stop('SIGKILL');

    // Mid-stream too: kill while the next messages are being consumed.
    server = await vigil(dir, { KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `vigil-${topic}`, KAFKA_COMMIT_INTERVAL_MS: '3600000' });
    const more = Array.from({ length: 40 }, (_, b) => Array.from({ length: 50 }, (_, i) => `c${b}-${i}`));
    await producer.send({ topic, acks: -1, messages: more.map(message) });
    sent.push(...more.flat());
    await waitFor('some of the next messages stored', () => storedIds(server.url, ADMIN_KEY, 'm'), (ids) => ids.some((id) => id.startsWith('c')), 60_000);
    await server.stop('SIGKILL');

    server = await vigil(dir, { KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `vigil-${topic}` });
    const metrics = await waitFor(
      'the uncommitted messages re-read',
      async () => (await fetch(`${server.url}/metrics`)).text(),
      (text) => metric(text, 'vigil_kafka_messages_consumed_total') >= 80,
      60_000,
    );
    expect(metric(metrics, 'vigil_ingest_duplicates_total')).toBeGreaterThan(0);
    const stored = await storedIds(server.url, ADMIN_KEY, 'm');
    expect(stored.length).toBe(new Set(stored).size);
    expect(new Set(stored)).toEqual(new Set(sent));
  }, 240_000);

  it('loses and doubles nothing when the broker restarts mid-stream', async () => {
    const topic = 'faults.broker';
    const { server } = await withModel(topic);
    const acknowledged: string[] = [];
    let stop = false;
    const stream = (async () => {
      for (let b = 0; !stop; b++) {
        const ids = Array.from({ length: 20 }, (_, i) => `r${b}-${i}`);
        try {
          await producer.send({ topic, acks: -1, messages: [message(ids)] });
          acknowledged.push(...ids);
        } catch {
          // not acknowledged: the sender would retry; nothing to expect of these ids
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    await waitFor('the stream flowing', async () => acknowledged.length, (n) => n >= 400);
    await broker.stopProcess('SIGTERM');
    await broker.startProcess();
    const resumedAt = acknowledged.length;
    await waitFor('the stream flowing again', async () => acknowledged.length, (n) => n >= resumedAt + 400, 90_000);
    stop = true;
    await stream;

    const stored = await waitFor('every acknowledged prediction stored', () => storedIds(server.url, ADMIN_KEY, 'm'), (ids) => ids.length >= acknowledged.length, 90_000);
    expect(stored.length).toBe(new Set(stored).size);
    expect(acknowledged.filter((id) => !stored.includes(id))).toEqual([]);
    const ready = await waitFor('readiness after the restart', async () => (await fetch(`${server.url}/readyz`)).status, (s) => s === 200);
    expect(ready).toBe(200);
  }, 240_000);

  it('INGEST_MODE=kafka: HTTP ingest answers once Kafka has the items, and the consumer stores them', async () => {
    const { server } = await withModel('faults.publish', { INGEST_MODE: 'kafka' });
    const api = apiClient(overHttp(server.url), ADMIN_KEY);
    const answer = await api.post('/v1/predictions', { predictions: [{ model: 'm', id: 'via-kafka', features: { x: 1 }, prediction: 2 }, { model: 'm', features: { x: 2 }, prediction: 3 }] });
    expect(answer.status).toBe(200);
    expect(answer.body.accepted).toBe(2);
    expect(answer.body.ids[0]).toBe('via-kafka');
    const bad = await api.post('/v1/predictions', { predictions: [{ model: 'm', features: { x: 1 } }] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('predictions[0].prediction');

    const stored = await waitFor('the published predictions', () => storedIds(server.url, ADMIN_KEY, 'm'), (ids) => ids.length === 2);
    expect(new Set(stored)).toEqual(new Set(answer.body.ids));
    expect((await api.get('/v1/models/m/predictions/via-kafka')).body.source).toBe('api');
  }, 120_000);
});
