/**
 * A background loop of the server (the detector scheduler, the alert evaluator, the delivery
 * worker): one run every `intervalMs`, never overlapping itself, woken early on demand, and a
 * `stop()` that waits for the run in flight so shutdown never cuts one in half.
 */
export interface PeriodicJobOptions {
  intervalMs: number;
  /** A failed run is reported here and the next one happens as usual. */
  onError: (error: unknown) => void;
  /** Run once as soon as the job starts, not only after the first interval. */
  runAtStart?: boolean;
}

export class PeriodicJob<T> {
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<T> | undefined;
  private again = false;
  private stopping = false;

  constructor(
    private readonly run: () => Promise<T>,
    private readonly options: PeriodicJobOptions,
  ) {}

  /** True once `stop()` was called: long runs check it between steps. */
  get stopped(): boolean {
    return this.stopping;
  }

  start(): void {
    if (this.timer !== undefined || this.stopping) return;
    this.timer = setInterval(() => this.wake(), this.options.intervalMs);
    this.timer.unref();
    if (this.options.runAtStart) this.wake();
  }

  /** Runs now, or right after the run in flight when there is one. */
  wake(): void {
    if (this.stopping) return;
    if (this.inFlight !== undefined) {
      this.again = true;
      return;
    }
    this.tick().catch(this.options.onError);
  }

  /** One run, shared with the run in flight if there is one (tests call this directly). */
  tick(): Promise<T> {
    if (this.inFlight !== undefined) return this.inFlight;
    const current = this.run().finally(() => {
      this.inFlight = undefined;
      if (this.again && !this.stopping) {
        this.again = false;
        this.wake();
      }
    });
    this.inFlight = current;
    return current;
  }

  /** No new runs; resolves once the run in flight has finished. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.inFlight?.catch(() => undefined);
  }
}
