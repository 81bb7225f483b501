import type { IHeaders, KafkaMessage, Producer } from 'kafkajs';
import { DLQ_ORIGIN_HEADER, DLQ_REASON_HEADER, type MessageOrigin } from './message';

/** A refused message and why. `category` is a bounded metric label; `reason` is for people. */
export interface DeadLetter {
  message: KafkaMessage;
  origin: MessageOrigin;
  category: 'undecodable' | 'unauthorized' | 'invalid' | 'failed';
  reason: string;
}

/** Header values stay readable in tools and under brokers' header limits. */
const MAX_REASON_CHARS = 2_000;

/**
 * The dead-letter topic (`<topic>.dlq`): each refused message as it was (key, value, headers,
 * so it can be replayed after a fix), plus `vigil-dlq-reason` and `vigil-dlq-origin`
 * (`topic/partition/offset`).
 */
export class DeadLetterTopic {
  constructor(
    private readonly producer: Producer,
    readonly topic: string,
  ) {}

  /** Resolves once every letter is acknowledged by all in-sync replicas. */
  async send(letters: DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map(({ message, origin, reason }) => {
        const headers: IHeaders = { ...message.headers };
        headers[DLQ_REASON_HEADER] = reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS - 1)}…` : reason;
        headers[DLQ_ORIGIN_HEADER] = `${origin.topic}/${origin.partition}/${origin.offset}`;
        return { key: message.key, value: message.value, headers, timestamp: message.timestamp };
      }),
    });
  }
}
