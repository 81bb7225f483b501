/**
 * The shapes of the monitoring and registry answers the analysis pages read (API.md,
 * server/monitoring/*.routes.ts, server/registry/models.routes.ts). Only the fields shown here
 * are relied on.
 */

export type FeatureKind = 'numeric' | 'categorical';
export type Verdict = 'no_drift' | 'moderate' | 'drift' | 'insufficient_data';

export interface ModelFeature {
  name: string;
  type: FeatureKind;
}

export interface ModelSettings {
  windowSize: string;
  minSamples: number;
  psiDrift: number;
  psiModerate: number;
  adjustedPValue: number;
  wassersteinNormedMin: number;
  jsDistanceMin: number;
}

export interface ModelSummary {
  name: string;
  task: string;
  features: ModelFeature[];
  description: string;
  owner: string;
  tags: Record<string, string>;
  settings: ModelSettings;
  summary: { versionCount: number; latestVersion: string | null; aliases: Record<string, string>; health: ServerHealth };
}

/** GET /v1/models: the server's glance at each model (newest window, open alerts, 24 h traffic). */
export interface ServerHealth {
  latestWindow: { start: string; end: string; status: string } | null;
  driftedFeatures: string[];
  moderateFeatures: string[];
  firingAlerts: number;
  pendingAlerts: number;
  predictions24h: number;
  lastPredictionAt: string | null;
}

export interface ModelVersion {
  version: string;
  metrics: Record<string, unknown>;
  createdAt: string;
  baseline: { status: string; rowCount: number | null };
}

export interface ModelDetail extends Omit<ModelSummary, 'summary'> {
  versions: ModelVersion[];
  aliases: { alias: string; version: string }[];
  seenVersions: { version: string; registered: boolean; predictions: number; firstSeen: string; lastSeen: string }[];
}

/** GET /v1/models/{m}/drift/matrix: one statistic per feature and window, verdicts as letters. */
export interface DriftMatrix {
  statistic: string;
  windows: { start: string; end: string; version: string; status: string }[];
  features: { feature: string; kind: FeatureKind; values: (number | null)[]; verdicts: string; driftedWindows: number }[];
}

export interface FeatureDrift {
  feature: string;
  kind: FeatureKind;
  baselineCount: number;
  currentCount: number;
  verdict: Verdict;
  [statistic: string]: unknown;
}

export interface DriftWindow {
  start: string;
  end: string;
  version: string;
  status: 'ok' | 'insufficient_data' | 'no_baseline';
  reason?: string;
  predictionCount: number;
  evaluatedAt: string;
  features: FeatureDrift[];
}

export interface TrafficWindow {
  start: string;
  end: string;
  version: string;
  predictions: number;
  ratePerSecond: number;
  latencyP50: number | null;
  latencyP90: number | null;
  latencyP99: number | null;
  rejected: number;
  /** Share of received values refused at ingest. */
  errorRate: number | null;
  /** Calls through the serving gateway, and those that failed (null rate without calls). */
  gatewayRequests: number;
  gatewayErrors: number;
  gatewayErrorRate: number | null;
}

export interface PerformanceWindow {
  start: string;
  end: string;
  version: string;
  predictionCount: number;
  labeledCount: number;
  metrics: Record<string, number>;
  skew: Record<string, number>;
}

export interface QualityWindow {
  start: string;
  end: string;
  version: string;
  predictionCount: number;
  features: { feature: string; kind: string; currentMissingRate: number | null; outOfRangeRate: number | null; newCategoryRate: number | null; rejected: number }[];
  rejected: Record<string, Record<string, number>>;
}

/** GET /v1/models/{m}/features/{f}/histogram: counts on the baseline's bins. */
export interface FeatureHistogram {
  feature: string;
  kind: FeatureKind;
  /** Interior edges of a numeric feature: m edges make m + 1 bins, the outer two unbounded. */
  edges?: number[];
  categories?: string[];
  baselineCounts: number[];
  currentCounts: number[];
  windows: number;
}

export interface Alert {
  id: string;
  state: 'inactive' | 'pending' | 'firing' | 'resolved';
  labels: Record<string, string>;
  value: number | null;
  firedAt: string | null;
  acknowledged: { at: string; by: string } | null;
}
