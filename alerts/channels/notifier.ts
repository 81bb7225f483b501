import type { Delivery } from '../../store/alertsDeliveries';
import type { HttpAttemptResult } from '../delivery/outbound';
import type { Notification } from '../dispatch/notification';
import type { Channel } from './config';

/**
 * A channel type's side of a delivery: whether it acts on a notification at all, and one
 * attempt to deliver it. An attempt never throws for the receiver's failures: it returns an
 * outcome that says whether retrying could help (Alertmanager's Retrier, STYLE.md).
 */
export interface Notifier {
  /** A retrain pipeline or a rollback has nothing to do with a resolution; an email does. */
  wants(notification: Notification): boolean;
  deliver(delivery: Delivery, channel: Channel, attempt: number): Promise<HttpAttemptResult>;
}

/** Notified alerts of a category: `drift` for retrain payloads, `quality` for inhibition notes. */
export function firingOf(notification: Notification, categories: readonly string[]) {
  return notification.firing.filter((a) => categories.includes(a.labels.category ?? ''));
}
