import type { Delivery } from '../../../store/alertsDeliveries';
import type { Channel } from '../config';
import type { Notifier } from '../notifier';
import { postSigned, type SignedPostDeps } from '../webhook/webhook';
import { retrainPayload, wantsRetrain } from './payload';

/** A webhook whose body is the retrain payload; only for notifications with firing drift or performance alerts. */
export function retrainNotifier(deps: SignedPostDeps & { publicUrl: string }): Notifier {
  return {
    wants: wantsRetrain,
    deliver: (delivery: Delivery, channel: Channel) => postSigned(channel, delivery.payload.id, JSON.stringify(retrainPayload(delivery.payload, deps.publicUrl)), deps),
  };
}
