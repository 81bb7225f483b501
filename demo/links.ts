import type { HistoryPlan } from './history';

export interface DashboardLinks {
  model: string;
  /** Per drifted feature: its page, version 2, baseline against the newest window. */
  features: Record<string, string>;
  alerts: string;
  registry: string;
}

/**
 * The dashboard pages that show what the demo did: the model over the demo's three days (and
 * the live hour), each drifted feature, the alerts of the model, its registry page with the
 * audit log. Paths as the dashboard's router reads them (docs/dashboard.md).
 */
export function dashboardLinks(baseUrl: string, model: string, plan: HistoryPlan, features: readonly string[]): DashboardLinks {
  const page = (path: string, query: Record<string, string> = {}) => {
    const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return url.toString();
  };
  const range = { from: new Date(plan.startMs).toISOString(), to: new Date(plan.endMs + 3_600_000).toISOString() };
  const m = encodeURIComponent(model);
  return {
    model: page(`models/${m}`, range),
    features: Object.fromEntries(features.map((f) => [f, page(`models/${m}/features/${encodeURIComponent(f)}`, { ...range, version: '2' })])),
    alerts: page('alerts', { state: 'firing', model }),
    registry: page(`registry/${m}`),
  };
}
