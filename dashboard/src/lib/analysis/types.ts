import type { Schema } from '../api';

/**
 * The shapes of the monitoring answers the analysis pages read (server/monitoring/*.routes.ts),
 * as the server's /openapi.json documents them (../api.gen.ts). The registry's and the alerts'
 * shapes are declared with their pages' data and re-exported here.
 */
export type { ModelDetail, ModelSettings, ModelSummary } from '../ops/registry';
export type { Alert } from '../ops/alerts';

export type FeatureKind = Schema<'Feature'>['type'];
export type Verdict = Schema<'FeatureDrift'>['verdict'];

/** GET /v1/models/{m}/drift/matrix: one statistic per feature and window, verdicts as letters. */
export type DriftMatrix = Schema<'DriftMatrix'>;

/** One feature's drift in one window: its verdict and every statistic that applies to its kind. */
export type FeatureDrift = Schema<'FeatureDrift'>;

export type DriftWindow = Schema<'DriftWindow'>;

export type TrafficWindow = Schema<'Traffic'>['windows'][number];

export type PerformanceWindow = Schema<'Performance'>['windows'][number];

export type QualityWindow = Schema<'Quality'>['windows'][number];

/** GET /v1/models/{m}/features/{f}/histogram: counts on the baseline's bins. */
export type FeatureHistogram = Schema<'Histogram'>;
