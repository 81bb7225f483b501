import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Producer } from 'kafkajs';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { seededRandom } from '../bench/support';
import { emitWithSdk, protobufBody } from '../ingest/otlp/testing/sdkLogs';
import { openStore } from '../store/clickhouse';
import { apiClient, overHttp } from './support/http';
import { startKafkaBroker, type KafkaBroker } from './support/kafkaBroker';
import { storedIds, waitFor } from './support/kafkaIngest';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * Crash safety (DESIGN.md, Reliability: "no acknowledged prediction is ever lost: not on a
 * crash"). One Vigil process takes predictions from four clients at once: two over
 * `POST /v1/predictions`, one OTLP exporter over `POST /v1/logs` (protobuf, as the OpenTelemetry
 * SDK serialises it) and one Kafka producer. The process is killed with SIGKILL twenty times at
 * seeded-random moments and restarted on the same data directory. Clients behave as the SDKs
 * do: a batch that was not acknowledged is sent again, same ids, until it is.
 *
 * After every restart, every prediction acknowledged over HTTP so far is listed, once. At the
 * end, every prediction the broker acknowledged has been consumed too, and a count of the raw
 * rows (no FINAL, no merge to hide a second copy) finds each stored id exactly once.
 */
const ADMIN_KEY = 'hardening-crash-admin-key-0123456789';
const MODEL = 'crash';
const TOPIC = 'hardening.crash';
const KILLS = 20;
const ITEMS_PER_BATCH = 10;
const CLIENT_PAUSE_MS = 50;
/** Change it to explore other schedules; a failure message names the seed it ran with. */
const SEED = Number(process.env.VIGIL_CRASH_SEED ?? 1313);
/**
 * The first kill waits for the Kafka consumer to be storing, so that it lands between its
 * insert and its commit. Later ones do not: after a kill the group waits out the dead member's
 * session (30 s) before a new consumer gets partitions, and the restarts come faster than that;
 * the consumer then stores the backlog after the last restart, re-reading what was not committed.
 */
const KILLS_DURING_CONSUMPTION = 1;
/** The producer's pace: Kafka's backlog is listed after every restart, so it is kept modest. */
const KAFKA_PAUSE_MS = 200;

const data = tempDataDir('vigil-crash-');
let broker: KafkaBroker;
let producer: Producer;
let server: RunningServer | undefined;
const env = () => ({ VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DETECTORS: 'off', KAFKA_BROKERS: broker.bootstrap, KAFKA_TOPIC: TOPIC, KAFKA_GROUP_ID: 'vigil-crash', KAFKA_COMMIT_INTERVAL_MS: '200' });

beforeAll(async () => {
  broker = await startKafkaBroker();
  await broker.createTopic(TOPIC, 2);
  producer = broker.client('crash-producer').producer({ retry: { retries: 20, initialRetryTime: 100, maxRetryTime: 1_000 } });
  await producer.connect();
}, 180_000);

afterAll(async () => {
  running = false;
  await producer?.disconnect().catch(() => undefined);
  await server?.stop('SIGKILL');
  await broker?.stop();
  data.remove();
});

type Channel = 'http' | 'otlp' | 'kafka';

/** What the clients sent and what was acknowledged to them, per channel. */
class Ledger {
  readonly sent = new Set<string>();
  readonly acknowledged = new Map<Channel, Set<string>>([
    ['http', new Set()],
    ['otlp', new Set()],
    ['kafka', new Set()],
  ]);
  /** HTTP requests that died with the server (reset, not refused): kills really landed mid-request. */
  interrupted = 0;
  /** Answers that are neither 2xx nor a connection lost to a kill: each one is a finding. */
  readonly unexpected: string[] = [];
  /** Batches acknowledged over HTTP (JSON and OTLP), the clocks of the kill schedule. */
  acknowledgedHttpBatches = 0;

  acknowledge(channel: Channel, ids: readonly string[]): void {
    const set = this.acknowledged.get(channel)!;
    for (const id of ids) set.add(id);
    if (channel !== 'kafka') this.acknowledgedHttpBatches += 1;
  }

  all(...channels: Channel[]): string[] {
    return channels.flatMap((c) => [...this.acknowledged.get(c)!]);
  }
}

const ledger = new Ledger();
let running = true;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const started = Date.now();
const progress = (what: string) => {
  if (process.env.VIGIL_TEST_DEBUG) console.error(`${((Date.now() - started) / 1000).toFixed(1)} s: ${what}`);
};

/** Sends batches until told to stop; a batch that is not acknowledged is sent again as it was. */
async function client(name: string, channel: Channel, send: (ids: string[]) => Promise<'acknowledged' | 'retry'>, pauseMs = CLIENT_PAUSE_MS): Promise<void> {
  for (let batch = 0; running; batch++) {
    const ids = Array.from({ length: ITEMS_PER_BATCH }, (_, i) => `${name}-${batch}-${i}`);
    ids.forEach((id) => ledger.sent.add(id));
    while (running) {
      if ((await send(ids)) === 'acknowledged') {
        ledger.acknowledge(channel, ids);
        break;
      }
      await pause(20);
    }
    // A steady stream, not a flood: what matters is a kill landing mid-batch, and every stored
    // id is listed after each restart.
    await pause(pauseMs);
  }
}

/** One POST to whichever server runs now; a lost connection means the server was killed. */
async function post(path: string, body: string | Uint8Array, contentType: string): Promise<'acknowledged' | 'retry'> {
  const url = server?.url;
  if (url === undefined) return 'retry';
  let response: Response;
  try {
    response = await fetch(`${url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': contentType }, body });
    await response.arrayBuffer();
  } catch (error) {
    // Refused: the server is down or restarting. Anything else: the request was in flight.
    if ((error as { cause?: { code?: string } }).cause?.code !== 'ECONNREFUSED') ledger.interrupted += 1;
    return 'retry';
  }
  if (response.ok) return 'acknowledged';
  ledger.unexpected.push(`${path} answered ${response.status}`);
  return 'retry';
}

const predictionsBody = (ids: string[]) => JSON.stringify({ predictions: ids.map((id, i) => ({ model: MODEL, id, features: { x: i }, prediction: i })) });

/**
 * An OTLP export of these predictions as the SDK serialises it, with both timestamps left
 * unset (0, "unknown" in OTLP): each row then gets its arrival time, so a second copy of an id
 * would differ from the first in its sort key and could never be merged away before the count.
 */
async function otlpBody(ids: string[]): Promise<Uint8Array> {
  const emitted = await emitWithSdk(ids.map((id, i) => ({ eventName: 'ml.prediction', attributes: { 'ml.model.name': MODEL, 'ml.prediction.id': id, 'ml.features': { x: i }, 'ml.prediction.value': i } })));
  const untimed = emitted.map(
    (r): ReadableLogRecord => ({
      resource: r.resource,
      instrumentationScope: r.instrumentationScope,
      attributes: r.attributes,
      hrTime: [0, 0],
      hrTimeObserved: [0, 0],
      spanContext: r.spanContext,
      severityText: r.severityText,
      severityNumber: r.severityNumber,
      body: r.body,
      eventName: r.eventName,
      droppedAttributesCount: r.droppedAttributesCount,
    }),
  );
  return protobufBody(untimed);
}

function startClients(): Promise<void>[] {
  const otlpBodies = new Map<string, Uint8Array>();
  return [
    client('http-a', 'http', (ids) => post('/v1/predictions', predictionsBody(ids), 'application/json')),
    client('http-b', 'http', (ids) => post('/v1/predictions', predictionsBody(ids), 'application/json')),
    client('otlp', 'otlp', async (ids) => {
      // An exporter retries the body it serialised.
      let body = otlpBodies.get(ids[0]!);
      if (body === undefined) otlpBodies.set(ids[0]!, (body = await otlpBody(ids)));
      const outcome = await post('/v1/logs', body, 'application/x-protobuf');
      if (outcome === 'acknowledged') otlpBodies.delete(ids[0]!);
      return outcome;
    }),
    client('kafka', 'kafka', async (ids) => {
      try {
        await producer.send({ topic: TOPIC, acks: -1, messages: [{ value: predictionsBody(ids) }] });
        return 'acknowledged';
      } catch {
        return 'retry';
      }
    }, KAFKA_PAUSE_MS),
  ];
}

/** Predictions listed for the model, with the ids listed more than once. */
async function listed(url: string): Promise<{ ids: Set<string>; twice: string[] }> {
  const ids = await storedIds(url, ADMIN_KEY, MODEL);
  const seen = new Set<string>();
  const twice = ids.filter((id) => seen.has(id) || (seen.add(id), false));
  return { ids: seen, twice };
}

describe('kill -9 at random moments during concurrent ingest (HTTP, OTLP, Kafka)', () => {
  it(`keeps every acknowledged prediction, exactly once, through ${KILLS} kills (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    server = await startServer({ dataDir: data.dir, env: env() });
    const created = await apiClient(overHttp(server.url), ADMIN_KEY).post('/v1/models', { name: MODEL, task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
    expect(created.status).toBe(201);

    const clients = startClients();

    for (let kill = 0; kill < KILLS; kill++) {
      const current = server;
      if (kill < KILLS_DURING_CONSUMPTION) {
        // Kafka's group waits out the killed member's session before the new consumer gets
        // partitions; wait until this process stores from Kafka, then kill it at once.
        const before = (await listed(current.url)).ids;
        await waitFor('the Kafka consumer storing', () => listed(current.url), (now) => [...now.ids].some((id) => id.startsWith('kafka-') && !before.has(id)), 90_000);
      } else {
        const target = ledger.acknowledgedHttpBatches + 1 + Math.floor(random() * 6);
        await waitFor('acknowledged batches', async () => ledger.acknowledgedHttpBatches, (n) => n >= target, 60_000);
      }
      await pause(Math.floor(random() * 150));
      progress(`kill ${kill + 1} (${ledger.acknowledgedHttpBatches} HTTP batches acknowledged, ${ledger.interrupted} interrupted)`);
      await current.stop('SIGKILL');

      server = await startServer({ dataDir: data.dir, env: env() });
      // Everything acknowledged over HTTP before the restart is there, once.
      const acknowledged = ledger.all('http', 'otlp');
      progress('restarted');
      const after = await listed(server.url);
      progress(`${after.ids.size} listed`);
      expect(after.twice, `ids listed twice after kill ${kill + 1}`).toEqual([]);
      expect(
        acknowledged.filter((id) => !after.ids.has(id)),
        `acknowledged ids missing after kill ${kill + 1}`,
      ).toEqual([]);
    }

    running = false;
    await Promise.all(clients);
    const kafkaAcknowledged = ledger.all('kafka');
    const final = await waitFor('every prediction the broker acknowledged stored', () => listed(server!.url), (now) => kafkaAcknowledged.every((id) => now.ids.has(id)), 120_000);
    expect(final.twice).toEqual([]);
    expect(ledger.all('http', 'otlp', 'kafka').filter((id) => !final.ids.has(id))).toEqual([]);
    expect([...final.ids].filter((id) => !ledger.sent.has(id))).toEqual([]);
    expect(ledger.unexpected).toEqual([]);
    // The kills landed on requests in flight, and every channel carried a real load.
    expect(ledger.interrupted).toBeGreaterThan(0);
    for (const channel of ['http', 'otlp', 'kafka'] as const) expect(ledger.acknowledged.get(channel)!.size).toBeGreaterThan(100);

    // The rows themselves, as the detectors read them: no FINAL, nothing merged away.
    await server.stop('SIGTERM');
    server = undefined;
    const store = await openStore({ database: 'vigil', dataDir: data.dir });
    try {
      const copies = await store.query<{ id: string; n: number }>('test.copies', 'SELECT id, count() AS n FROM predictions WHERE model = {model:String} GROUP BY id HAVING n > 1', { model: MODEL });
      expect(copies).toEqual([]);
      const [rows] = await store.query<{ n: number }>('test.rows', 'SELECT count() AS n FROM predictions WHERE model = {model:String}', { model: MODEL });
      expect(Number(rows!.n)).toBe(final.ids.size);
      // And each acknowledged one can be found by id (the index a kill may have cut short is restored by the retry).
      const unindexed = await store.query<{ id: string }>(
        'test.unindexed',
        'SELECT id FROM predictions WHERE model = {model:String} AND id IN {ids:Array(String)} AND id NOT IN (SELECT id FROM prediction_ids WHERE model = {model:String})',
        { model: MODEL, ids: ledger.all('http', 'otlp', 'kafka') },
      );
      expect(unindexed).toEqual([]);
    } finally {
      await store.close();
    }
  }, 600_000);
});
