import type { Logger } from 'pino';
import { PeriodicJob } from '../../jobs/periodicJob';
import type { ChannelRepository } from '../../store/alertsChannels';
import type { Delivery, DeliveryRepository } from '../../store/alertsDeliveries';
import type { ChannelType } from '../channels/config';
import type { Notifier } from '../channels/notifier';
import type { HttpAttemptResult } from './outbound';
import { nextAttemptAt, type RetryPolicy } from './retryPolicy';

export interface DeliveryWorkerDeps {
  deliveries: DeliveryRepository;
  channels: ChannelRepository;
  notifiers: Record<ChannelType, Notifier>;
  policy: RetryPolicy;
  now: () => number;
  /** Jitter source in [0, 1). */
  random?: () => number;
  logger?: Logger | undefined;
  /** Time between looks for due deliveries (retries come due without a wake-up). */
  pollMs?: number;
  /** Deliveries attempted at once. */
  concurrency?: number;
  /** Called after each attempt (the /metrics counter). */
  onAttempt?: (type: string, outcome: string) => void;
}

/**
 * The one loop that delivers: takes due deliveries from the persisted queue, makes one attempt
 * each through the channel's notifier, records the attempt, and writes the delivery's next
 * state (delivered, skipped, failed for good, or pending with its next attempt time from the
 * retry policy). Because the queue is in ClickHouse, a restart continues where it stopped; an
 * attempt cut short by a crash is made again (at least once; webhook receivers deduplicate by
 * webhook-id).
 *
 * Each channel is a queue in the order its notifications were made: only its oldest pending
 * delivery is attempted, so a receiver that was down hears of its alerts, once back, in the
 * order they happened. Channels are served side by side.
 */
export class DeliveryWorker {
  private readonly job: PeriodicJob<number>;

  constructor(private readonly deps: DeliveryWorkerDeps) {
    this.job = new PeriodicJob(() => this.look(), {
      intervalMs: this.deps.pollMs ?? 1000,
      onError: (error) => this.deps.logger?.error({ err: error }, 'delivery look failed; retrying at the next one'),
      runAtStart: true,
    });
  }

  start(): void {
    this.job.start();
  }

  /** Looks now (after new work was queued), or right after the look in flight. */
  wake(): void {
    this.job.wake();
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
    // One delivery per channel: the head of each channel's queue, when due.
    const due = await this.deps.deliveries.dueHeads(this.deps.now(), 100);
    const concurrency = this.deps.concurrency ?? 4;
    let next = 0;
    let advanced = false;
    const runOne = async (): Promise<void> => {
      while (next < due.length && !this.job.stopped) {
        const delivery = due[next];
        next += 1;
        if (delivery === undefined) continue;
        try {
          if ((await this.attempt(delivery)) !== 'pending') advanced = true;
        } catch (error) {
          // Storage failed while recording: the delivery stays pending and is attempted again.
          this.deps.logger?.error({ err: error, deliveryId: delivery.id }, 'delivery attempt could not be recorded');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, due.length) }, runOne));
    // A queue whose head is done has a new head, due already when it waited behind: look again now.
    if (advanced) this.job.wake();
    return due.length;
  }

  /** One attempt at a delivery; resolves to the delivery's new state. */
  private async attempt(delivery: Delivery): Promise<Delivery['state']> {
    const { deliveries, channels, notifiers, policy, now, logger } = this.deps;
    const attempt = delivery.attempts + 1;
    const startedAt = now();
    const started = performance.now();
    let result: HttpAttemptResult;
    const channel = await channels.get(delivery.project, delivery.channelId);
    if (channel === undefined) {
      result = { outcome: { kind: 'failed', retry: false, reason: `channel ${delivery.channelId} was deleted` }, statusCode: null };
    } else {
      try {
        result = await notifiers[channel.type].deliver(delivery, channel, attempt);
      } catch (error) {
        // A notifier bug or a storage failure inside one (the rollback's registry writes): retried.
        result = { outcome: { kind: 'failed', retry: true, reason: error instanceof Error ? error.message : String(error) }, statusCode: null };
      }
    }
    const durationMs = performance.now() - started;
    const finishedAt = now();
    // Whole milliseconds: the jitter makes fractions, and DateTime64(3) takes integers.
    const next = nextAttemptAt(policy, { attempt, outcome: result.outcome, now: finishedAt, queuedAt: delivery.createdAt, retryAfterMs: result.retryAfterMs }, this.deps.random ?? Math.random);
    const retryAt = next === null ? null : Math.ceil(next);
    const { outcome } = result;
    const state = outcome.kind === 'delivered' ? 'delivered' : outcome.kind === 'skipped' ? 'skipped' : retryAt === null ? 'failed' : 'pending';
    const error = outcome.kind === 'delivered' ? '' : outcome.reason;
    await deliveries.recordAttempt(delivery.project, {
      deliveryId: delivery.id,
      attempt,
      startedAt,
      durationMs,
      outcome: outcome.kind,
      retry: outcome.kind === 'failed' && outcome.retry,
      statusCode: result.statusCode,
      error,
      nextAttemptAt: retryAt,
    });
    await deliveries.put([{ ...delivery, attempts: attempt, state, nextAttemptAt: retryAt ?? delivery.nextAttemptAt, lastError: error }], finishedAt);
    this.deps.onAttempt?.(delivery.channelType, outcome.kind);
    const log = { deliveryId: delivery.id, project: delivery.project, channel: delivery.channelId, type: delivery.channelType, attempt, state, ...(error ? { error } : {}) };
    if (state === 'failed') logger?.warn(log, 'delivery failed for good');
    else if (state === 'pending') logger?.info({ ...log, nextAttemptAt: retryAt === null ? null : new Date(retryAt).toISOString() }, 'delivery attempt failed; retrying');
    else logger?.info(log, `delivery ${state}`);
    return state;
  }
}
