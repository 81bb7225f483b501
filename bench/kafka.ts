import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from 'kafkajs';
import { startKafkaBroker } from '../test/support/kafkaBroker';
import { startServer } from '../test/support/server';
import { runAsScript } from './script';
import { BENCH_FEATURES, figureFromRuns, predictionBodies, printResult, type BenchResult } from './support';

/**
 * Ingest through Kafka: `/v1/predictions` bodies of 20-feature predictions produced to the
 * telemetry topic of a real broker (KRaft, loopback), consumed by a Vigil server process into
 * embedded ClickHouse; timed from the first produce until Vigil has stored every message.
 * Reference, in the same run: the broker's own produce rate for the same messages (acks=all),
 * the ceiling of any consumer behind it.
 */
export interface KafkaBenchOptions {
  messagesPerRun: number;
  batch: number;
  runs: number;
  partitions: number;
}

const FEATURES = BENCH_FEATURES;
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';
const TOPIC = 'vigil.predictions';

function messages(count: number, batch: number, seed: number, runTag: string): Message[] {
  return predictionBodies(count, batch, seed, runTag).map((value) => ({ value }));
}

/** Messages consumed so far, read from /metrics. */
async function consumed(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return [...text.matchAll(/^vigil_kafka_messages_consumed_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

export async function benchKafka(options: KafkaBenchOptions): Promise<BenchResult[]> {
  const broker = await startKafkaBroker();
  const serverDir = mkdtempSync(join(tmpdir(), 'vigil-bench-kafka-'));
  const rates: number[] = [];
  const referenceRates: number[] = [];
  try {
    await broker.createTopic(TOPIC, options.partitions);
    await broker.createTopic('bench.reference', options.partitions);
    const producer = broker.client('bench-producer').producer();
    await producer.connect();
    const server = await startServer({ dataDir: serverDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, KAFKA_BROKERS: broker.bootstrap, VIGIL_DETECTORS: 'off' } });
    try {
      const created = await fetch(`${server.url}/v1/models`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'bench', task: 'regression', features: FEATURES.map((name) => ({ name, type: 'numeric' })) }),
      });
      if (created.status !== 201) throw new Error(`could not create the bench model: ${created.status}`);
      const send = async (topic: string, all: Message[]) => {
        // One message per request (a 1,000-prediction message is about 0.5 MB; the broker takes
        // at most 1 MB per batch), eight requests in flight: how a busy producer sends.
        let next = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            for (let i = next++; i < all.length; i = next++) await producer.send({ topic, acks: -1, messages: [all[i] as Message] });
          }),
        );
      };
      let expected = 0;
      // Warm-up of both topics, not measured.
      await send('bench.reference', messages(Math.max(2, options.partitions), options.batch, 1, 'refwarm'));
      await send(TOPIC, messages(Math.max(2, options.partitions), options.batch, 1, 'warm'));
      expected += Math.max(2, options.partitions);
      for (let run = 0; run < options.runs; run++) {
        const batch = messages(options.messagesPerRun, options.batch, 100 + run, `run${run}`);
        const referenceBatch = messages(options.messagesPerRun, options.batch, 100 + run, `ref${run}`);
        let started = performance.now();
        await send('bench.reference', referenceBatch);
        referenceRates.push((options.messagesPerRun * options.batch) / ((performance.now() - started) / 1000));

        while ((await consumed(server.url)) < expected) await new Promise((resolve) => setTimeout(resolve, 20));
        started = performance.now();
        expected += options.messagesPerRun;
        await send(TOPIC, batch);
        const deadline = Date.now() + 300_000;
        while ((await consumed(server.url)) < expected) {
          if (Date.now() > deadline) throw new Error('Vigil did not consume the benchmark messages within 5 minutes');
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        rates.push((options.messagesPerRun * options.batch) / ((performance.now() - started) / 1000));
      }
      await producer.disconnect();
    } finally {
      await server.stop('SIGTERM');
    }
  } finally {
    await broker.stop();
    rmSync(serverDir, { recursive: true, force: true });
  }
  return [
    figureFromRuns(
      {
        id: 'ingest-kafka-rate',
        figure: `Kafka topic (${options.partitions} partitions) → Vigil consumer → ClickHouse, ${options.batch}-prediction JSON messages of 20 features, ${options.messagesPerRun} messages a run`,
        unit: 'predictions/s',
        referenceName: "the broker's produce rate of the same messages, acks=all",
        target: '>= 50000',
        higherIsBetter: true,
      },
      rates,
      referenceRates,
    ),
  ];
}

await runAsScript(
  import.meta.url,
  (smoke) =>
    benchKafka(smoke ? { messagesPerRun: 6, batch: 100, runs: 2, partitions: 2 } : { messagesPerRun: Number(process.env.BENCH_REQUESTS ?? 50), batch: 1000, runs: Number(process.env.BENCH_RUNS ?? 5), partitions: 4 }),
  printResult,
);
