import type { CategoryAggregate, NumericAggregate } from '../store/detectionsWindow';
import {
  benjaminiHochberg,
  chiSquareHomogeneity,
  driftVerdict,
  jensenShannonDistance,
  ksPValue,
  newCategoryRate,
  normedWasserstein,
  populationStabilityIndex,
  proportions,
  type DriftVerdict,
  type VerdictThresholds,
} from './stats/index';

/**
 * Finishing the drift statistics of one window from the small arrays ClickHouse returns
 * (store/detectionsWindow.ts), with the pure functions of detectors/stats, so that the numbers
 * are the reference definitions of STATISTICS.md.
 */

/** One feature's result in one window, as stored and served (API.md, Monitoring out). */
export interface FeatureDrift {
  feature: string;
  kind: 'numeric' | 'categorical';
  verdict: DriftVerdict;
  /** Non-missing values in the baseline and in the window. */
  baselineCount: number;
  currentCount: number;
  /** Named as in reference/drift-cases.json; null when undefined (e.g. a constant baseline). */
  statistics: Record<string, number | null>;
  edges: number[];
  categories: string[];
  baselineCounts: number[];
  currentCounts: number[];
}

/** What the baseline's profile says about one numeric column. */
export interface NumericBaselineFacts {
  feature: string;
  edges: number[];
  std: number;
  /** Missing values / rows of the baseline file. */
  missingRate: number;
}

export interface CategoricalBaselineFacts {
  feature: string;
  missingRate: number;
}

/** Numeric statistics from one feature's aggregate; `null` when a sample has no values. */
export function numericFeatureDrift(aggregate: NumericAggregate | undefined, facts: NumericBaselineFacts, windowRows: number, epsilon?: number): FeatureDrift {
  const currentCount = aggregate?.currentCount ?? 0;
  const baselineCount = aggregate?.baselineCount ?? 0;
  const base: FeatureDrift = {
    feature: facts.feature,
    kind: 'numeric',
    verdict: 'insufficient_data',
    baselineCount,
    currentCount,
    statistics: { baselineMissingRate: facts.missingRate, currentMissingRate: windowRows === 0 ? null : (windowRows - currentCount) / windowRows },
    edges: facts.edges,
    categories: [],
    baselineCounts: aggregate?.baselineCounts ?? new Array<number>(facts.edges.length + 1).fill(0),
    currentCounts: aggregate?.currentCounts ?? new Array<number>(facts.edges.length + 1).fill(0),
  };
  if (aggregate === undefined || currentCount === 0 || baselineCount === 0) return base;
  const p = proportions(aggregate.baselineCounts);
  const q = proportions(aggregate.currentCounts);
  base.statistics = {
    psi: populationStabilityIndex(p, q, epsilon),
    jsDistance: jensenShannonDistance(p, q),
    ksStatistic: aggregate.ksStatistic,
    ksPValue: ksPValue(aggregate.ksStatistic, baselineCount, currentCount),
    wasserstein: aggregate.wasserstein,
    wassersteinNormed: normedWasserstein(aggregate.wasserstein, facts.std),
    ...base.statistics,
    outOfRangeRate: aggregate.outOfRangeCount / currentCount,
  };
  return base;
}

/** Categorical statistics from one feature's counts per category. */
export function categoricalFeatureDrift(counts: readonly CategoryAggregate[], facts: CategoricalBaselineFacts, windowRows: number, epsilon?: number): FeatureDrift {
  // The same order as categoryCounts() of the pure functions: JavaScript's default sort.
  const sorted = [...counts].sort((a, b) => (a.category < b.category ? -1 : a.category > b.category ? 1 : 0));
  const baselineCounts = sorted.map((c) => c.baselineCount);
  const currentCounts = sorted.map((c) => c.currentCount);
  const baselineCount = baselineCounts.reduce((s, n) => s + n, 0);
  const currentCount = currentCounts.reduce((s, n) => s + n, 0);
  const result: FeatureDrift = {
    feature: facts.feature,
    kind: 'categorical',
    verdict: 'insufficient_data',
    baselineCount,
    currentCount,
    statistics: { baselineMissingRate: facts.missingRate, currentMissingRate: windowRows === 0 ? null : (windowRows - currentCount) / windowRows },
    edges: [],
    categories: sorted.map((c) => c.category),
    baselineCounts,
    currentCounts,
  };
  if (baselineCount === 0 || currentCount === 0) return result;
  const p = proportions(baselineCounts);
  const q = proportions(currentCounts);
  result.statistics = {
    psi: populationStabilityIndex(p, q, epsilon),
    jsDistance: jensenShannonDistance(p, q),
    ...chiSquareHomogeneity(baselineCounts, currentCounts),
    newCategoryRate: newCategoryRate(baselineCounts, currentCounts),
    ...result.statistics,
  };
  return result;
}

/**
 * Adjusts the p-values of every feature of one window together (Benjamini-Hochberg; numeric KS
 * and categorical chi-square in one family, STATISTICS.md) and sets each verdict. Features
 * without a p-value (a sample without values) stay `insufficient_data`.
 */
export function decideVerdicts(features: FeatureDrift[], thresholds: Partial<VerdictThresholds>): FeatureDrift[] {
  const tested = features.filter((f) => pValueOf(f) !== null);
  const adjusted = benjaminiHochberg(tested.map((f) => pValueOf(f) ?? 1));
  tested.forEach((f, i) => {
    const value = adjusted[i] ?? 1;
    if (f.kind === 'numeric') f.statistics.ksPValueAdjusted = value;
    else f.statistics.chi2PValueAdjusted = value;
    const psi = f.statistics.psi ?? 0;
    f.verdict =
      f.kind === 'numeric'
        ? driftVerdict({ kind: 'numeric', currentSampleSize: f.currentCount, psi, adjustedPValue: value, wassersteinNormed: f.statistics.wassersteinNormed ?? null }, thresholds)
        : driftVerdict({ kind: 'categorical', currentSampleSize: f.currentCount, psi, adjustedPValue: value, jsDistance: f.statistics.jsDistance ?? 0 }, thresholds);
  });
  return features;
}

function pValueOf(f: FeatureDrift): number | null {
  const p = f.kind === 'numeric' ? f.statistics.ksPValue : f.statistics.chi2PValue;
  return typeof p === 'number' && Number.isFinite(p) ? p : null;
}
