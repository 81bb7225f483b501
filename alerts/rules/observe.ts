import type { Labels } from '../fingerprint';
import { METRICS, ruleApplies, type AlertRule, type MetricName } from './rule';

/** One feature's stored result in a window (drift_results). */
export interface FeatureSignal {
  feature: string;
  kind: 'numeric' | 'categorical';
  verdict: string;
  statistics: Record<string, number | null>;
}

/** What the detectors stored for one (model, version, window). */
export interface DetectorWindowSignals {
  source: 'detector';
  model: string;
  version: string;
  startMs: number;
  endMs: number;
  status: 'ok' | 'insufficient_data' | 'no_baseline';
  predictionCount: number;
  features: FeatureSignal[];
  /** Online performance (accuracy, f1, rocAuc, mae, ...), empty without labels. */
  performance: Record<string, number>;
  /** Online minus offline, per metric the version records offline. */
  skew: Record<string, number>;
}

/** What the gateway and the traffic aggregates say about one (model, version, window). */
export interface ServingWindowSignals {
  source: 'serving';
  model: string;
  version: string;
  startMs: number;
  endMs: number;
  errorRate: number | null;
  latencyP99: number | null;
}

export type WindowSignals = DetectorWindowSignals | ServingWindowSignals;

/** What a notification shows about the window in which an alert's condition last held. */
export interface AlertDetails {
  windowStart: number;
  windowEnd: number;
  feature?: string;
  kind?: 'numeric' | 'categorical';
  verdict?: string;
  statistics?: Record<string, number | null>;
}

export interface SeriesObservation {
  labels: Labels;
  /** The metric's value in the window. */
  value: number;
  details: AlertDetails;
}

const VERDICT_RANK: Record<string, number> = { no_drift: 0, moderate: 1, drift: 2 };

/** Statistic name in the detectors' results for each per-feature metric. */
const FEATURE_STATISTIC: Partial<Record<MetricName, string>> = {
  psi: 'psi',
  js_distance: 'jsDistance',
  ks_statistic: 'ksStatistic',
  ks_pvalue_adjusted: 'ksPValueAdjusted',
  chi2_pvalue_adjusted: 'chi2PValueAdjusted',
  wasserstein_normed: 'wassersteinNormed',
  missing_rate: 'currentMissingRate',
  out_of_range_rate: 'outOfRangeRate',
  new_category_rate: 'newCategoryRate',
};

const PERFORMANCE_KEY: Partial<Record<MetricName, string>> = { accuracy: 'accuracy', f1: 'f1', roc_auc: 'rocAuc', mae: 'mae', rmse: 'rmse' };

const finite = (x: number | null | undefined): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/** A feature's value of a per-feature metric, or null when the window has none. */
export function featureValue(metric: MetricName, feature: FeatureSignal): number | null {
  if (feature.verdict === 'insufficient_data') return null;
  if (metric === 'drift_verdict') return VERDICT_RANK[feature.verdict] ?? null;
  if (metric === 'missing_rate_increase') {
    const current = finite(feature.statistics.currentMissingRate);
    const baseline = finite(feature.statistics.baselineMissingRate);
    return current === null ? null : current - (baseline ?? 0);
  }
  const name = FEATURE_STATISTIC[metric];
  return name === undefined ? null : finite(feature.statistics[name]);
}

/** A window-level metric's value, or null when the window has none. */
export function windowValue(metric: MetricName, signals: DetectorWindowSignals): number | null {
  if (metric === 'prediction_count') return signals.predictionCount;
  if (metric === 'accuracy_drop') {
    const skew = finite(signals.skew.accuracy);
    return skew === null ? null : -skew;
  }
  const key = PERFORMANCE_KEY[metric];
  return key === undefined ? null : finite(signals.performance[key]);
}

/** The labels of one alert series: what its fingerprint is made of. */
export function seriesLabels(rule: AlertRule, project: string, model: string, version: string, feature?: string): Labels {
  return {
    alertname: rule.name,
    rule: rule.id,
    project,
    model,
    version,
    metric: rule.metric,
    category: METRICS[rule.metric].category,
    severity: rule.severity,
    ...(feature === undefined ? {} : { feature }),
  };
}

/**
 * The observations a rule makes of one window: one per series it applies to that has a value
 * in the window. A series without a value (a feature with insufficient data, no labels yet, no
 * gateway calls) is not observed, so its alert keeps its state rather than resolving on a
 * window that says nothing.
 */
export function observe(rule: AlertRule, project: string, signals: WindowSignals): SeriesObservation[] {
  if (!rule.enabled || !ruleApplies(rule, signals.model)) return [];
  const spec = METRICS[rule.metric];
  const window = { windowStart: signals.startMs, windowEnd: signals.endMs };
  if (spec.source === 'serving') {
    if (signals.source !== 'serving') return [];
    const value = finite(rule.metric === 'error_rate' ? signals.errorRate : signals.latencyP99);
    return value === null ? [] : [{ labels: seriesLabels(rule, project, signals.model, signals.version), value, details: window }];
  }
  if (signals.source !== 'detector' || signals.status === 'no_baseline') return [];
  if (spec.source === 'window') {
    // Counts are meaningful in any window; performance only with enough predictions.
    if (rule.metric !== 'prediction_count' && signals.status !== 'ok') return [];
    const value = windowValue(rule.metric, signals);
    return value === null ? [] : [{ labels: seriesLabels(rule, project, signals.model, signals.version), value, details: window }];
  }
  if (signals.status !== 'ok') return [];
  const out: SeriesObservation[] = [];
  for (const f of signals.features) {
    if (!ruleApplies(rule, signals.model, f.feature)) continue;
    const value = featureValue(rule.metric, f);
    if (value === null) continue;
    out.push({
      labels: seriesLabels(rule, project, signals.model, signals.version, f.feature),
      value,
      details: { ...window, feature: f.feature, kind: f.kind, verdict: f.verdict, statistics: f.statistics },
    });
  }
  return out;
}
