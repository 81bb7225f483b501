import { Counter, Gauge, type Registry } from 'prom-client';

/** Kafka ingest's Prometheus metrics, registered on the server's registry. */
export function createKafkaMetrics(registry: Registry) {
  return {
    consumed: new Counter({
      name: 'vigil_kafka_messages_consumed_total',
      help: 'Kafka messages consumed and done with (stored or dead-lettered), by topic and partition',
      labelNames: ['topic', 'partition'] as const,
      registers: [registry],
    }),
    deadLettered: new Counter({
      name: 'vigil_kafka_messages_dead_lettered_total',
      help: 'Kafka messages sent to the dead-letter topic, by topic and reason (undecodable, unauthorized, invalid, failed)',
      labelNames: ['topic', 'reason'] as const,
      registers: [registry],
    }),
    lag: new Gauge({
      name: 'vigil_kafka_consumer_lag',
      help: "Messages behind the partition's high watermark after the last stored batch",
      labelNames: ['topic', 'partition'] as const,
      registers: [registry],
    }),
    retries: new Counter({
      name: 'vigil_kafka_store_retries_total',
      help: 'Batches retried because storage (or ingest) could not take them; nothing is committed meanwhile',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
    commits: new Counter({
      name: 'vigil_kafka_offset_commits_total',
      help: 'Offset commits, each after the messages it covers were stored',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
    published: new Counter({
      name: 'vigil_kafka_messages_published_total',
      help: 'Messages published to Kafka by HTTP and OTLP ingest (INGEST_MODE=kafka), by topic',
      labelNames: ['topic'] as const,
      registers: [registry],
    }),
  };
}

export type KafkaMetrics = ReturnType<typeof createKafkaMetrics>;
