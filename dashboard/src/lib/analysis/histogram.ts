import { formatNumber } from '../format';
import type { FeatureHistogram } from './types';

/** One bin of a distribution plot: where it is drawn and both distributions' shares in it. */
export interface HistogramBin {
  index: number;
  /** `≤ 20`, `(20, 24]`, `> 56` for numeric bins; the category for categorical ones. */
  label: string;
  baselineCount: number;
  currentCount: number;
  /** Share of the distribution's values in this bin, 0..1 (0 when it has none). */
  baselineShare: number;
  currentShare: number;
}

/**
 * The bins of a histogram answer with shares instead of counts, so that a baseline of 100,000
 * rows and a window of 300 predictions can be overlaid. Numeric bins follow the detector's
 * convention (STATISTICS.md, Bin edges): m interior edges make the m + 1 bins
 * (-inf, e1], (e1, e2], ..., (em, +inf).
 */
export function histogramBins(histogram: FeatureHistogram): HistogramBin[] {
  const baselineTotal = histogram.baselineCounts.reduce((s, n) => s + n, 0);
  const currentTotal = histogram.currentCounts.reduce((s, n) => s + n, 0);
  const labels = histogram.kind === 'numeric' ? numericLabels(histogram.edges ?? []) : (histogram.categories ?? []);
  return histogram.baselineCounts.map((baselineCount, index) => {
    const currentCount = histogram.currentCounts[index] ?? 0;
    return {
      index,
      label: labels[index] ?? `bin ${index + 1}`,
      baselineCount,
      currentCount,
      baselineShare: baselineTotal === 0 ? 0 : baselineCount / baselineTotal,
      currentShare: currentTotal === 0 ? 0 : currentCount / currentTotal,
    };
  });
}

function numericLabels(edges: readonly number[]): string[] {
  if (edges.length === 0) return ['all values'];
  const f = (v: number | undefined) => formatNumber(v ?? null);
  return [`≤ ${f(edges[0])}`, ...edges.slice(1).map((edge, i) => `(${f(edges[i])}, ${f(edge)}]`), `> ${f(edges.at(-1))}`];
}
