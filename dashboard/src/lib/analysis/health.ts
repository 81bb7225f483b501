import { PREDICTION_FEATURE } from './heatmapGrid';
import type { ModelActivity } from './overview';
import type { Alert, ModelSummary } from './types';
import { VERDICT_OF_CODE } from './verdicts';

/**
 * A model's health at a glance, from its firing alerts, its drift matrix and its traffic:
 * what the overview's cards show and how they are ordered.
 */
export interface ModelHealth {
  model: ModelSummary;
  alerts: { total: number; critical: number; warning: number; info: number; names: string[] };
  /** The newest evaluated window, with the features by verdict; null without one. */
  latest: { start: string; end: string; versions: string[]; drifted: string[]; moderate: string[]; noDrift: number; insufficient: number } | null;
  /** Features (not the prediction) with a drift verdict in any window of the range. */
  driftedInRange: string[];
  predictionDrifted: boolean;
  traffic: { predictions: number; windows: number; latestRatePerHour: number | null; latestP99: number | null; errorRate: number | null; series: { start: Date; predictions: number }[] } | null;
  status: 'attention' | 'watch' | 'healthy' | 'no-data';
}

export function modelHealth(model: ModelSummary, firing: readonly Alert[], activity: ModelActivity | undefined): ModelHealth {
  const mine = firing.filter((a) => a.labels.model === model.name);
  const alerts = {
    total: mine.length,
    critical: mine.filter((a) => a.labels.severity === 'critical').length,
    warning: mine.filter((a) => a.labels.severity === 'warning').length,
    info: mine.filter((a) => a.labels.severity !== 'critical' && a.labels.severity !== 'warning').length,
    names: [...new Set(mine.map((a) => (a.labels.feature ? `${a.labels.alertname} on ${a.labels.feature === PREDICTION_FEATURE ? 'the prediction' : a.labels.feature}` : (a.labels.alertname ?? a.id))))],
  };
  // Until the model's matrix arrives (or when the range holds no window), the server's glance at its newest window.
  const latest = (activity ? latestWindow(activity) : null) ?? serverLatest(model);
  const driftedInRange = activity ? activity.matrix.features.filter((f) => f.feature !== PREDICTION_FEATURE && f.driftedWindows > 0).map((f) => f.feature) : [];
  const predictionDrifted = activity?.matrix.features.some((f) => f.feature === PREDICTION_FEATURE && f.driftedWindows > 0) ?? false;
  const traffic = activity && activity.traffic.length > 0 ? trafficSummary(activity) : null;
  const status =
    alerts.total > 0 || (latest?.drifted.length ?? 0) > 0
      ? 'attention'
      : (latest?.moderate.length ?? 0) > 0 || driftedInRange.length > 0 || predictionDrifted
        ? 'watch'
        : latest || traffic || model.summary.health.lastPredictionAt !== null
          ? 'healthy'
          : 'no-data';
  return { model, alerts, latest, driftedInRange, predictionDrifted, traffic, status };
}

/** The newest window as GET /v1/models tells it: drifted and moderate features, without the counts of the others. */
function serverLatest(model: ModelSummary): ModelHealth['latest'] {
  const { latestWindow, driftedFeatures, moderateFeatures } = model.summary.health;
  if (latestWindow === null) return null;
  const features = (names: string[]) => names.filter((f) => f !== PREDICTION_FEATURE);
  return { start: latestWindow.start, end: latestWindow.end, versions: [], drifted: features(driftedFeatures), moderate: features(moderateFeatures), noDrift: 0, insufficient: 0 };
}

/** The newest window start of the matrix; several versions evaluated then are read together. */
function latestWindow({ matrix }: ModelActivity): ModelHealth['latest'] {
  const last = matrix.windows.at(-1);
  if (!last) return null;
  const columns = matrix.windows.flatMap((w, i) => (w.start === last.start ? [i] : []));
  const drifted: string[] = [];
  const moderate: string[] = [];
  let noDrift = 0;
  let insufficient = 0;
  for (const f of matrix.features) {
    if (f.feature === PREDICTION_FEATURE) continue;
    const verdicts = columns.map((c) => VERDICT_OF_CODE[f.verdicts[c] ?? '-']);
    if (verdicts.includes('drift')) drifted.push(f.feature);
    else if (verdicts.includes('moderate')) moderate.push(f.feature);
    else if (verdicts.includes('no_drift')) noDrift += 1;
    else if (verdicts.includes('insufficient_data')) insufficient += 1;
  }
  return { start: last.start, end: last.end, versions: columns.map((c) => matrix.windows[c]?.version ?? ''), drifted, moderate, noDrift, insufficient };
}

function trafficSummary({ traffic }: ModelActivity): NonNullable<ModelHealth['traffic']> {
  const byStart = new Map<string, number>();
  let predictions = 0;
  let rejected = 0;
  for (const w of traffic) {
    byStart.set(w.start, (byStart.get(w.start) ?? 0) + w.predictions);
    predictions += w.predictions;
    rejected += w.rejected;
  }
  const newest = traffic.at(-1);
  const newestStart = newest?.start;
  const windowHours = newest ? (Date.parse(newest.end) - Date.parse(newest.start)) / 3_600_000 : 1;
  return {
    predictions,
    windows: byStart.size,
    latestRatePerHour: newestStart === undefined ? null : (byStart.get(newestStart) ?? 0) / windowHours,
    latestP99: newest?.latencyP99 ?? null,
    errorRate: predictions + rejected === 0 ? null : rejected / (predictions + rejected),
    series: [...byStart].map(([start, n]) => ({ start: new Date(start), predictions: n })),
  };
}

const STATUS_RANK = { attention: 3, watch: 2, healthy: 1, 'no-data': 0 } as const;

/**
 * What needs attention first: critical alerts, then any firing alert, then drift in the latest
 * window, drift anywhere in the range, moderate drift; ties by name.
 */
export function byAttention(a: ModelHealth, b: ModelHealth): number {
  return (
    STATUS_RANK[b.status] - STATUS_RANK[a.status] ||
    b.alerts.critical - a.alerts.critical ||
    b.alerts.total - a.alerts.total ||
    (b.latest?.drifted.length ?? 0) - (a.latest?.drifted.length ?? 0) ||
    b.driftedInRange.length - a.driftedInRange.length ||
    (b.latest?.moderate.length ?? 0) - (a.latest?.moderate.length ?? 0) ||
    (a.model.name < b.model.name ? -1 : a.model.name > b.model.name ? 1 : 0)
  );
}
