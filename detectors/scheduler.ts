import type { Logger } from 'pino';
import { PeriodicJob } from '../jobs/periodicJob';
import type { ModelRecord } from '../store/models';
import type { DriftDetector } from './evaluate';
import { isClosed, windowSizeMs } from './windows';

export interface SchedulerDeps {
  detector: DriftDetector;
  /** Every model to watch (all projects). */
  listModels: () => Promise<ModelRecord[]>;
  now: () => number;
  logger?: Logger | undefined;
  /** Time between looks (default 60 s). */
  intervalMs?: number;
}

/**
 * Rows stamped with a received_at this long before the newest one seen may still be landing
 * (received_at is taken before the insert completes), so each look re-reads this much.
 */
const RECEIVED_SLACK_MS = 60_000;

/**
 * The detectors' clock in the server: every `intervalMs` it looks, per model, for closed windows
 * (end + allowed lateness <= now) not yet evaluated, and for evaluated windows that received
 * predictions or labels after their evaluation (late data), and evaluates them. Evaluations
 * replace earlier ones, so a repeated or overlapping look changes nothing. `tick()` is the
 * whole job and can be called directly (tests drive it with their own clock).
 */
export class DetectorScheduler {
  /** Per model: newest received_at of predictions and of labels already looked at. */
  private readonly watermarks = new Map<string, { predictions: number; labels: number; lastLookMs: number }>();

  private readonly job: PeriodicJob<number>;

  constructor(private readonly deps: SchedulerDeps) {
    this.job = new PeriodicJob(() => this.look(), {
      intervalMs: this.deps.intervalMs ?? 60_000,
      onError: (error) => this.deps.logger?.error({ err: error }, 'detector look failed; retrying at the next one'),
    });
  }

  start(): void {
    this.job.start();
  }

  /** Stops looking and waits for the look in flight to finish. */
  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One look (shared with the one in flight; never overlapping). Tests call it directly. */
  tick(): Promise<number> {
    return this.job.tick();
  }

  private async look(): Promise<number> {
    let evaluated = 0;
    for (const model of await this.deps.listModels()) {
      if (this.job.stopped) break;
      try {
        evaluated += await this.lookAt(model);
      } catch (error) {
        this.deps.logger?.error({ err: error, project: model.project, model: model.name }, 'detector look at a model failed');
      }
    }
    return evaluated;
  }

  private async lookAt(model: ModelRecord): Promise<number> {
    const now = this.deps.now();
    const sizeMs = windowSizeMs(model.settings.windowSize);
    const lateness = model.settings.allowedLatenessMs;
    const key = JSON.stringify([model.project, model.name]);
    const mark = this.watermarks.get(key) ?? { predictions: 0, labels: 0, lastLookMs: 0 };
    const { detector } = this.deps;
    // Windows still open at the previous look are found by event time; anything older only
    // matters if rows arrived since (late data), found by received_at.
    const recentFromMs = (mark.lastLookMs === 0 ? 0 : mark.lastLookMs) - sizeMs - lateness;
    const [touched, labelled, stored] = await Promise.all([
      detector.discovery.touched(model.project, model.name, sizeMs, Math.max(0, recentFromMs), Math.max(0, mark.predictions - RECEIVED_SLACK_MS)),
      detector.discovery.labelled(model.project, model.name, sizeMs, Math.max(0, mark.labels - RECEIVED_SLACK_MS)),
      detector.results.freshness(model.project, model.name),
    ]);
    const due = new Map<string, { startMs: number; version: string }>();
    for (const w of touched) {
      const seen = stored.get(`${w.startMs}|${w.version}`);
      if (isClosed({ startMs: w.startMs, endMs: w.startMs + sizeMs }, lateness, now) && (seen === undefined || w.lastReceivedMs > seen.lastReceivedMs)) due.set(`${w.startMs}|${w.version}`, w);
    }
    for (const w of labelled) {
      const seen = stored.get(`${w.startMs}|${w.version}`);
      if (isClosed({ startMs: w.startMs, endMs: w.startMs + sizeMs }, lateness, now) && (seen === undefined || w.lastReceivedMs > seen.lastFeedbackMs)) due.set(`${w.startMs}|${w.version}`, w);
    }
    let evaluated = 0;
    for (const w of [...due.values()].sort((a, b) => a.startMs - b.startMs)) {
      if (this.job.stopped) break;
      await detector.evaluate(model, w.version, { startMs: w.startMs, endMs: w.startMs + sizeMs });
      evaluated += 1;
    }
    this.watermarks.set(key, {
      predictions: Math.max(mark.predictions, ...touched.map((w) => w.lastReceivedMs)),
      labels: Math.max(mark.labels, ...labelled.map((w) => w.lastReceivedMs)),
      lastLookMs: now,
    });
    if (evaluated > 0) this.deps.logger?.info({ project: model.project, model: model.name, windows: evaluated }, 'windows evaluated');
    return evaluated;
  }
}
