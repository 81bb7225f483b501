import { heatmapRows } from './heatmapGrid';
import { P_VALUE_FLOOR, statisticInfo } from './statistics';
import type { DriftMatrix, Verdict } from './types';
import { VERDICT_OF_CODE } from './verdicts';

/** One window's value of the statistic for one feature, for line charts. */
export interface SeriesPoint {
  feature: string;
  version: string;
  /** `feature` alone, or `feature (vN)` when the range holds several versions. */
  series: string;
  start: Date;
  value: number;
  verdict: Verdict | null;
}

/**
 * The chosen features' values over time from the drift matrix the heatmap already loaded (no
 * second request). p-values are floored for their log axis.
 */
export function matrixSeries(matrix: DriftMatrix, features: readonly string[]): SeriesPoint[] {
  const versions = new Set(matrix.windows.map((w) => w.version));
  const pValue = statisticInfo(matrix.statistic).scale === 'p-value';
  const starts = matrix.windows.map((w) => new Date(w.start));
  const points: SeriesPoint[] = [];
  for (const name of features) {
    const row = matrix.features.find((f) => f.feature === name);
    if (!row) continue;
    row.values.forEach((value, w) => {
      const window = matrix.windows[w];
      if (value === null || !window) return;
      points.push({
        feature: name,
        version: window.version,
        series: versions.size > 1 ? `${name} (v${window.version})` : name,
        start: starts[w] as Date,
        value: pValue ? Math.max(value, P_VALUE_FLOOR) : value,
        verdict: VERDICT_OF_CODE[row.verdicts[w] ?? '-'] ?? null,
      });
    });
  }
  return points;
}

/** The features charted when the URL names none: the most drifted few. */
export function defaultSeries(matrix: DriftMatrix, count = 4): string[] {
  return heatmapRows(matrix, 'drift')
    .slice(0, count)
    .map((f) => f.feature);
}
