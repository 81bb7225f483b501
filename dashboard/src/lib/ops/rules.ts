import { METRICS, OPERATORS, SEVERITIES, type MetricCategory, type MetricName } from '../../../../alerts/rules/rule';
import { api, path, type Answer, type Schema } from '../api';

/**
 * Alert rules (docs/alerts.md, Rules). The metrics, operators and severities are the server's
 * own lists (alerts/rules/rule.ts, plain data without imports), so the form offers exactly
 * what the server accepts.
 */
export { OPERATORS, SEVERITIES };

export type Rule = Schema<'AlertRule'>;

/** What the rule form edits: the fields of a rule one can set, sent as the body of POST and PUT. */
export type RuleInput = Pick<Rule, 'name' | 'model' | 'metric' | 'feature' | 'op' | 'threshold' | 'forWindows' | 'severity' | 'channels' | 'enabled'>;

export const METRIC_CATEGORIES: readonly MetricCategory[] = ['drift', 'quality', 'performance', 'serving'];

export interface MetricChoice {
  name: string;
  description: string;
  perFeature: boolean;
}

/** The metrics of each category, for grouped choices. */
export function metricsByCategory(): { category: MetricCategory; metrics: MetricChoice[] }[] {
  return METRIC_CATEGORIES.map((category) => ({
    category,
    metrics: Object.entries(METRICS)
      .filter(([, spec]) => spec.category === category)
      .map(([name, spec]) => ({ name, description: spec.description, perFeature: spec.source === 'feature' })),
  }));
}

export function metricDescription(metric: MetricName): string {
  return METRICS[metric].description;
}

/** Whether the metric is read per feature (a rule's `feature` then matters). */
export function isPerFeature(metric: MetricName): boolean {
  return METRICS[metric].source === 'feature';
}

export function emptyRule(model = '*'): RuleInput {
  return { name: '', model, metric: 'psi' satisfies MetricName, feature: '*', op: '>', threshold: 0.2, forWindows: 1, severity: 'warning', channels: [], enabled: true };
}

export function ruleInputOf(rule: Rule): RuleInput {
  const { name, model, metric, feature, op, threshold, forWindows, severity, channels, enabled } = rule;
  return { name, model, metric, feature, op, threshold, forWindows, severity, channels: [...channels], enabled };
}

/** The condition as one line: `psi > 0.2 for 2 windows`. */
export function conditionText(rule: Pick<Rule, 'metric' | 'op' | 'threshold' | 'forWindows'>): string {
  return `${rule.metric} ${rule.op} ${rule.threshold}${rule.forWindows > 1 ? ` for ${rule.forWindows} windows` : ''}`;
}

/** Fields of the rule form, for placing the server's error details. */
export const RULE_FIELDS = ['name', 'model', 'metric', 'feature', 'op', 'threshold', 'forWindows', 'severity', 'channels', 'enabled'] as const;

export const fetchRules = (model: string | null) => api.get<Answer<'/v1/alert-rules', 'get'>>('/v1/alert-rules', { model }).then((r) => r.rules);
export const createRule = (input: RuleInput) => api.post<Answer<'/v1/alert-rules', 'post'>>('/v1/alert-rules', input);
export const replaceRule = (id: string, input: RuleInput) => api.put<Answer<'/v1/alert-rules/{id}', 'put'>>(path('/v1/alert-rules', id), input);
export const deleteRule = (id: string) => api.delete<undefined>(path('/v1/alert-rules', id));
