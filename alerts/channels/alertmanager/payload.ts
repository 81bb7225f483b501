import type { Notification, NotifiedAlert } from '../../dispatch/notification';

/** One alert as Alertmanager's API v2 takes it (`POST /api/v2/alerts`, `postableAlert`). */
export interface PostableAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
}

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

function describe(a: NotifiedAlert): string {
  const stats = Object.entries(a.details?.statistics ?? {})
    .filter(([, v]) => v !== null)
    .slice(0, 6)
    .map(([k, v]) => `${k}=${Number(Number(v).toPrecision(4))}`)
    .join(', ');
  return `${a.labels.metric ?? 'value'} = ${a.value === null ? 'n/a' : Number(a.value.toPrecision(4))}${stats ? ` (${stats})` : ''}`;
}

/**
 * The alerts of a notification for Alertmanager. Alertmanager resolves an alert whose endsAt
 * has passed, so a firing alert is sent with an endsAt of `validForMs` ahead (Vigil re-sends
 * it at every group notification, as Prometheus re-sends at every evaluation), and a resolved
 * one with the time it resolved: that is how Alertmanager learns of the resolution.
 */
export function alertmanagerAlerts(notification: Notification, now: number, validForMs: number): PostableAlert[] {
  const toAlert = (a: NotifiedAlert): PostableAlert => ({
    labels: Object.fromEntries(Object.entries(a.labels).filter(([name, value]) => LABEL_NAME.test(name) && value !== '')),
    annotations: {
      summary: `${a.labels.alertname ?? 'alert'} on ${a.labels.model ?? ''}${a.labels.feature ? `/${a.labels.feature}` : ''} (version ${a.labels.version ?? '?'})`,
      description: describe(a),
      dashboard: notification.dashboardUrl,
      ...(a.covers.length > 0 ? { covers: a.covers.map((c) => `${c.alertname}${c.feature ? ` on ${c.feature}` : ''}`).join(', ') } : {}),
      vigil_id: a.id,
    },
    startsAt: a.startsAt,
    endsAt: a.state === 'resolved' && a.endsAt !== null ? a.endsAt : new Date(now + validForMs).toISOString(),
    generatorURL: notification.dashboardUrl,
  });
  return [...notification.firing, ...notification.resolved].map(toAlert);
}
