import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Ingest's Prometheus metrics, registered on the server's registry. */
export function createIngestMetrics(registry: Registry) {
  return {
    items: new Counter({
      name: 'vigil_ingest_items_total',
      help: 'Telemetry items accepted, by kind (prediction, feedback), source and model',
      labelNames: ['kind', 'source', 'model'] as const,
      registers: [registry],
    }),
    duplicates: new Counter({
      name: 'vigil_ingest_duplicates_total',
      help: 'Items whose id was already stored, so stored once',
      labelNames: ['kind'] as const,
      registers: [registry],
    }),
    rejected: new Counter({
      name: 'vigil_ingest_rejected_total',
      help: 'Items refused, by kind, reason and model (empty when the model is unknown)',
      labelNames: ['kind', 'reason', 'model'] as const,
      registers: [registry],
    }),
    otlpIgnored: new Counter({
      name: 'vigil_ingest_otlp_ignored_records_total',
      help: 'OTLP log records that are neither ml.prediction nor ml.feedback',
      registers: [registry],
    }),
    batchRows: new Histogram({
      name: 'vigil_ingest_batch_rows',
      help: 'Rows per ClickHouse insert',
      labelNames: ['table'] as const,
      buckets: [1, 10, 100, 500, 1000, 2500, 5000, 10000, 25000, 50000, 100000],
      registers: [registry],
    }),
    insertSeconds: new Histogram({
      name: 'vigil_ingest_insert_duration_seconds',
      help: 'Duration of one ClickHouse insert, duplicate check included',
      labelNames: ['table', 'outcome'] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    queueRows: new Gauge({
      name: 'vigil_ingest_queue_rows',
      help: 'Rows waiting to be inserted',
      labelNames: ['table'] as const,
      registers: [registry],
    }),
  };
}

export type IngestMetrics = ReturnType<typeof createIngestMetrics>;
