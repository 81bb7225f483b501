import { StorageError } from '../store/errors';

/** Thresholds of a batching writer; see docs/configuration.md (VIGIL_INGEST_*). */
export interface WriterOptions {
  /** Rows per insert at most (a single larger request is inserted alone, never split). */
  maxBatchRows: number;
  /** How long the first queued request may wait for others to join its insert. */
  lingerMs: number;
  /** Rows waiting at most; beyond this, `submit` refuses at once (the caller answers 429). */
  maxQueuedRows: number;
}

/** Thrown by `submit` when the queue is full: back-pressure, answered 429 with Retry-After. */
export class QueueFullError extends Error {
  constructor(readonly writer: string) {
    super(`the ${writer} writer's queue is full`);
    this.name = 'QueueFullError';
  }
}

/** Thrown by `submit` after `close`: the process is shutting down. */
export class WriterClosedError extends Error {
  constructor(readonly writer: string) {
    super(`the ${writer} writer is closed`);
    this.name = 'WriterClosedError';
  }
}

/** Writes one batch; returns, per request in the batch, how many of its rows were duplicates. */
export type FlushBatch<Row> = (requests: Row[][]) => Promise<number[]>;

export interface WriterObserver {
  onFlush?(rows: number, durationMs: number, failed: boolean): void;
  onQueueDepth?(rows: number): void;
}

interface Pending<Row> {
  rows: Row[];
  resolve: (duplicates: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Coalesces concurrent requests into large inserts. Each request's rows go into one insert
 * whole (all-or-nothing per request), and `submit` resolves only once that insert is stored,
 * so a caller that answers 2xx after it has made the rows durable. One insert at a time: the
 * duplicate check inside `flush` cannot race with another insert of this process.
 */
export class BatchWriter<Row> {
  private queue: Pending<Row>[] = [];
  private queuedRows = 0;
  private flushing = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(
    readonly name: string,
    private readonly flush: FlushBatch<Row>,
    private readonly options: WriterOptions,
    private readonly observer: WriterObserver = {},
  ) {}

  get depth(): number {
    return this.queuedRows;
  }

  /** Queues one request's rows; resolves with its duplicate count once stored. */
  submit(rows: Row[]): Promise<number> {
    if (this.closed) return Promise.reject(new WriterClosedError(this.name));
    if (rows.length === 0) return Promise.resolve(0);
    if (this.queuedRows > 0 && this.queuedRows + rows.length > this.options.maxQueuedRows) {
      return Promise.reject(new QueueFullError(this.name));
    }
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ rows, resolve, reject });
      this.queuedRows += rows.length;
      this.observer.onQueueDepth?.(this.queuedRows);
      this.schedule();
    });
  }

  /** Refuses new requests and resolves once every queued one is written (or has failed). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.queue.length === 0 && !this.flushing) return;
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
      void this.run();
    }
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private schedule(): void {
    if (this.flushing || this.timer !== undefined) return;
    if (this.queuedRows >= this.options.maxBatchRows || this.options.lingerMs <= 0) {
      void this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, this.options.lingerMs);
  }

  private takeBatch(): Pending<Row>[] {
    const batch: Pending<Row>[] = [];
    let rows = 0;
    for (let next = this.queue[0]; next !== undefined; next = this.queue[0]) {
      if (batch.length > 0 && rows + next.rows.length > this.options.maxBatchRows) break;
      batch.push(next);
      this.queue.shift();
      rows += next.rows.length;
    }
    this.queuedRows -= rows;
    this.observer.onQueueDepth?.(this.queuedRows);
    return batch;
  }

  private async run(): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.takeBatch();
        const rows = batch.reduce((n, p) => n + p.rows.length, 0);
        const started = performance.now();
        try {
          const duplicates = await this.flush(batch.map((p) => p.rows));
          this.observer.onFlush?.(rows, performance.now() - started, false);
          batch.forEach((p, i) => p.resolve(duplicates[i] ?? 0));
        } catch (error) {
          this.observer.onFlush?.(rows, performance.now() - started, true);
          const failure = error instanceof StorageError ? error : new StorageError(`${this.name}.insert`, error);
          batch.forEach((p) => p.reject(failure));
        }
      }
    } finally {
      this.flushing = false;
      if (this.queue.length === 0) this.idle.splice(0).forEach((resolve) => resolve());
      else this.schedule();
    }
  }
}
