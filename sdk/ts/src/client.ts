import { randomUUID } from 'node:crypto';
import { toFeedbackRecord, toPredictionRecord, type FeedbackInput, type FeedbackRecord, type PredictionInput, type PredictionRecord } from './events.js';
import { sendBatch, type FetchLike, type RecordKind } from './http.js';
import { feedbackLogRecord, predictionLogRecord, type OpenTelemetryLogger } from './opentelemetry.js';
import { DropOldestQueue } from './queue.js';
import { retryDelayMs } from './retry.js';

/** Something that went wrong on the way to Vigil; reported through `onError`, never thrown. */
export interface DeliveryProblem {
  /**
   * `retrying`: Vigil unreachable or busy, the batch stays queued; `rejected`: the server refused
   * items (they are dropped, `message` says why); `dropped`: the queue was full, the oldest
   * items were discarded; `abandoned`: items still queued when `close` gave up.
   */
  kind: 'retrying' | 'rejected' | 'dropped' | 'abandoned';
  /** How many items this is about. */
  count: number;
  message: string;
  status?: number;
  /** Milliseconds until the next attempt, and which attempt failed (`retrying`; 1 starts an outage). */
  retryInMs?: number;
  attempt?: number;
}

export interface VigilOptions {
  /** Vigil's base URL, e.g. `http://vigil:8080`. Required unless `openTelemetry` is given. */
  url?: string;
  /** A key with the `ingest` scope. Required unless `openTelemetry` is given. */
  apiKey?: string;
  /**
   * Emit OpenTelemetry log records (API.md's conventions) through this logger instead of
   * posting to Vigil: `{ logger: logs.getLogger('my-service') }`. Batching, retries and export
   * are then the OpenTelemetry pipeline's.
   */
  openTelemetry?: { logger: OpenTelemetryLogger };
  /** Items waiting at most (plus one batch in flight); beyond it the oldest are dropped. Default 10,000. */
  maxQueueSize?: number;
  /** Items per request at most. Default 500. */
  batchSize?: number;
  /** How long a partial batch waits before it is sent. Default 1,000 ms. */
  flushIntervalMs?: number;
  /** The ceiling of the first retry's wait, doubled per attempt. Default 500 ms. */
  initialRetryDelayMs?: number;
  /** The longest back-off wait (a server's `Retry-After` is honoured as given). Default 30,000 ms. */
  maxRetryDelayMs?: number;
  /** Per request. Default 10,000 ms. */
  requestTimeoutMs?: number;
  /** Flush (for at most `exitFlushTimeoutMs`) when the process is about to exit. Default true. */
  flushOnExit?: boolean;
  /** Default 5,000 ms. */
  exitFlushTimeoutMs?: number;
  /** Told about every delivery problem. Default: a line on stderr for each, retries only once per outage. */
  onError?: (problem: DeliveryProblem) => void;
  /** For tests: the HTTP client, the clock, the jitter source, the id generator. */
  fetch?: FetchLike;
  now?: () => number;
  random?: () => number;
  newId?: () => string;
}

/** Counters since the client was created. */
export interface VigilStats {
  /** Waiting in the queue. */
  queued: number;
  /** In the request being sent now. */
  inFlight: number;
  /** Stored by Vigil (2xx). */
  delivered: number;
  /** Discarded because the queue was full, or still queued when `close` gave up. */
  dropped: number;
  /** Refused by the server (400, 401, 403, ...) and therefore discarded. */
  rejected: number;
  /** Attempts that failed and were scheduled again. */
  retries: number;
}

type QueuedItem = { kind: 'prediction'; record: PredictionRecord } | { kind: 'feedback'; record: FeedbackRecord };

/** A line on stderr per problem; of an outage's retries, only the first. */
function defaultOnError(problem: DeliveryProblem): void {
  if (problem.kind === 'retrying' && problem.attempt !== 1) return;
  console.error(`vigil-sdk: ${problem.message}`);
}

/**
 * The Vigil client: `logPrediction` and `logFeedback` validate and queue, and return at once;
 * a background loop sends batches, retries with back-off (honouring `Retry-After`), and never
 * throws into the caller for a transport problem. Re-sends are safe: Vigil stores an id once.
 *
 * @example
 * const vigil = new Vigil({ url: 'http://localhost:8080', apiKey: process.env.VIGIL_KEY });
 * const id = vigil.logPrediction({ model: 'churn', features: { tenure_months: 14, plan: 'pro' }, prediction: 1 });
 * vigil.logFeedback({ model: 'churn', predictionId: id, label: 0 });
 * await vigil.close();
 */
export class Vigil {
  private readonly queue: DropOldestQueue<QueuedItem>;
  private readonly options: Required<Pick<VigilOptions, 'batchSize' | 'flushIntervalMs' | 'initialRetryDelayMs' | 'maxRetryDelayMs' | 'requestTimeoutMs' | 'exitFlushTimeoutMs'>>;
  private readonly url: string;
  private readonly apiKey: string;
  private readonly otelLogger: OpenTelemetryLogger | undefined;
  private readonly fetchImpl: FetchLike;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly newId: () => string;
  private readonly onError: (problem: DeliveryProblem) => void;

  private readonly counters = { delivered: 0, rejected: 0, retries: 0, abandoned: 0 };
  private inFlight = 0;
  private droppedReported = 0;
  private attempt = 0;
  private pumping = false;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private wakeUp: (() => void) | undefined;
  /** Aborts the request in flight when `close` gives up. */
  private readonly closing = new AbortController();
  private idleWaiters: (() => void)[] = [];
  private readonly exitHook: (() => void) | undefined;

  constructor(options: VigilOptions) {
    this.otelLogger = options.openTelemetry?.logger;
    if (this.otelLogger === undefined && (!options.url || !options.apiKey)) {
      throw new TypeError('new Vigil({ url, apiKey }): both are required (or pass openTelemetry: { logger })');
    }
    this.url = (options.url ?? '').replace(/\/+$/, '');
    this.apiKey = options.apiKey ?? '';
    this.queue = new DropOldestQueue(options.maxQueueSize ?? 10_000);
    this.options = {
      batchSize: Math.max(1, options.batchSize ?? 500),
      flushIntervalMs: options.flushIntervalMs ?? 1_000,
      initialRetryDelayMs: options.initialRetryDelayMs ?? 500,
      maxRetryDelayMs: options.maxRetryDelayMs ?? 30_000,
      requestTimeoutMs: options.requestTimeoutMs ?? 10_000,
      exitFlushTimeoutMs: options.exitFlushTimeoutMs ?? 5_000,
    };
    this.fetchImpl = options.fetch ?? (fetch as unknown as FetchLike);
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.newId = options.newId ?? randomUUID;
    this.onError = options.onError ?? defaultOnError;
    if ((options.flushOnExit ?? true) && this.otelLogger === undefined) {
      // `beforeExit` fires when the event loop runs dry, and may schedule more work: the flush's
      // own timer keeps the process alive until the queue is empty or the timeout passes. Once
      // only (close removes the hook), so an unreachable server cannot keep the process alive.
      this.exitHook = () => {
        if (!this.isIdle()) void this.close(this.options.exitFlushTimeoutMs);
      };
      process.on('beforeExit', this.exitHook);
    }
  }

  /**
   * Queues a prediction and returns its id (the one given, or a new UUID). Throws
   * `VigilValidationError` only for a malformed prediction, never for a transport problem.
   */
  logPrediction(prediction: PredictionInput): string {
    const record = toPredictionRecord(prediction, this.newId, this.now);
    this.enqueue({ kind: 'prediction', record });
    return record.id;
  }

  /** Queues a label for an earlier prediction. Throws `VigilValidationError` only for a malformed label. */
  logFeedback(feedback: FeedbackInput): void {
    this.enqueue({ kind: 'feedback', record: toFeedbackRecord(feedback, this.now) });
  }

  get stats(): VigilStats {
    return { queued: this.queue.length, inFlight: this.inFlight, delivered: this.counters.delivered, dropped: this.queue.dropped + this.counters.abandoned, rejected: this.counters.rejected, retries: this.counters.retries };
  }

  /**
   * Sends everything queued now and resolves once the queue is empty (`true`), or after
   * `timeoutMs` with items still waiting (`false`). A back-off wait in progress is honoured,
   * not cut short. In OpenTelemetry mode there is nothing to flush here (flush the provider).
   */
  async flush(timeoutMs?: number): Promise<boolean> {
    if (this.isIdle()) return true;
    const idle = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    if (this.attempt === 0) this.startPump();
    if (timeoutMs === undefined) return idle;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      return await Promise.race([idle, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Flushes for at most `timeoutMs` (default 5,000), then stops the background loop; whatever
   * is still queued is counted as dropped and reported. Later `log*` calls throw.
   */
  async close(timeoutMs = this.options.exitFlushTimeoutMs): Promise<VigilStats> {
    if (this.exitHook) process.off('beforeExit', this.exitHook);
    if (!this.closed) {
      await this.flush(timeoutMs);
      this.closed = true;
      clearTimeout(this.timer);
      this.wakeUp?.();
      this.closing.abort();
      const left = this.queue.clear().length + this.inFlight;
      if (left > 0) {
        this.counters.abandoned += left;
        this.onError({ kind: 'abandoned', count: left, message: `${left} item(s) not delivered within ${timeoutMs} ms of close()` });
      }
      this.reportDrops();
    }
    return this.stats;
  }

  private enqueue(item: QueuedItem): void {
    if (this.closed) throw new Error('Vigil client is closed');
    if (this.otelLogger !== undefined) {
      this.otelLogger.emit(item.kind === 'prediction' ? predictionLogRecord(item.record) : feedbackLogRecord(item.record));
      return;
    }
    this.queue.push(item);
    if (this.pumping || this.attempt > 0) return; // the loop will get to it
    if (this.queue.length >= this.options.batchSize) this.startPump();
    else if (this.timer === undefined) this.timer = this.sleepTimer(this.options.flushIntervalMs, () => this.startPump());
  }

  private isIdle(): boolean {
    return this.queue.length === 0 && this.inFlight === 0;
  }

  /** An unref'd timer: pending telemetry alone never keeps a process alive (see `exitHook`). */
  private sleepTimer(ms: number, then: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timer = undefined;
      then();
    }, ms);
    timer.unref();
    return timer;
  }

  private startPump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    void this.pump();
  }

  /** Sends batches until the queue is empty, waiting between failed attempts. One loop at a time. */
  private async pump(): Promise<void> {
    if (this.pumping || this.closed) return;
    this.pumping = true;
    try {
      while (!this.closed && this.queue.length > 0) {
        this.reportDrops();
        const batch = this.queue.takeRun(this.options.batchSize, (first, item) => first.kind === item.kind);
        const kind: RecordKind | undefined = batch[0]?.kind;
        if (kind === undefined) break;
        this.inFlight = batch.length;
        const outcome = await sendBatch(this.fetchImpl, { url: this.url, apiKey: this.apiKey, timeoutMs: this.options.requestTimeoutMs, now: this.now, signal: this.closing.signal }, kind, batch.map((item) => item.record));
        this.inFlight = 0;
        if (outcome.kind === 'delivered') {
          this.attempt = 0;
          this.counters.delivered += batch.length;
        } else if (outcome.kind === 'rejected') {
          this.attempt = 0;
          // The server refuses a request whole; when it names the bad items, the rest go again.
          const bad = outcome.badIndexes.filter((i) => i < batch.length);
          const refused = bad.length > 0 && bad.length < batch.length ? bad.length : batch.length;
          if (refused < batch.length) this.queue.returnToFront(batch.filter((_, i) => !bad.includes(i)));
          this.counters.rejected += refused;
          this.onError({ kind: 'rejected', count: refused, status: outcome.status, message: `Vigil refused ${refused} ${kind} item(s): ${outcome.message}` });
        } else {
          this.attempt += 1;
          this.counters.retries += 1;
          this.queue.returnToFront(batch);
          const waitMs = retryDelayMs(this.attempt, outcome.retryAfterMs, { initialDelayMs: this.options.initialRetryDelayMs, maxDelayMs: this.options.maxRetryDelayMs }, this.random);
          this.onError({ kind: 'retrying', count: batch.length, message: `${outcome.message}; ${batch.length} ${kind} item(s) kept, attempt ${this.attempt}, next in ${waitMs} ms`, retryInMs: waitMs, attempt: this.attempt, ...(outcome.status !== undefined ? { status: outcome.status } : {}) });
          await new Promise<void>((resolve) => {
            this.wakeUp = resolve;
            this.timer = this.sleepTimer(waitMs, resolve);
          });
          this.wakeUp = undefined;
        }
      }
    } finally {
      this.pumping = false;
      this.attempt = 0;
      // After close, a batch that came back from an aborted request was already counted as abandoned.
      if (this.closed) this.queue.clear();
      this.reportDrops();
      if (this.isIdle() || this.closed) for (const resolve of this.idleWaiters.splice(0)) resolve();
    }
  }

  private reportDrops(): void {
    const dropped = this.queue.dropped;
    if (dropped > this.droppedReported) {
      this.onError({ kind: 'dropped', count: dropped - this.droppedReported, message: `queue full (${this.queue.capacity} items): dropped the oldest ${dropped - this.droppedReported} item(s)` });
      this.droppedReported = dropped;
    }
  }
}
