import type { FeatureDrift, FeatureKind, ModelSettings } from './types';

/**
 * The drift statistics a heatmap or chart can show (GET .../drift/matrix `statistic`), what
 * they mean, and how to colour them. Definitions: docs/STATISTICS.md.
 */
export interface StatisticInfo {
  name: string;
  label: string;
  description: string;
  kinds: FeatureKind[];
  /** `p-value`: small means drift, shown on a log scale; otherwise larger means more drift. */
  scale: 'p-value' | 'bounded' | 'unbounded';
  /** For `bounded`: the top of the colour scale (values above are clamped). */
  max?: number;
}

/** The statistics a drift result carries (FeatureDrift's number fields other than the counts). */
export type StatisticName = Exclude<{ [K in keyof FeatureDrift]-?: Exclude<FeatureDrift[K], undefined> extends number | null ? K : never }[keyof FeatureDrift], 'baselineCount' | 'currentCount'>;

/** A statistic of this list names a field of the server's drift result, so a renamed one fails the type check. */
export interface DriftStatistic extends StatisticInfo {
  name: StatisticName;
}

export const STATISTICS: readonly DriftStatistic[] = [
  { name: 'psi', label: 'PSI', description: 'Population stability index over the baseline bins', kinds: ['numeric', 'categorical'], scale: 'bounded', max: 0.5 },
  { name: 'jsDistance', label: 'Jensen–Shannon distance', description: 'Jensen–Shannon distance (base 2) between the binned distributions', kinds: ['numeric', 'categorical'], scale: 'bounded', max: 0.5 },
  { name: 'ksStatistic', label: 'KS statistic', description: 'Two-sample Kolmogorov–Smirnov statistic D', kinds: ['numeric'], scale: 'bounded', max: 1 },
  { name: 'ksPValue', label: 'KS p-value', description: 'p-value of the KS test', kinds: ['numeric'], scale: 'p-value' },
  { name: 'ksPValueAdjusted', label: 'KS p-value (adjusted)', description: 'KS p-value after the Benjamini–Hochberg correction across features', kinds: ['numeric'], scale: 'p-value' },
  { name: 'wasserstein', label: 'Wasserstein', description: 'Wasserstein-1 distance, in the feature’s units', kinds: ['numeric'], scale: 'unbounded' },
  { name: 'wassersteinNormed', label: 'Wasserstein (normed)', description: 'Wasserstein distance divided by the baseline’s standard deviation', kinds: ['numeric'], scale: 'unbounded' },
  { name: 'chi2Statistic', label: 'χ² statistic', description: 'Chi-squared statistic of the category counts', kinds: ['categorical'], scale: 'unbounded' },
  { name: 'chi2PValue', label: 'χ² p-value', description: 'p-value of the chi-squared test', kinds: ['categorical'], scale: 'p-value' },
  { name: 'chi2PValueAdjusted', label: 'χ² p-value (adjusted)', description: 'χ² p-value after the Benjamini–Hochberg correction across features', kinds: ['categorical'], scale: 'p-value' },
  { name: 'chi2Dof', label: 'χ² degrees of freedom', description: 'Degrees of freedom of the chi-squared test', kinds: ['categorical'], scale: 'unbounded' },
  { name: 'newCategoryRate', label: 'New-category rate', description: 'Share of current values in categories the baseline never saw', kinds: ['categorical'], scale: 'bounded', max: 1 },
  { name: 'outOfRangeRate', label: 'Out-of-range rate', description: 'Share of current values outside the baseline’s range', kinds: ['numeric'], scale: 'bounded', max: 1 },
  { name: 'currentMissingRate', label: 'Missing rate (current)', description: 'Share of current values that are missing', kinds: ['numeric', 'categorical'], scale: 'bounded', max: 1 },
  { name: 'baselineMissingRate', label: 'Missing rate (baseline)', description: 'Share of baseline values that are missing', kinds: ['numeric', 'categorical'], scale: 'bounded', max: 1 },
];

export const DEFAULT_STATISTIC: StatisticName = 'psi';

/** Smallest p-value drawn: the log scale needs a floor, and below it nothing reads differently. */
export const P_VALUE_FLOOR = 1e-12;

export function statisticInfo(name: string): StatisticInfo {
  return STATISTICS.find((s) => s.name === name) ?? { name, label: name, description: '', kinds: ['numeric', 'categorical'], scale: 'unbounded' };
}

/** The statistic named in the URL, or the default when it is missing or unknown. */
export function statisticFrom(query: URLSearchParams): StatisticName {
  const name = query.get('statistic');
  return STATISTICS.find((s) => s.name === name)?.name ?? DEFAULT_STATISTIC;
}

/** The model's own drift thresholds for a statistic, for reference lines; empty when it has none. */
export function thresholdsOf(statistic: string, settings: ModelSettings | undefined): { value: number; label: string }[] {
  if (!settings) return [];
  switch (statistic) {
    case 'psi':
      return [
        { value: settings.psiModerate, label: `moderate ${settings.psiModerate}` },
        { value: settings.psiDrift, label: `drift ${settings.psiDrift}` },
      ];
    case 'jsDistance':
      return [{ value: settings.jsDistanceMin, label: `min ${settings.jsDistanceMin}` }];
    case 'wassersteinNormed':
      return [{ value: settings.wassersteinNormedMin, label: `min ${settings.wassersteinNormedMin}` }];
    case 'ksPValueAdjusted':
    case 'chi2PValueAdjusted':
      return [{ value: settings.adjustedPValue, label: `α ${settings.adjustedPValue}` }];
    default:
      return [];
  }
}

/** Statistic fields of a drift result, in the order of STATISTICS, for tables. */
export const STATISTIC_NAMES = STATISTICS.map((s) => s.name);
