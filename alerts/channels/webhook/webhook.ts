import type { Delivery } from '../../../store/alertsDeliveries';
import type { OutboundPolicy } from '../../delivery/addressGuard';
import { postOnce, type HttpAttemptResult } from '../../delivery/outbound';
import type { Notification } from '../../dispatch/notification';
import type { Channel } from '../config';
import type { Notifier } from '../notifier';
import { signWebhook } from './signing';

export interface SignedPostDeps {
  policy: OutboundPolicy;
  timeoutMs: number;
  now: () => number;
}

/**
 * POSTs a JSON body to a channel's URL, signed per Standard Webhooks with the channel secret.
 * The message id is the notification's id, the same for every attempt of a delivery, so a
 * receiver that saw attempt 1 arrive late can drop attempt 2.
 */
export function postSigned(channel: Channel, messageId: string, body: string, deps: SignedPostDeps): Promise<HttpAttemptResult> {
  const config = channel.config as { url: string; headers?: Record<string, string> };
  const signed = signWebhook(channel.secret, messageId, new Date(deps.now()), body);
  return postOnce(config.url, body, { ...(config.headers ?? {}), ...signed }, { policy: deps.policy, timeoutMs: deps.timeoutMs });
}

/** The JSON a webhook channel receives: the notification as it was queued. */
export function webhookBody(notification: Notification): string {
  return JSON.stringify({ type: notification.kind === 'silence_expired' ? 'vigil.silence.expired' : 'vigil.alerts', ...notification });
}

export function webhookNotifier(deps: SignedPostDeps): Notifier {
  return {
    wants: () => true,
    deliver: (delivery: Delivery, channel: Channel) => postSigned(channel, delivery.payload.id, webhookBody(delivery.payload), deps),
  };
}
