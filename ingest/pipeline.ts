import type { Logger } from 'pino';
import type { Store } from '../store/clickhouse';
import type { Registry } from 'prom-client';
import { ModelRepository, type ModelRecord } from '../store/models';
import { RegistryRepository } from '../store/registry';
import { TelemetryRepository, type FeedbackRow, type PredictionRow, type TelemetrySource } from '../store/telemetry';
import { createIngestMetrics, type IngestMetrics } from './metrics';
import { validateFeedback, validatePredictions, type IncomingItem, type Rejection, type ValidationContext } from './validation';
import { BatchWriter, type WriterOptions } from './writer';

/** What one request stored of one kind. */
export interface Stored {
  accepted: number;
  duplicates: number;
  /** Prediction ids in request order (for feedback, the ids the labels are for). */
  ids: string[];
}

export type IngestRefusal = { ok: false; rejections: Rejection[] };
export type IngestOutcome = ({ ok: true } & Stored) | IngestRefusal;
export type MixedOutcome = { ok: true; predictions: Stored; feedback: Stored } | IngestRefusal;

export interface IngestDeps {
  store: Store;
  models: ModelRepository;
  metrics: IngestMetrics;
  logger: Logger;
  writer: WriterOptions;
  /** The version a model's `production` alias points at; none until the registry says so. */
  productionVersion?: (project: string, model: string) => Promise<string | undefined>;
  now?: () => number;
}

/** One row of `ingest_rejections`: refused items of one model, feature and reason. */
interface RejectionCountRow {
  project: string;
  timestamp: number;
  model: string;
  feature: string;
  reason: string;
  count: number;
}

/** Rejection counts are coalesced this long before they are written. */
const REJECTION_COUNT_LINGER_MS = 1_000;

/** How long a model's schema is trusted before ingest reads it again. */
const MODEL_CACHE_TTL_MS = 5_000;

/** Keeps the first occurrence of each id of one model. */
function firstOfEachId(rows: PredictionRow[], seen: Set<string>): PredictionRow[] {
  return rows.filter((row) => {
    const key = `${row.project}\u0000${row.model}\u0000${row.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Telemetry in: validation against each model's schema, then the batching writers. Used by
 * every receiver (JSON API, OTLP, Kafka, gateway) so that all of them behave the same.
 */
export class IngestPipeline {
  readonly telemetry: TelemetryRepository;
  private readonly predictionsWriter: BatchWriter<PredictionRow>;
  private readonly feedbackWriter: BatchWriter<FeedbackRow>;
  private readonly rejectionsWriter: BatchWriter<RejectionCountRow>;
  private readonly modelCache = new Map<string, { model: ModelRecord; expiresAt: number }>();
  private readonly now: () => number;

  get metrics(): IngestMetrics {
    return this.deps.metrics;
  }

  /**
   * The pipeline as the server runs it: models and the `production` alias read from the store,
   * metrics on the server's registry.
   */
  static forServer({ store, registry, logger, writer }: { store: Store; registry: Registry; logger: Logger; writer: WriterOptions }): IngestPipeline {
    const aliases = new RegistryRepository(store);
    return new IngestPipeline({
      store,
      models: new ModelRepository(store),
      metrics: createIngestMetrics(registry),
      logger,
      writer,
      productionVersion: (project, model) => aliases.resolveAlias(project, model, 'production'),
    });
  }

  constructor(private readonly deps: IngestDeps) {
    this.now = deps.now ?? Date.now;
    this.telemetry = new TelemetryRepository(deps.store);
    const observe = (table: string) => ({
      onFlush: (rows: number, durationMs: number, failed: boolean) => {
        deps.metrics.batchRows.observe({ table }, rows);
        deps.metrics.insertSeconds.observe({ table, outcome: failed ? 'error' : 'ok' }, durationMs / 1000);
      },
      onQueueDepth: (rows: number) => deps.metrics.queueRows.set({ table }, rows),
    });
    this.predictionsWriter = new BatchWriter('predictions', (requests) => this.writePredictions(requests), deps.writer, observe('predictions'));
    this.feedbackWriter = new BatchWriter(
      'feedback',
      async (requests) => {
        // Labels are keyed by prediction id and the latest wins, so a re-sent label is harmless.
        await this.telemetry.insertFeedback(requests.flat());
        return requests.map(() => 0);
      },
      deps.writer,
      observe('feedback'),
    );
    this.rejectionsWriter = new BatchWriter(
      'ingest_rejections',
      async (requests) => {
        await deps.store.insert('ingest_rejections.insert', 'ingest_rejections', requests.flat());
        return requests.map(() => 0);
      },
      { maxBatchRows: deps.writer.maxBatchRows, lingerMs: REJECTION_COUNT_LINGER_MS, maxQueuedRows: deps.writer.maxQueuedRows },
    );
  }

  /** Validates and stores predictions; resolves once they are durable. */
  async predictions(project: string, items: IncomingItem[], source: TelemetrySource): Promise<IngestOutcome> {
    const outcome = await this.mixed(project, { predictions: items }, source);
    return outcome.ok ? { ok: true, ...outcome.predictions } : outcome;
  }

  /** Validates and stores labels; resolves once they are durable. */
  async feedback(project: string, items: IncomingItem[], source: TelemetrySource): Promise<IngestOutcome> {
    const outcome = await this.mixed(project, { feedback: items }, source);
    return outcome.ok ? { ok: true, ...outcome.feedback } : outcome;
  }

  /**
   * Predictions and labels of one request (an OTLP export carries both): every item of both
   * is validated before anything is written, so a request is refused whole or stored whole.
   */
  async mixed(project: string, items: { predictions?: IncomingItem[]; feedback?: IncomingItem[] }, source: TelemetrySource): Promise<MixedOutcome> {
    const context = this.context(project, source);
    const predictions = await validatePredictions(items.predictions ?? [], context);
    const feedback = await validateFeedback(items.feedback ?? [], context);
    if (!predictions.ok || !feedback.ok) {
      return this.reject(project, [
        ...(predictions.ok ? [] : predictions.rejections.map((r) => ({ ...r, kind: 'prediction' }))),
        ...(feedback.ok ? [] : feedback.rejections.map((r) => ({ ...r, kind: 'feedback' }))),
      ]);
    }
    const [duplicates] = await Promise.all([this.predictionsWriter.submit(predictions.rows), this.feedbackWriter.submit(feedback.rows)]);
    this.count('prediction', source, predictions.rows, duplicates);
    this.count('feedback', source, feedback.rows, 0);
    return {
      ok: true,
      predictions: { accepted: predictions.rows.length, duplicates, ids: predictions.rows.map((r) => r.id) },
      feedback: { accepted: feedback.rows.length, duplicates: 0, ids: feedback.rows.map((r) => r.prediction_id) },
    };
  }

  /** Refuses new items and waits until everything queued is stored. */
  async close(): Promise<void> {
    await Promise.all([this.predictionsWriter.close(), this.feedbackWriter.close(), this.rejectionsWriter.close()]);
  }

  private context(project: string, source: TelemetrySource): ValidationContext {
    // One alias lookup per model and request: the version on arrival, not one query per item.
    const production = new Map<string, Promise<string | undefined>>();
    return {
      project,
      source,
      now: this.now(),
      model: (name) => this.model(project, name),
      productionVersion: (model) => {
        let version = production.get(model.name);
        if (version === undefined) production.set(model.name, (version = this.deps.productionVersion?.(project, model.name) ?? Promise.resolve(undefined)));
        return version;
      },
    };
  }

  private async model(project: string, name: string): Promise<ModelRecord | undefined> {
    const key = `${project}\u0000${name}`;
    const cached = this.modelCache.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.model;
    const model = await this.deps.models.get(project, name);
    if (model === undefined) this.modelCache.delete(key);
    else this.modelCache.set(key, { model, expiresAt: this.now() + MODEL_CACHE_TTL_MS });
    return model;
  }

  /**
   * One insert for a batch of requests. Ids stored before, or repeated within the batch, are
   * dropped first: re-sent predictions are stored once, across requests and restarts.
   */
  private async writePredictions(requests: PredictionRow[][]): Promise<number[]> {
    const byModel = new Map<string, { project: string; model: string; ids: string[] }>();
    for (const row of requests.flat()) {
      const key = `${row.project}\u0000${row.model}`;
      let entry = byModel.get(key);
      if (entry === undefined) byModel.set(key, (entry = { project: row.project, model: row.model, ids: [] }));
      entry.ids.push(row.id);
    }
    const stored = new Set<string>();
    for (const { project, model, ids } of byModel.values()) {
      const existing = [...(await this.telemetry.existingPredictionIds(project, model, ids))];
      // Ids sent again are mostly retries after a failure that may have cut the id index short.
      if (existing.length > 0) await this.telemetry.reindexPredictionIds(project, model, existing);
      for (const id of existing) stored.add(`${project}\u0000${model}\u0000${id}`);
    }
    const seen = new Set(stored);
    const fresh = requests.map((rows) => firstOfEachId(rows, seen));
    await this.telemetry.insertPredictions(fresh.flat());
    return requests.map((rows, i) => rows.length - (fresh[i]?.length ?? 0));
  }

  private count(kind: string, source: TelemetrySource, rows: { model: string }[], duplicates: number): void {
    const perModel = new Map<string, number>();
    for (const row of rows) perModel.set(row.model, (perModel.get(row.model) ?? 0) + 1);
    for (const [model, n] of perModel) this.deps.metrics.items.inc({ kind, source, model }, n);
    if (duplicates > 0) this.deps.metrics.duplicates.inc({ kind }, duplicates);
  }

  private async reject(project: string, rejections: (Rejection & { kind: string })[]): Promise<IngestRefusal> {
    const counts = new Map<string, { model: string; feature: string; reason: string; count: number }>();
    for (const r of rejections) {
      this.deps.metrics.rejected.inc({ kind: r.kind, reason: r.reason, model: r.model ?? '' });
      if (r.model === undefined) continue;
      const key = `${r.model}\u0000${r.feature ?? ''}\u0000${r.reason}`;
      let entry = counts.get(key);
      if (entry === undefined) counts.set(key, (entry = { model: r.model, feature: r.feature ?? '', reason: r.reason, count: 0 }));
      entry.count += 1;
    }
    const timestamp = this.now();
    // Counted in the background and coalesced over a second: a flood of bad requests must not
    // become a flood of tiny inserts, and the 400 does not wait for its count.
    this.rejectionsWriter.submit([...counts.values()].map((c) => ({ project, timestamp, ...c }))).catch((error: unknown) => {
      this.deps.logger.warn({ err: error }, 'could not record ingest rejections');
    });
    return { ok: false, rejections: rejections.map(({ kind: _kind, ...rejection }) => rejection) };
  }
}
