import { backOff } from 'exponential-backoff';
import { Partitioners } from 'kafkajs';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { IngestPipeline } from '../pipeline';
import { clusterReachable, createKafka } from './client';
import { KafkaIngestConsumer, type IngestCredential, type ProjectResolution } from './consumer';
import { createKafkaMetrics } from './metrics';
import { KafkaPublisher } from './publisher';

/** Kafka as configured (KAFKA_* variables, parsed by server/config.ts). */
export interface KafkaIngestSettings {
  brokers: string[];
  clientId: string;
  topic: string;
  deadLetterTopic: string;
  groupId: string;
  /** The project of messages without a key header. */
  project: string;
  /** Whether this instance consumes the topic (HTTP-only instances in INGEST_MODE=kafka may not). */
  consume: boolean;
  commitIntervalMs: number;
  partitionsConcurrently: number;
  /** The largest message Vigil publishes; larger requests are split (the broker's `message.max.bytes`). */
  maxMessageBytes: number;
}

export interface KafkaIngest {
  /** Readiness: the cluster answers and the consumer (if any) runs. */
  ready: () => Promise<boolean>;
  /** Present in INGEST_MODE=kafka: where HTTP and OTLP ingest publish. */
  publisher: KafkaPublisher | undefined;
  /** Connects; the consumer joins its group in the background, retrying until the cluster answers. */
  start(): Promise<void>;
  /** Stops consuming: the chunk in flight is stored and committed, then the group is left. */
  stopConsuming(): Promise<void>;
  /** Disconnects the publisher and the admin client (after HTTP has stopped). */
  close(): Promise<void>;
}

/** Kafka ingest as the server runs it: consumer, dead-letter topic, publisher, metrics. */
export function createKafkaIngest(options: {
  settings: KafkaIngestSettings;
  publish: boolean;
  ingest: IngestPipeline;
  registry: Registry;
  logger: Logger;
  maxItemsInFlight: number;
  resolveProject(credential: IngestCredential): Promise<ProjectResolution>;
}): KafkaIngest {
  const { settings, logger } = options;
  const kafka = createKafka({ brokers: settings.brokers, clientId: settings.clientId }, logger);
  const metrics = createKafkaMetrics(options.registry);
  const admin = kafka.admin();
  const producer = options.publish ? kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner }) : undefined;
  const publisher = producer === undefined ? undefined : new KafkaPublisher(producer, { topic: settings.topic, maxMessageBytes: settings.maxMessageBytes }, metrics);
  const consumer = settings.consume
    ? new KafkaIngestConsumer(
        {
          topic: settings.topic,
          groupId: settings.groupId,
          deadLetterTopic: settings.deadLetterTopic,
          defaultProject: settings.project,
          commitIntervalMs: settings.commitIntervalMs,
          partitionsConsumedConcurrently: settings.partitionsConcurrently,
          maxItemsInFlight: options.maxItemsInFlight,
        },
        { kafka, ingest: options.ingest, resolveProject: options.resolveProject, metrics, logger },
      )
    : undefined;
  let stopping = false;
  let consumerStarted: Promise<void> = Promise.resolve();

  return {
    publisher,
    ready: async () => (consumer === undefined || consumer.healthy) && (await clusterReachable(admin)),
    async start() {
      void admin.connect().catch((error: unknown) => logger.warn({ err: error }, 'kafka admin could not connect yet'));
      // Until the producer connects, publishing answers 503 (Retry-After) and readiness says so.
      if (producer !== undefined) await producer.connect().catch((error: unknown) => logger.error({ err: error }, 'kafka producer could not connect'));
      if (consumer === undefined) return;
      consumerStarted = backOff(() => consumer.start(), {
        numOfAttempts: Number.MAX_SAFE_INTEGER,
        startingDelay: 1_000,
        maxDelay: 30_000,
        retry: (error: unknown) => {
          if (stopping) return false;
          logger.warn({ err: error }, 'kafka consumer could not start; retrying');
          return true;
        },
      }).catch((error: unknown) => {
        if (!stopping) logger.error({ err: error }, 'kafka consumer gave up starting');
      });
    },
    async stopConsuming() {
      stopping = true;
      await consumerStarted;
      await consumer?.stop();
    },
    async close() {
      await producer?.disconnect();
      await admin.disconnect();
    },
  };
}
