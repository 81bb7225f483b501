import type { Logger } from 'pino';
import type { IngestPipeline } from '../../ingest/pipeline';
import type { IncomingItem } from '../../ingest/validation';
import { BatchWriter, type WriterOptions } from '../../ingest/writer';
import type { GatewayRequestRepository, GatewayRequestRow } from '../../store/gatewayRequests';
import type { ModelRecord } from '../../store/models';
import type { GatewayMetrics } from './metrics';
import { inputRows, outputRows, predictionIds } from './tensors';

/** One answered call, to be logged as predictions. */
export interface AnsweredCall {
  project: string;
  model: ModelRecord;
  version: string;
  /** Base prediction id; a batch's rows get `<id>:<row>`. */
  predictionId: string;
  /** Epoch ms when the gateway received the request: the predictions' timestamp. */
  receivedAt: number;
  latencyMs: number;
  request: unknown;
  response: unknown;
}


/** Buffered predictions of one request, with what to count them under. */
interface BufferedRequest {
  project: string;
  model: string;
  version: string;
  items: IncomingItem[];
}

/** Buffered prediction rows at most; beyond this, a request's predictions are dropped (counted). */
const MAX_BUFFERED_ITEMS = 200_000;

/**
 * Everything the gateway records, off the caller's path: predictions through the ingest
 * pipeline (the same validation and batching writer as `POST /v1/predictions`, source
 * `gateway`), and one `gateway_requests` row per call. Nothing here is awaited before the
 * caller's answer; failures are counted and logged, never thrown.
 *
 * Both are gathered for `writer.lingerMs` before they are handed on: embedded ClickHouse runs
 * its inserts on the event loop's thread, so an insert per request (what a 2 ms linger gives
 * at a low request rate) would stall the requests in flight; a few inserts per second do not.
 */
export class GatewayRequestLog {
  private readonly outcomes: BatchWriter<GatewayRequestRow>;
  private buffered: BufferedRequest[] = [];
  private bufferedItems = 0;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly deps: { ingest: IngestPipeline; requests: GatewayRequestRepository; metrics: GatewayMetrics; logger: Logger; writer: WriterOptions },
  ) {
    this.outcomes = new BatchWriter(
      'gateway_requests',
      async (batches) => {
        await deps.requests.insert(batches.flat());
        return batches.map(() => 0);
      },
      deps.writer,
    );
  }

  /** Records a call's outcome (every call, answered or not). */
  outcome(row: GatewayRequestRow): void {
    this.outcomes.submit([row]).catch((error: unknown) => {
      this.deps.metrics.logFailures.inc({ project: row.project, model: row.model, reason: 'outcome_storage' });
      this.deps.logger.warn({ err: error, model: row.model, version: row.version }, 'could not record a gateway outcome');
    });
  }

  /** Maps an answered call to predictions and queues them for ingest. */
  predictions(call: AnsweredCall): void {
    // Runs after the caller has its answer: nothing here may throw into the void.
    try {
      this.mapAndQueue(call);
    } catch (error) {
      this.deps.metrics.logFailures.inc({ project: call.project, model: call.model.name, reason: 'unreadable' });
      this.deps.logger.warn({ err: error, model: call.model.name, version: call.version }, 'could not read a gateway call for the log');
    }
  }

  private mapAndQueue(call: AnsweredCall): void {
    const { project, model } = call;
    const labels = { project, model: model.name };
    const inputs = inputRows(call.request, model.features);
    if (inputs.unmappedValues > 0) this.deps.metrics.unmappedValues.inc(labels, inputs.unmappedValues);
    const outputs = outputRows(call.response, inputs.rows.length, model.task);
    if (outputs === undefined) {
      this.deps.metrics.logFailures.inc({ ...labels, reason: 'no_output' });
      this.deps.logger.debug({ model: model.name, version: call.version }, 'gateway answer has no output to log as a prediction');
      return;
    }
    if (this.bufferedItems + inputs.rows.length > MAX_BUFFERED_ITEMS) {
      this.deps.metrics.logFailures.inc({ ...labels, reason: 'saturated' });
      return;
    }
    const ids = predictionIds(call.predictionId, inputs.rows.length);
    const items = inputs.rows.map((features, i) => ({
      path: `gateway[${i}]`,
      value: {
        model: model.name,
        version: call.version,
        id: ids[i],
        timestamp: call.receivedAt,
        features,
        prediction: outputs.predictions[i],
        ...(outputs.scores?.[i] ? { scores: outputs.scores[i] } : {}),
        latencyMs: call.latencyMs,
      },
    }));
    this.buffered.push({ project, model: model.name, version: call.version, items });
    this.bufferedItems += items.length;
    if (this.bufferedItems >= this.deps.writer.maxBatchRows) this.flushSoon(0);
    else this.flushSoon(this.deps.writer.lingerMs);
  }

  /** Resolves once everything buffered so far was handed to ingest and stored (or refused). */
  async drain(): Promise<void> {
    // At once, not through a zero timer: a timer could still be pending when this resolves.
    this.flushNow();
    await this.flushing;
  }

  private flushSoon(delayMs: number): void {
    if (this.timer !== undefined && delayMs > 0) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.flushNow(), delayMs);
  }

  /** Hands what is buffered to the store chain; the chain keeps batches in order. */
  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffered.length === 0) return;
    const batch = this.buffered;
    this.buffered = [];
    this.bufferedItems = 0;
    this.flushing = this.flushing.then(() => this.store(batch));
  }

  /**
   * One ingest call per project for the whole batch; ingest is all-or-nothing, so when it
   * refuses the batch, each request is sent alone and only the wrong ones are lost.
   */
  private async store(batch: BufferedRequest[]): Promise<void> {
    const byProject = new Map<string, BufferedRequest[]>();
    for (const request of batch) {
      const list = byProject.get(request.project);
      if (list === undefined) byProject.set(request.project, [request]);
      else list.push(request);
    }
    await Promise.all(
      [...byProject].map(async ([project, requests]) => {
        if (requests.length > 1 && (await this.submit(project, requests.flatMap((r) => r.items), undefined))) return;
        await Promise.all(requests.map((r) => this.submit(project, r.items, r)));
      }),
    );
  }

  /** Hands items to ingest; true when stored. Failures are counted only for a single request. */
  private async submit(project: string, items: IncomingItem[], request: BufferedRequest | undefined): Promise<boolean> {
    try {
      const stored = await this.deps.ingest.predictions(project, items, 'gateway');
      if (stored.ok) return true;
      if (request !== undefined) {
        this.deps.metrics.logFailures.inc({ project, model: request.model, reason: 'refused' });
        this.deps.logger.warn({ model: request.model, version: request.version, rejections: stored.rejections.slice(0, 3) }, 'gateway prediction refused by ingest validation');
      }
      return false;
    } catch (error) {
      // Storage failed: counted per model; retrying request by request would only fail again.
      const models = new Set(items.map((item) => (item.value as { model: string }).model));
      for (const model of models) this.deps.metrics.logFailures.inc({ project, model, reason: 'storage' });
      this.deps.logger.warn({ err: error, items: items.length }, 'could not log gateway predictions');
      return true;
    }
  }

  /** Stores what is buffered and refuses more. */
  async close(): Promise<void> {
    await this.drain();
    await this.outcomes.close();
  }
}
