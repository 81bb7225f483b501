/** Kafka ingest: the consumer, the dead-letter topic, and the publisher of INGEST_MODE=kafka. */
export { clusterReachable, createKafka, type KafkaConnection } from './client';
export { KafkaIngestConsumer, type IngestCredential, type KafkaConsumerSettings, type ProjectResolution } from './consumer';
export { API_KEY_HASH_HEADER, API_KEY_HEADER, DLQ_ORIGIN_HEADER, DLQ_REASON_HEADER, SOURCE_HEADER, decodeMessage } from './message';
export { createKafkaMetrics, type KafkaMetrics } from './metrics';
export { ItemTooLargeError, KafkaPublisher, structuralRejections, withIds } from './publisher';
export { createKafkaIngest, type KafkaIngest, type KafkaIngestSettings } from './service';
