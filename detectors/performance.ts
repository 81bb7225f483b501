import type { Store } from '../store/clickhouse';
import { PerformanceAggregates, type ConfusionCell } from '../store/detectionsPerformance';
import type { WindowScope } from '../store/detectionsWindow';
import type { ModelRecord } from '../store/models';
import { RegistryRepository } from '../store/registry';

/** Online performance of one window, with its skew against the version's offline metrics. */
export interface WindowPerformance {
  labeledCount: number;
  lastFeedbackMs: number;
  /** accuracy, precision, recall, f1, rocAuc, logLoss (classifiers); mae, rmse, mape, r2 (regression). */
  metrics: Record<string, number>;
  /** Online minus offline, for every metric the registry version also records. */
  skew: Record<string, number>;
}

/** Labels that mean "positive" for a binary classifier without a `positiveClass` setting. */
export const DEFAULT_POSITIVE_LABELS = ['1', 'true', 'True', '1.0'];

/**
 * Accuracy, and precision / recall / F1 of one class (binary) or their unweighted mean over
 * every class seen in labels or predictions (multiclass macro, as scikit-learn's
 * `average='macro'`; a class never predicted has precision 0).
 *
 * @example classificationMetrics([{ predicted: '1', actual: '1', count: 3 }, { predicted: '0', actual: '1', count: 1 }], ['1']).recall // 0.75
 */
export function classificationMetrics(cells: readonly ConfusionCell[], positives?: readonly string[]): Record<string, number> {
  const total = cells.reduce((s, c) => s + c.count, 0);
  if (total === 0) return {};
  const correct = cells.filter((c) => c.predicted === c.actual).reduce((s, c) => s + c.count, 0);
  const scoresOf = (isClass: (label: string) => boolean) => {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const c of cells) {
      const p = isClass(c.predicted);
      const a = isClass(c.actual);
      if (p && a) tp += c.count;
      else if (p) fp += c.count;
      else if (a) fn += c.count;
    }
    const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
    const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { precision, recall, f1 };
  };
  if (positives !== undefined) return { accuracy: correct / total, ...scoresOf((l) => positives.includes(l)) };
  const classes = [...new Set(cells.flatMap((c) => [c.predicted, c.actual]))];
  const per = classes.map((k) => scoresOf((l) => l === k));
  const mean = (key: 'precision' | 'recall' | 'f1') => per.reduce((s, x) => s + x[key], 0) / per.length;
  return { accuracy: correct / total, precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}

/** `roc_auc`, `ROC-AUC` and `rocAuc` name the same metric. */
const metricKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Online minus offline for every metric both record (names matched loosely, see metricKey). */
export function performanceSkew(online: Record<string, number>, offline: Record<string, number>): Record<string, number> {
  const offlineBy = new Map(Object.entries(offline).map(([k, v]) => [metricKey(k), v]));
  const skew: Record<string, number> = {};
  for (const [name, value] of Object.entries(online)) {
    const reference = offlineBy.get(metricKey(name));
    if (reference !== undefined) skew[name] = value - reference;
  }
  return skew;
}

export class PerformanceEvaluator {
  private readonly aggregates: PerformanceAggregates;
  private readonly registry: RegistryRepository;

  constructor(store: Store) {
    this.aggregates = new PerformanceAggregates(store);
    this.registry = new RegistryRepository(store);
  }

  async evaluate(model: ModelRecord, scope: WindowScope): Promise<WindowPerformance> {
    const freshness = await this.aggregates.freshness(scope);
    if (freshness.labeled === 0) return { labeledCount: 0, lastFeedbackMs: 0, metrics: {}, skew: {} };
    let metrics: Record<string, number> = {};
    if (model.task === 'regression') {
      const r = await this.aggregates.regression(scope);
      if (r !== null) metrics = { mae: r.mae, rmse: r.rmse, mape: r.mape, ...(r.r2 === null ? {} : { r2: r.r2 }) };
    } else if (model.task === 'binary_classification') {
      const positives = model.settings.positiveClass === null ? DEFAULT_POSITIVE_LABELS : [model.settings.positiveClass];
      const [cells, scores] = await Promise.all([this.aggregates.confusion(scope), this.aggregates.binaryScores(scope, positives)]);
      metrics = classificationMetrics(cells, positives);
      if (scores.rocAuc !== null) metrics.rocAuc = scores.rocAuc;
      if (scores.logLoss !== null) metrics.logLoss = scores.logLoss;
    } else {
      const [cells, logLoss] = await Promise.all([this.aggregates.confusion(scope), this.aggregates.multiclassLogLoss(scope)]);
      metrics = classificationMetrics(cells);
      if (logLoss !== null) metrics.logLoss = logLoss;
    }
    const version = await this.registry.getVersion(scope.project, scope.model, scope.version);
    return { labeledCount: freshness.labeled, lastFeedbackMs: freshness.lastFeedbackMs, metrics, skew: performanceSkew(metrics, version?.metrics ?? {}) };
  }
}
