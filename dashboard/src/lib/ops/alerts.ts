import { api, path, type Answer, type Schema } from '../api';

/** The Alerts page's data: alert instances, one alert's log, acknowledgement (docs/alerts.md). */

export type Alert = Schema<'Alert'>;
/** GET /v1/alerts/{id}: the alert with its history and its notification log. */
export type AlertDetail = Answer<'/v1/alerts/{id}', 'get'>;

/** The tabs of the Alerts page, in the URL as `state=`. */
export const ALERT_TABS = ['firing', 'pending', 'resolved'] as const satisfies readonly Alert['state'][];
export type AlertTab = (typeof ALERT_TABS)[number];

export function alertTabOf(query: URLSearchParams): AlertTab {
  const state = query.get('state');
  return (ALERT_TABS as readonly string[]).includes(state ?? '') ? (state as AlertTab) : 'firing';
}

export type AlertsByTab = Record<AlertTab, Alert[]>;

/** Firing, pending and resolved alerts (of one model, or all): one request per tab, for the tab counts. */
export async function fetchAlertsByTab(model: string | null): Promise<AlertsByTab> {
  const lists = await Promise.all(ALERT_TABS.map((state) => api.get<Answer<'/v1/alerts', 'get'>>('/v1/alerts', { state, model, limit: 1000 })));
  return Object.fromEntries(ALERT_TABS.map((state, i) => [state, lists[i]?.alerts ?? []])) as AlertsByTab;
}

export const fetchAlertDetail = (id: string) => api.get<AlertDetail>(path('/v1/alerts', id));

export const acknowledgeAlert = (id: string) => api.post<Answer<'/v1/alerts/{id}/ack', 'post'>>(path('/v1/alerts', id, 'ack'));

const SEVERITY_RANK: Record<string, number> = { critical: 0, warning: 1, info: 2 };

export interface ModelAlerts {
  model: string;
  alerts: Alert[];
}

/**
 * Alerts grouped per model, as notifications group them: models with the most severe alert
 * first, then by name; inside a model by severity, alert name and feature.
 */
export function groupByModel(alerts: readonly Alert[]): ModelAlerts[] {
  const groups = new Map<string, Alert[]>();
  for (const alert of alerts) {
    const model = alert.labels.model ?? '';
    const group = groups.get(model);
    if (group) group.push(alert);
    else groups.set(model, [alert]);
  }
  const rank = (a: Alert) => SEVERITY_RANK[a.labels.severity ?? ''] ?? 3;
  const order = (a: Alert, b: Alert) =>
    rank(a) - rank(b) || (a.labels.alertname ?? '').localeCompare(b.labels.alertname ?? '') || (a.labels.feature ?? '').localeCompare(b.labels.feature ?? '') || a.id.localeCompare(b.id);
  return [...groups.entries()]
    .map(([model, list]) => ({ model, alerts: list.sort(order) }))
    .sort((a, b) => Math.min(...a.alerts.map(rank)) - Math.min(...b.alerts.map(rank)) || a.model.localeCompare(b.model));
}

/** When the alert entered the state its tab shows. */
export function stateSince(alert: Alert): string | null {
  if (alert.state === 'resolved') return alert.resolvedAt;
  if (alert.state === 'firing') return alert.firedAt ?? alert.activeSince;
  return alert.activeSince;
}

/** The alert's window, from the details the evaluator stored (epoch ms), when known. */
export function alertWindow(alert: Alert): { start: string; end: string } | null {
  const start = alert.details?.windowStart;
  const end = alert.details?.windowEnd;
  return typeof start === 'number' && typeof end === 'number' ? { start: new Date(start).toISOString(), end: new Date(end).toISOString() } : null;
}

/** The labels the page already shows in columns; the rest are listed as extra labels. */
export const SHOWN_LABELS = new Set(['alertname', 'model', 'feature', 'version', 'severity', 'project', 'rule', 'metric', 'category']);

/** A delivery overdue by more than this is not about to go out: it waits for an earlier one. */
const OVERDUE_MS = 5_000;

/**
 * What a notification waits for, if anything: its next attempt, or, once that time has passed
 * a while ago, an earlier notification on the same channel (each channel sends in order, one at
 * a time, retrying the oldest first: docs/alerts.md).
 */
export function deliveryWait(delivery: Pick<AlertDetail['notifications'][number], 'state' | 'nextAttemptAt'>, now: number): { kind: 'next-attempt'; at: string } | { kind: 'queued-behind' } | null {
  if (delivery.state !== 'pending' || delivery.nextAttemptAt === null) return null;
  return Date.parse(delivery.nextAttemptAt) < now - OVERDUE_MS ? { kind: 'queued-behind' } : { kind: 'next-attempt', at: delivery.nextAttemptAt };
}
