import type { Delivery } from '../../../store/alertsDeliveries';
import type { OutboundPolicy } from '../../delivery/addressGuard';
import { postOnce } from '../../delivery/outbound';
import type { AlertmanagerConfig, Channel } from '../config';
import type { Notifier } from '../notifier';
import { alertmanagerAlerts } from './payload';

/** Posts a notification's alerts to a Prometheus Alertmanager (`<url>/api/v2/alerts`). */
export function alertmanagerNotifier(deps: { policy: OutboundPolicy; timeoutMs: number; now: () => number; validForMs: number }): Notifier {
  return {
    wants: (n) => n.kind === 'alerts',
    deliver: (delivery: Delivery, channel: Channel) => {
      const config = channel.config as AlertmanagerConfig;
      const url = new URL('api/v2/alerts', config.url.endsWith('/') ? config.url : `${config.url}/`).toString();
      const body = JSON.stringify(alertmanagerAlerts(delivery.payload, deps.now(), deps.validForMs));
      return postOnce(url, body, config.headers ?? {}, { policy: deps.policy, timeoutMs: deps.timeoutMs });
    },
  };
}
