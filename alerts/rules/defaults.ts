import type { AlertRule } from './rule';

/**
 * The rules every model with a baseline gets, written once as ordinary rules (visible and
 * editable; a deleted one stays deleted) with ids derived from the model and the metric:
 *
 * - drift verdict `drift` on any feature (the detectors' verdict already combines PSI with the
 *   adjusted p-values and effect sizes, STATISTICS.md), for 1 window;
 * - a missing-rate jump of 10 points over the baseline on any feature, for 1 window;
 * - accuracy 5 points under the version's offline accuracy, for 2 windows (only once labels
 *   exist: without labels the metric has no value and the rule stays quiet);
 * - gateway error rate over 5 %, for 1 window;
 * - p99 latency over 1 s, for 2 windows.
 */
export type DefaultRule = Omit<AlertRule, 'channels' | 'enabled' | 'isDefault'>;

export function defaultRuleId(model: string, metric: string): string {
  return `default:${model}:${metric}`;
}

export function defaultRules(model: string): DefaultRule[] {
  const rule = (metric: DefaultRule['metric'], name: string, op: DefaultRule['op'], threshold: number, forWindows: number, severity: DefaultRule['severity'], feature = '*'): DefaultRule => ({
    id: defaultRuleId(model, metric),
    name,
    model,
    metric,
    feature,
    op,
    threshold,
    forWindows,
    severity,
  });
  return [
    rule('drift_verdict', 'FeatureDrift', '>=', 2, 1, 'warning'),
    rule('missing_rate_increase', 'MissingRateJump', '>', 0.1, 1, 'warning'),
    rule('accuracy_drop', 'AccuracyDrop', '>', 0.05, 2, 'critical'),
    rule('error_rate', 'GatewayErrorRate', '>', 0.05, 1, 'critical'),
    rule('latency_p99', 'LatencyP99High', '>', 1000, 2, 'warning'),
  ];
}
