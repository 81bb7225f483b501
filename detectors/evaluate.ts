import type { Logger } from 'pino';
import type { BaselineRepository, ResolvedBaseline } from '../store/baselines';
import { PREDICTION_FEATURE } from '../store/baselines';
import type { ColumnProfile } from '../store/baselineProfile';
import type { Store } from '../store/clickhouse';
import { DetectionRepository, type StoredWindow, type WindowWithFeatures } from '../store/detections';
import { WindowAggregates, WindowDiscovery, type NumericFeatureInput, type WindowScope } from '../store/detectionsWindow';
import type { ModelRecord } from '../store/models';
import { nextRevision } from '../store/revision';
import { categoricalFeatureDrift, decideVerdicts, numericFeatureDrift, type FeatureDrift } from './drift';
import { PerformanceEvaluator } from './performance';
import { windowSizeMs, type TimeWindow } from './windows';

export interface DetectorDeps {
  store: Store;
  baselines: BaselineRepository;
  now: () => number;
  logger?: Logger;
  /** Called after every evaluation, e.g. to observe its duration in /metrics. */
  onEvaluated?: (window: StoredWindow, features: readonly FeatureDrift[]) => void;
}

/**
 * Evaluates windows of a model: drift of every feature and of the prediction against the
 * version's baseline, data quality, performance once labels exist, skew against the
 * registry's offline metrics; stores the results (one new run per evaluation, so re-running a
 * window replaces it: idempotent).
 */
export class DriftDetector {
  readonly results: DetectionRepository;
  readonly discovery: WindowDiscovery;
  private readonly aggregates: WindowAggregates;
  private readonly performance: PerformanceEvaluator;

  constructor(private readonly deps: DetectorDeps) {
    this.results = new DetectionRepository(deps.store);
    this.discovery = new WindowDiscovery(deps.store);
    this.aggregates = new WindowAggregates(deps.store);
    this.performance = new PerformanceEvaluator(deps.store);
  }

  /**
   * Evaluates every (window, version) with predictions in [fromMs, toMs): windows of the model's
   * size (or `window`; `all` for one window over the whole range), optionally one version.
   */
  async run(model: ModelRecord, fromMs: number, toMs: number, options: { window?: string | undefined; version?: string | undefined } = {}): Promise<WindowWithFeatures[]> {
    const whole = options.window === 'all';
    const sizeMs = whole ? toMs - fromMs : windowSizeMs(options.window ?? model.settings.windowSize);
    const origin = whole ? fromMs : 0;
    const active = await this.discovery.inRange(model.project, model.name, fromMs, toMs, sizeMs, origin, options.version);
    const out: WindowWithFeatures[] = [];
    for (const w of active) out.push(await this.evaluate(model, w.version, { startMs: w.startMs, endMs: w.startMs + sizeMs }));
    return out;
  }

  /** Evaluates one (model, version, window) and stores the result. */
  async evaluate(model: ModelRecord, version: string, window: TimeWindow): Promise<WindowWithFeatures> {
    const started = performance.now();
    const scope: WindowScope = { project: model.project, model: model.name, version, startMs: window.startMs, endMs: window.endMs };
    const [counts, baseline, labels] = await Promise.all([
      this.aggregates.counts(scope),
      this.deps.baselines.resolve(model.project, model.name, version),
      this.performance.evaluate(model, scope),
    ]);
    const settings = model.settings;
    let features: FeatureDrift[] = [];
    let status: StoredWindow['status'] = counts.predictions < settings.minSamples ? 'insufficient_data' : 'ok';
    let reason = status === 'insufficient_data' ? `${counts.predictions} predictions in the window; minSamples is ${settings.minSamples}` : '';
    if (baseline === undefined) {
      status = 'no_baseline';
      reason = `version ${JSON.stringify(version)} has no baseline (upload one, or set baselineFrom)`;
    } else {
      features = decideVerdicts(await this.featureDrift(model, baseline, scope, counts.predictions), settings);
    }
    const evaluatedAtMs = this.deps.now();
    const stored: StoredWindow = {
      project: model.project,
      model: model.name,
      version,
      startMs: window.startMs,
      endMs: window.endMs,
      status,
      reason,
      predictionCount: counts.predictions,
      labeledCount: labels.labeledCount,
      baselineId: baseline?.baselineId ?? '',
      lastReceivedMs: counts.lastReceivedMs,
      lastFeedbackMs: labels.lastFeedbackMs,
      evaluatedAtMs,
      durationMs: performance.now() - started,
      performance: labels.metrics,
      skew: labels.skew,
      runVersion: nextRevision(evaluatedAtMs),
    };
    await this.results.write(stored, features);
    this.deps.onEvaluated?.(stored, features);
    return { ...stored, features };
  }

  private async featureDrift(model: ModelRecord, baseline: ResolvedBaseline, scope: WindowScope, windowRows: number): Promise<FeatureDrift[]> {
    const profile = baseline.profile;
    const columns = new Map<string, ColumnProfile>(profile.features.map((c) => [c.name, c]));
    if (profile.prediction !== null) columns.set(PREDICTION_FEATURE, profile.prediction);
    const missingRate = (c: ColumnProfile) => (profile.rowCount === 0 ? 0 : (profile.rowCount - c.count) / profile.rowCount);
    const numeric: NumericFeatureInput[] = [];
    const numericFacts = new Map<string, { std: number; missingRate: number; edges: number[] }>();
    const categorical: string[] = [];
    for (const [feature, column] of columns) {
      if (column.kind === 'numeric') {
        numeric.push({ feature, edges: column.edges, min: column.min ?? 0, max: column.max ?? 0 });
        numericFacts.set(feature, { std: column.std ?? 0, missingRate: missingRate(column), edges: column.edges });
      } else categorical.push(feature);
    }
    const predictionNumeric = columns.get(PREDICTION_FEATURE)?.kind === 'numeric';
    const predictionCategorical = columns.get(PREDICTION_FEATURE)?.kind === 'categorical';
    const numericAggregates = await this.aggregates.numeric(scope, baseline.baselineId, numeric, predictionNumeric, windowRows + profile.rowCount);
    const categoryAggregates = await this.aggregates.categorical(scope, baseline.baselineId, categorical, predictionCategorical);
    const numericBy = new Map(numericAggregates.map((a) => [a.feature, a]));
    const out: FeatureDrift[] = [];
    for (const input of numeric) {
      const facts = numericFacts.get(input.feature) ?? { std: 0, missingRate: 0, edges: input.edges };
      out.push(numericFeatureDrift(numericBy.get(input.feature), { feature: input.feature, ...facts }, windowRows));
    }
    for (const feature of categorical) {
      const column = columns.get(feature);
      const rate = column === undefined ? 0 : missingRate(column);
      out.push(categoricalFeatureDrift(categoryAggregates.filter((a) => a.feature === feature), { feature, missingRate: rate }, windowRows));
    }
    // Features in the model's order, the prediction last.
    const order = new Map(model.features.map((f, i) => [f.name, i]));
    return out.sort((a, b) => (order.get(a.feature) ?? Infinity) - (order.get(b.feature) ?? Infinity));
  }
}
