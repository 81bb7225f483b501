import { backOff } from 'exponential-backoff';
import { Partitioners, type Admin, type Batch, type Consumer, type EachBatchPayload, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { isStorageUnavailable } from '../../store/errors';
import type { IngestPipeline } from '../pipeline';
import { QueueFullError, WriterClosedError } from '../writer';
import { DeadLetterTopic, type DeadLetter } from './deadLetter';
import { API_KEY_HASH_HEADER, API_KEY_HEADER, decodeMessage, headerText, refusalReason, sourceOf, type DecodeOutcome, type MessageOrigin } from './message';
import type { KafkaMetrics } from './metrics';

/** What a message's headers say about its sender: an ingest key, or its SHA-256 (Vigil's own publisher). */
export type IngestCredential = { key: string } | { keyHash: string };
export type ProjectResolution = { ok: true; project: string } | { ok: false; reason: string };

export interface KafkaConsumerSettings {
  topic: string;
  groupId: string;
  deadLetterTopic: string;
  /** The project of messages without a key header. */
  defaultProject: string;
  /** Stored offsets are committed at most this often (0: after every stored chunk); stop and rebalance commit too. */
  commitIntervalMs: number;
  partitionsConsumedConcurrently: number;
  /** Items of one partition handed to the pipeline at once (bounded by the writer's queue). */
  maxItemsInFlight: number;
}

export interface KafkaConsumerDeps {
  kafka: Kafka;
  ingest: Pick<IngestPipeline, 'mixed'>;
  resolveProject(credential: IngestCredential): Promise<ProjectResolution>;
  metrics: KafkaMetrics;
  logger: Logger;
  now?: () => number;
}

/** A message of a chunk, decoded once, handled until it is stored or dead-lettered. */
interface Pending {
  message: KafkaMessage;
  origin: MessageOrigin;
  decoded: DecodeOutcome;
  /** Unexpected failures so far; a message failing this way too often is dead-lettered. */
  failures: number;
}

/** Unexpected errors (not storage, not back-pressure) tolerated per message before it is dead-lettered. */
const MAX_UNEXPECTED_FAILURES = 5;
/** How long a key's project is trusted before it is looked up again (as for HTTP keys). */
const PROJECT_CACHE_TTL_MS = 10_000;

/** Failures that pass: storage down or busy, ingest saturated. Retried without limit, nothing committed. */
function isTransient(error: unknown): boolean {
  return error instanceof QueueFullError || isStorageUnavailable(error);
}

class StoppedError extends Error {}

/**
 * Kafka ingest: a consumer group on the telemetry topic. Each fetched batch is decoded and
 * validated per message through the same pipeline as HTTP ingest; refused messages go to the
 * dead-letter topic (acknowledged before anything is committed); offsets are resolved and
 * committed only once their messages are stored. Re-delivery after a crash, a rebalance or a
 * broker restart stores nothing twice: the pipeline drops prediction ids already stored, and
 * predictions without an id get one from their place in the log.
 */
export class KafkaIngestConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly admin: Admin;
  private readonly deadLetters: DeadLetterTopic;
  private readonly projects = new Map<string, { resolution: ProjectResolution; expiresAt: number }>();
  private readonly now: () => number;
  /** The commit interval counts from the start: a first chunk is not committed at once. */
  private lastCommitAt: number;
  private crashed = false;

  constructor(
    private readonly settings: KafkaConsumerSettings,
    private readonly deps: KafkaConsumerDeps,
  ) {
    this.now = deps.now ?? Date.now;
    this.lastCommitAt = this.now();
    this.consumer = deps.kafka.consumer({ groupId: settings.groupId, maxWaitTimeInMs: 500, maxBytesPerPartition: 16 * 1024 * 1024, sessionTimeout: 30_000, heartbeatInterval: 3_000 });
    this.producer = deps.kafka.producer({ allowAutoTopicCreation: true, createPartitioner: Partitioners.DefaultPartitioner });
    this.admin = deps.kafka.admin();
    this.deadLetters = new DeadLetterTopic(this.producer, settings.deadLetterTopic);
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => deps.logger.info({ topic: settings.topic, groupId: payload.groupId, assigned: payload.memberAssignment }, 'kafka consumer joined its group'));
    this.consumer.on(this.consumer.events.CRASH, ({ payload }) => {
      // kafkajs restarts the consumer after retriable failures (a broker restart); otherwise ingest from Kafka has stopped.
      this.crashed = !payload.restart;
      deps.logger[payload.restart ? 'warn' : 'fatal']({ err: payload.error, restart: payload.restart }, 'kafka consumer crashed');
    });
  }

  /** Connects, makes sure both topics exist, joins the group and starts consuming. */
  async start(): Promise<void> {
    const { topic, deadLetterTopic } = this.settings;
    await this.admin.connect();
    try {
      await this.admin.createTopics({ topics: [{ topic }, { topic: deadLetterTopic }], waitForLeaders: true });
    } catch (error) {
      // Clusters that forbid topic creation to Vigil have them made by their operators.
      this.deps.logger.warn({ err: error, topic, deadLetterTopic }, 'could not create the Kafka topics; assuming they exist');
    }
    await this.producer.connect();
    await this.consumer.connect();
    // A new group starts at the beginning: nothing produced before Vigil's first start is skipped.
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.settings.partitionsConsumedConcurrently,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    this.deps.logger.info({ topic, groupId: this.settings.groupId, deadLetterTopic }, 'consuming telemetry from Kafka');
  }

  /**
   * Stops fetching, lets the chunk in flight be stored and its offsets committed, then leaves
   * the group (its partitions move to the other consumers) and disconnects.
   */
  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  /** False once the consumer has crashed for good (kafkajs restarts it after retriable failures). */
  get healthy(): boolean {
    return !this.crashed;
  }

  private async eachBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, uncommittedOffsets, isRunning, isStale }: EachBatchPayload): Promise<void> {
    const commit = async (force: boolean) => {
      if (!force && this.now() - this.lastCommitAt < this.settings.commitIntervalMs) return;
      const offsets = uncommittedOffsets();
      if (offsets.topics.length === 0) return;
      await commitOffsetsIfNecessary(offsets);
      this.lastCommitAt = this.now();
      this.deps.metrics.commits.inc({ topic: batch.topic });
    };
    const { messages } = batch;
    let next = 0;
    while (next < messages.length && isRunning() && !isStale()) {
      const chunk: Pending[] = [];
      let items = 0;
      while (next < messages.length && (chunk.length === 0 || items < this.settings.maxItemsInFlight)) {
        const message = messages[next++];
        if (message === undefined) break;
        const origin = { topic: batch.topic, partition: batch.partition, offset: message.offset };
        const decoded = decodeMessage(message.value, origin);
        items += decoded.ok ? decoded.predictions.length + decoded.feedback.length : 0;
        chunk.push({ message, origin, decoded, failures: 0 });
      }
      const done = await this.storeChunk(chunk, batch, { heartbeat, isRunning, isStale });
      const last = chunk.at(-1);
      if (!done || last === undefined) break;
      resolveOffset(last.message.offset);
      this.deps.metrics.consumed.inc({ topic: batch.topic, partition: String(batch.partition) }, chunk.length);
      this.deps.metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(batch.highWatermark) - Number(last.message.offset) - 1));
      await commit(false);
      await heartbeat();
    }
    // Stopping (SIGTERM) or handing the partition over: what is stored is committed now.
    await commit(!isRunning() || isStale());
  }

  /**
   * Stores or dead-letters every message of a chunk. Storage outages and back-pressure are
   * retried with back-off for as long as the consumer runs (heartbeating, so the group keeps
   * the partition); nothing is skipped. False when the consumer stopped first.
   */
  private async storeChunk(chunk: Pending[], batch: Batch, control: { heartbeat(): Promise<void>; isRunning(): boolean; isStale(): boolean }): Promise<boolean> {
    let pending = chunk;
    try {
      await backOff(
        async () => {
          const outcomes = await Promise.allSettled(pending.map((p) => this.handle(p)));
          const letters: DeadLetter[] = [];
          const failed: Pending[] = [];
          let firstError: unknown;
          pending.forEach((entry, i) => {
            const outcome = outcomes[i];
            if (outcome === undefined) return;
            if (outcome.status === 'fulfilled') {
              if (outcome.value !== 'stored') letters.push(outcome.value);
              return;
            }
            if (outcome.reason instanceof WriterClosedError) throw new StoppedError('ingest is closing');
            if (!isTransient(outcome.reason) && ++entry.failures >= MAX_UNEXPECTED_FAILURES) {
              this.deps.logger.error({ err: outcome.reason, origin: entry.origin }, 'kafka message failed repeatedly; dead-lettering it');
              letters.push({ message: entry.message, origin: entry.origin, category: 'failed', reason: `ingest failed ${entry.failures} times: ${(outcome.reason as Error).message}` });
              return;
            }
            firstError ??= outcome.reason;
            failed.push(entry);
          });
          await this.deadLetters.send(letters);
          for (const letter of letters) {
            this.deps.metrics.deadLettered.inc({ topic: batch.topic, reason: letter.category });
            this.deps.logger.warn({ origin: letter.origin, reason: letter.reason }, 'kafka message dead-lettered');
          }
          pending = failed;
          if (firstError !== undefined) throw firstError;
        },
        {
          numOfAttempts: Number.MAX_SAFE_INTEGER,
          startingDelay: 200,
          maxDelay: 5_000,
          jitter: 'full',
          retry: async (error: unknown, attempt: number) => {
            if (error instanceof StoppedError || !control.isRunning() || control.isStale()) return false;
            this.deps.metrics.retries.inc({ topic: batch.topic });
            this.deps.logger[attempt === 1 ? 'warn' : 'debug']({ err: error, attempt, topic: batch.topic, partition: batch.partition, waiting: pending.length }, 'kafka batch not stored yet; retrying, nothing committed');
            await control.heartbeat();
            return true;
          },
        },
      );
      return true;
    } catch (error) {
      if (error instanceof StoppedError || !control.isRunning() || control.isStale()) return false;
      throw error;
    }
  }

  /** One message to storage, or the reason it goes to the dead-letter topic. Throws only for failures worth retrying. */
  private async handle({ message, origin, decoded }: Pending): Promise<'stored' | DeadLetter> {
    if (!decoded.ok) return { message, origin, category: 'undecodable', reason: decoded.reason };
    const project = await this.projectOf(message);
    if (!project.ok) return { message, origin, category: 'unauthorized', reason: project.reason };
    if (decoded.predictions.length + decoded.feedback.length === 0) return 'stored';
    const outcome = await this.deps.ingest.mixed(project.project, { predictions: decoded.predictions, feedback: decoded.feedback }, sourceOf(message.headers));
    if (!outcome.ok) return { message, origin, category: 'invalid', reason: refusalReason(outcome.rejections, decoded.senderPath) };
    return 'stored';
  }

  private async projectOf(message: KafkaMessage): Promise<ProjectResolution> {
    const key = headerText(message.headers, API_KEY_HEADER);
    const keyHash = headerText(message.headers, API_KEY_HASH_HEADER);
    if (key === undefined && keyHash === undefined) return { ok: true, project: this.settings.defaultProject };
    const credential: IngestCredential = key !== undefined ? { key } : { keyHash: keyHash ?? '' };
    const cacheKey = key !== undefined ? `key:${key}` : `hash:${keyHash ?? ''}`;
    const cached = this.projects.get(cacheKey);
    if (cached && cached.expiresAt > this.now()) return cached.resolution;
    const resolution = await this.deps.resolveProject(credential);
    if (this.projects.size >= 10_000) this.projects.clear();
    this.projects.set(cacheKey, { resolution, expiresAt: this.now() + PROJECT_CACHE_TTL_MS });
    return resolution;
  }
}
