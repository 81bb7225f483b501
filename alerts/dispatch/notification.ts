import type { Labels } from '../fingerprint';
import type { AlertDetails } from '../rules/observe';

/**
 * What one delivery carries, built once when it is queued and stored with it, so a retry after
 * a restart sends the same thing: the group's firing and newly resolved alerts (one
 * notification for 30 drifting features of a model, not 30), or a notice that a silence
 * expired over alerts still firing.
 */
export interface NotifiedAlert {
  /** The alert's id in the API: its fingerprint. */
  id: string;
  labels: Labels;
  state: 'firing' | 'resolved';
  /** When the condition started to hold (the first window of the run), RFC 3339. */
  startsAt: string;
  /** When it resolved, RFC 3339; null while firing. */
  endsAt: string | null;
  value: number | null;
  details: AlertDetails | null;
  /** Drift alerts this quality alert holds back (ML-aware inhibition), by id and feature. */
  covers: { id: string; alertname: string; feature: string | null }[];
}

export interface Notification {
  /** Stable across attempts: the webhook-id of every attempt of the delivery. */
  id: string;
  kind: 'alerts' | 'silence_expired';
  project: string;
  model: string;
  groupKey: string;
  /** `firing` while any alert of the notification fires. */
  status: 'firing' | 'resolved';
  firing: NotifiedAlert[];
  resolved: NotifiedAlert[];
  /** The dashboard page of the model over the alerts' windows. */
  dashboardUrl: string;
  /** Where pipelines fetch the fresh predictions from (the API), for the alerts' range. */
  dataUrl: string;
  createdAt: string;
  silence?: { id: string; comment: string; createdBy: string; endsAt: string };
}

/** The time range the alerts of a notification cover: first window start to last window end (ms). */
export function alertRange(alerts: readonly NotifiedAlert[], fallbackMs: number): { fromMs: number; toMs: number } {
  const starts = alerts.map((a) => a.details?.windowStart ?? Date.parse(a.startsAt)).filter(Number.isFinite);
  const ends = alerts.map((a) => a.details?.windowEnd ?? fallbackMs).filter(Number.isFinite);
  const fromMs = Math.min(...starts.concat(alerts.map((a) => Date.parse(a.startsAt)).filter(Number.isFinite)));
  const toMs = Math.max(...ends);
  return { fromMs: Number.isFinite(fromMs) ? fromMs : fallbackMs - 3_600_000, toMs: Number.isFinite(toMs) ? toMs : fallbackMs };
}

/** The link to the model's dashboard page over [fromMs, toMs). */
export function dashboardLink(publicUrl: string, model: string, fromMs: number, toMs: number): string {
  const url = new URL(`models/${encodeURIComponent(model)}`, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  url.searchParams.set('from', new Date(fromMs).toISOString());
  url.searchParams.set('to', new Date(toMs).toISOString());
  return url.toString();
}

/** The API URL of a model's predictions in [fromMs, toMs) of one version. */
export function predictionsLink(publicUrl: string, model: string, version: string | undefined, fromMs: number, toMs: number): string {
  const url = new URL(`v1/models/${encodeURIComponent(model)}/predictions`, publicUrl.endsWith('/') ? publicUrl : `${publicUrl}/`);
  url.searchParams.set('from', new Date(fromMs).toISOString());
  url.searchParams.set('to', new Date(toMs).toISOString());
  if (version !== undefined) url.searchParams.set('version', version);
  return url.toString();
}

/** A one-line summary: what fires and where, for subjects and logs. */
export function summaryLine(n: Notification): string {
  if (n.kind === 'silence_expired') return `silence expired over ${n.firing.length} firing alert${n.firing.length === 1 ? '' : 's'} of ${n.model}`;
  const versions = [...new Set([...n.firing, ...n.resolved].map((a) => a.labels.version).filter((v): v is string => v !== undefined))];
  const where = `${n.model}${versions.length > 0 ? ` v${versions.join(', v')}` : ''}`;
  const describe = (alerts: readonly NotifiedAlert[]) => {
    const byName = new Map<string, string[]>();
    for (const a of alerts) {
      const list = byName.get(a.labels.alertname ?? 'alert') ?? [];
      if (a.labels.feature !== undefined) list.push(a.labels.feature);
      byName.set(a.labels.alertname ?? 'alert', list);
    }
    return [...byName].map(([name, features]) => (features.length > 0 ? `${name} on ${features.slice(0, 5).join(', ')}${features.length > 5 ? ` and ${features.length - 5} more` : ''}` : name)).join('; ');
  };
  if (n.firing.length > 0) return `[FIRING:${n.firing.length}] ${where}: ${describe(n.firing)}`;
  return `[RESOLVED] ${where}: ${describe(n.resolved)}`;
}
