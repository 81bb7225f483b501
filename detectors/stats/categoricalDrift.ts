import { categoryCounts } from './categoryCounts.js';
import { chiSquareHomogeneity } from './chiSquare.js';
import type { InsufficientData } from './insufficientData.js';
import { jensenShannonDistance } from './jensenShannon.js';
import { missingRate, splitMissingCategories } from './missingValues.js';
import { newCategoryRate } from './newCategoryRate.js';
import { proportions } from './proportions.js';
import { populationStabilityIndex, PSI_EPSILON } from './psi.js';

/** Drift statistics of one categorical feature; field names are those of the reference cases. */
export interface CategoricalDriftStatistics {
  kind: 'categorical';
  /** Union of baseline and current categories, sorted. */
  categories: string[];
  baselineCounts: number[];
  currentCounts: number[];
  psi: number;
  jsDistance: number;
  chi2Statistic: number;
  chi2PValue: number;
  chi2Dof: number;
  newCategoryRate: number;
  baselineMissingRate: number;
  currentMissingRate: number;
  /** Non-missing values. */
  baselineSampleSize: number;
  currentSampleSize: number;
}

export type CategoricalDriftResult = ({ status: 'ok' } & CategoricalDriftStatistics) | InsufficientData;

export interface CategoricalDriftOptions {
  /** Replacement for empty categories in PSI (default 1e-4). */
  epsilon?: number;
}

/**
 * Every drift statistic of STATISTICS.md for one categorical feature, from the raw baseline
 * and current samples: nulls are removed and counted as missing, then category counts, PSI,
 * Jensen-Shannon, the chi-square test of homogeneity and the new-category rate. Returns
 * insufficient_data when either sample has no non-missing value; the minSamples rule belongs
 * to the verdict.
 *
 * @example categoricalDrift(['a', 'b'], ['b', 'c']).status // 'ok'
 */
export function categoricalDrift(
  baseline: ArrayLike<string | null | undefined>,
  current: ArrayLike<string | null | undefined>,
  { epsilon = PSI_EPSILON }: CategoricalDriftOptions = {},
): CategoricalDriftResult {
  const baselineSplit = splitMissingCategories(baseline);
  const currentSplit = splitMissingCategories(current);
  const baselineMissingRate = missingRate(baselineSplit);
  const currentMissingRate = missingRate(currentSplit);
  const baselineSampleSize = baselineSplit.values.length;
  const currentSampleSize = currentSplit.values.length;
  if (baselineSampleSize === 0 || currentSampleSize === 0 || baselineMissingRate === null || currentMissingRate === null) {
    return {
      status: 'insufficient_data',
      reason: baselineSampleSize === 0 ? 'the baseline has no non-missing values' : 'the current window has no non-missing values',
      baselineSampleSize,
      currentSampleSize,
      baselineMissingRate,
      currentMissingRate,
    };
  }

  const counts = categoryCounts(baselineSplit.values, currentSplit.values);
  const p = proportions(counts.baselineCounts);
  const q = proportions(counts.currentCounts);
  return {
    status: 'ok',
    kind: 'categorical',
    ...counts,
    psi: populationStabilityIndex(p, q, epsilon),
    jsDistance: jensenShannonDistance(p, q),
    ...chiSquareHomogeneity(counts.baselineCounts, counts.currentCounts),
    newCategoryRate: newCategoryRate(counts.baselineCounts, counts.currentCounts),
    baselineMissingRate,
    currentMissingRate,
    baselineSampleSize,
    currentSampleSize,
  };
}
