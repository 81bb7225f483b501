import { randomUUID } from 'node:crypto';
import type { Message, Producer } from 'kafkajs';
import type { ZodType } from 'zod';
import { formatPath } from '../paths';
import { FeedbackInputSchema, PredictionInputSchema } from '../schemas';
import type { IncomingItem, Rejection } from '../validation';
import { API_KEY_HASH_HEADER, SOURCE_HEADER } from './message';
import type { KafkaMetrics } from './metrics';

/** Items of one request, already given their ids, as Vigil publishes them. */
export interface PublishedItems {
  predictions: IncomingItem[];
  feedback: IncomingItem[];
}

/** An item larger than a Kafka message may be. */
export class ItemTooLargeError extends Error {
  constructor(
    readonly path: string,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`${path} is ${bytes} bytes as JSON; a Kafka message holds at most ${limit}`);
    this.name = 'ItemTooLargeError';
  }
}

/**
 * The checks that need no model (shapes, types of fields), so that INGEST_MODE=kafka answers
 * 400 for what is plainly wrong without reading ClickHouse. Checks against the model's schema
 * happen in the consumer; items failing those go to the dead-letter topic.
 */
export function structuralRejections(items: IncomingItem[], kind: 'prediction' | 'feedback'): Rejection[] {
  const schema: ZodType = kind === 'prediction' ? PredictionInputSchema : FeedbackInputSchema;
  const rejections: Rejection[] = [];
  for (const item of items) {
    const parsed = schema.safeParse(item.value);
    if (parsed.success) continue;
    for (const issue of parsed.error.issues) {
      const tail = formatPath(issue.path);
      rejections.push({ path: tail === '' ? item.path : tail.startsWith('[') ? `${item.path}${tail}` : `${item.path}.${tail}`, message: issue.message, reason: 'invalid_item' });
    }
  }
  return rejections;
}

/** Predictions without an id get a random one now, so the answer can name it and re-delivery keeps it. */
export function withIds(items: IncomingItem[]): { items: IncomingItem[]; ids: string[] } {
  const ids: string[] = [];
  const withId = items.map((item) => {
    const value = item.value as Record<string, unknown>;
    if (typeof value.id === 'string') {
      ids.push(value.id);
      return item;
    }
    const id = randomUUID();
    ids.push(id);
    return { path: item.path, value: { ...value, id } };
  });
  return { items: withId, ids };
}

/** Bytes of a message around its items: `{"predictions":[`, `],"feedback":[`, `]}`. */
const ENVELOPE_BYTES = 64;

/**
 * INGEST_MODE=kafka: HTTP and OTLP ingest publish to the telemetry topic and answer once
 * Kafka acknowledges (acks=all). Each request becomes JSON messages (`{"predictions": [...],
 * "feedback": [...]}`) of at most `maxMessageBytes`, carrying the SHA-256 of the caller's key
 * (never the key) and the receiver, for the consumer to pick the project and record the source.
 */
export class KafkaPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly settings: { topic: string; maxMessageBytes: number },
    private readonly metrics: KafkaMetrics,
  ) {}

  /** Resolves once every message of the request is acknowledged by all in-sync replicas. */
  async publish(keyHash: string, source: 'api' | 'otlp', items: PublishedItems): Promise<void> {
    const messages: Message[] = [];
    let current: { predictions: string[]; feedback: string[] } = { predictions: [], feedback: [] };
    let bytes = ENVELOPE_BYTES;
    const headers = { [API_KEY_HASH_HEADER]: keyHash, [SOURCE_HEADER]: source };
    const flush = () => {
      if (current.predictions.length + current.feedback.length === 0) return;
      const parts = [current.predictions.length > 0 ? `"predictions":[${current.predictions.join(',')}]` : '', current.feedback.length > 0 ? `"feedback":[${current.feedback.join(',')}]` : ''].filter(Boolean);
      messages.push({ value: `{${parts.join(',')}}`, headers });
      current = { predictions: [], feedback: [] };
      bytes = ENVELOPE_BYTES;
    };
    for (const kind of ['predictions', 'feedback'] as const) {
      for (const item of items[kind]) {
        const json = JSON.stringify(item.value);
        const size = Buffer.byteLength(json) + 1;
        if (size + ENVELOPE_BYTES > this.settings.maxMessageBytes) throw new ItemTooLargeError(item.path, size, this.settings.maxMessageBytes);
        if (bytes + size > this.settings.maxMessageBytes) flush();
        current[kind].push(json);
        bytes += size;
      }
    }
    flush();
    if (messages.length === 0) return;
    await this.producer.send({ topic: this.settings.topic, acks: -1, messages });
    this.metrics.published.inc({ topic: this.settings.topic }, messages.length);
  }
}
