/**
 * Alert rules: a metric of one window compared with a threshold. A rule names a model (or `*`
 * for every model of the project) and, for per-feature metrics, a feature (or `*`); each
 * (model, version, feature) it applies to is one alert series with its own state.
 */
export const OPERATORS = ['>', '>=', '<', '<=', '==', '!='] as const;
export type Operator = (typeof OPERATORS)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * Which alerts a metric makes: `drift` (a feature moved), `quality` (the data is broken: its
 * firing holds drift alerts of the same features back), `performance` (labels say the model is
 * worse), `serving` (the gateway sees errors or slowness).
 */
export type MetricCategory = 'drift' | 'quality' | 'performance' | 'serving';

/** Where a metric's value comes from in a window. */
export type MetricSource = 'feature' | 'window' | 'serving';

export interface MetricSpec {
  category: MetricCategory;
  source: MetricSource;
  description: string;
}

/**
 * Every metric a rule can use. Per-feature metrics read the stored drift results
 * (`drift_results`), window metrics the window row (`drift_windows`: counts, online
 * performance and its skew), serving metrics the gateway's calls and the traffic aggregates.
 */
export const METRICS = {
  drift_verdict: { category: 'drift', source: 'feature', description: 'The feature\'s verdict as a number: no_drift 0, moderate 1, drift 2 (insufficient_data: no value)' },
  psi: { category: 'drift', source: 'feature', description: 'Population stability index' },
  js_distance: { category: 'drift', source: 'feature', description: 'Jensen-Shannon distance' },
  ks_statistic: { category: 'drift', source: 'feature', description: 'Kolmogorov-Smirnov D (numeric features)' },
  ks_pvalue_adjusted: { category: 'drift', source: 'feature', description: 'KS p-value, Benjamini-Hochberg adjusted over the window\'s features' },
  chi2_pvalue_adjusted: { category: 'drift', source: 'feature', description: 'Chi-square p-value, adjusted (categorical features)' },
  wasserstein_normed: { category: 'drift', source: 'feature', description: 'Wasserstein distance over the baseline\'s standard deviation' },
  missing_rate: { category: 'quality', source: 'feature', description: 'Share of predictions without the feature' },
  missing_rate_increase: { category: 'quality', source: 'feature', description: 'Missing rate in the window minus the baseline\'s' },
  out_of_range_rate: { category: 'quality', source: 'feature', description: 'Share of values outside the baseline\'s range' },
  new_category_rate: { category: 'quality', source: 'feature', description: 'Share of values in categories the baseline never saw' },
  prediction_count: { category: 'quality', source: 'window', description: 'Predictions in the window (a traffic drop: `<`)' },
  accuracy: { category: 'performance', source: 'window', description: 'Online accuracy once labels exist' },
  f1: { category: 'performance', source: 'window', description: 'Online F1' },
  roc_auc: { category: 'performance', source: 'window', description: 'Online ROC AUC (binary)' },
  mae: { category: 'performance', source: 'window', description: 'Online mean absolute error (regression)' },
  rmse: { category: 'performance', source: 'window', description: 'Online root mean squared error (regression)' },
  accuracy_drop: { category: 'performance', source: 'window', description: 'Offline accuracy of the version minus online accuracy' },
  error_rate: { category: 'serving', source: 'serving', description: 'Share of the gateway\'s calls to the version that failed (5xx, timeout, unreachable, circuit open)' },
  latency_p99: { category: 'serving', source: 'serving', description: '99th percentile of prediction latency, ms' },
} as const satisfies Record<string, MetricSpec>;

export type MetricName = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as MetricName[];

export interface AlertRule {
  id: string;
  name: string;
  /** A model name, or `*` for every model of the project. */
  model: string;
  metric: MetricName;
  /** A feature name or `*`; ignored (`*`) for metrics that are not per feature. */
  feature: string;
  op: Operator;
  threshold: number;
  /** Consecutive windows the condition must hold before the alert fires (1 = at once). */
  forWindows: number;
  severity: Severity;
  /** Channel ids; empty: the project's default channels. */
  channels: string[];
  enabled: boolean;
  /** Written by Vigil for a model with a baseline; editable like any other. */
  isDefault: boolean;
}

/**
 * Whether `value op threshold`. A missing value (no data for the metric in the window) is
 * not a value: the caller does not observe the window at all.
 *
 * @example conditionHolds(0.31, '>=', 0.2) // true
 */
export function conditionHolds(value: number, op: Operator, threshold: number): boolean {
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
}

/** Whether a rule applies to a model and a feature (`*` matches any). */
export function ruleApplies(rule: Pick<AlertRule, 'model' | 'feature'>, model: string, feature?: string): boolean {
  if (rule.model !== '*' && rule.model !== model) return false;
  return feature === undefined || rule.feature === '*' || rule.feature === feature;
}
