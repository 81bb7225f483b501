import { Counter, Gauge, type Registry } from 'prom-client';
import type { StoredAlert } from '../store/alerts';

export interface AlertMetrics {
  /** Sets the open-alert gauge of a project from its alerts after an evaluation. */
  observeAlerts(project: string, alerts: readonly StoredAlert[]): void;
  /** Counts one delivery attempt by channel type and outcome. */
  attempt(type: string, outcome: string): void;
}

function reuse<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * `/metrics` for alerting: open alerts per model, state and severity (API.md, Monitoring out),
 * and delivery attempts per channel type and outcome.
 */
export function alertMetrics(registry: Registry): AlertMetrics {
  const open = reuse(registry, 'vigil_alerts_open', () =>
    new Gauge({ name: 'vigil_alerts_open', help: 'Pending and firing alerts per model, state and severity (silenced and inhibited ones included)', labelNames: ['project', 'model', 'state', 'severity'] as const, registers: [registry] }),
  );
  const attempts = reuse(registry, 'vigil_alert_delivery_attempts_total', () =>
    new Counter({ name: 'vigil_alert_delivery_attempts_total', help: 'Delivery attempts per channel type and outcome (delivered, failed, skipped)', labelNames: ['type', 'outcome'] as const, registers: [registry] }),
  );
  const seen = new Map<string, Set<string>>();
  return {
    observeAlerts(project, alerts) {
      const counts = new Map<string, { labels: { project: string; model: string; state: string; severity: string }; n: number }>();
      for (const a of alerts) {
        if (a.state !== 'pending' && a.state !== 'firing') continue;
        const labels = { project, model: a.labels.model ?? '', state: a.state, severity: a.labels.severity ?? '' };
        const key = JSON.stringify(labels);
        counts.set(key, { labels, n: (counts.get(key)?.n ?? 0) + 1 });
      }
      // Series that had alerts and have none now go to 0 rather than keep their last value.
      for (const key of seen.get(project) ?? []) if (!counts.has(key)) open.set(JSON.parse(key) as Record<string, string>, 0);
      for (const { labels, n } of counts.values()) open.set(labels, n);
      seen.set(project, new Set([...(seen.get(project) ?? []), ...counts.keys()]));
    },
    attempt(type, outcome) {
      attempts.inc({ type, outcome });
    },
  };
}
