/**
 * The baseline profile: what the detectors and the dashboard need to know about a training
 * baseline without reading its rows. Computed in ClickHouse right after an upload
 * (`BaselineRepository`), stored as JSON with the upload, returned by the API as is.
 */

/** Bins for numeric features (STATISTICS.md, Bin edges): interior edges at k/10. */
export const BASELINE_BINS = 10;
/** Most frequent categories kept per categorical column; the rest are counted in `otherCount`. */
export const TOP_CATEGORIES = 1000;

export interface NumericColumnProfile {
  name: string;
  kind: 'numeric';
  /** Values present (not missing). */
  count: number;
  /** Missing values: empty cells, JSON nulls, NaN. */
  missing: number;
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Population standard deviation (ddof = 0). */
  std: number | null;
  /**
   * Interior bin edges: the quantiles at k/bins, k = 1..bins-1, with linear interpolation
   * (numpy's default), duplicates dropped; empty when no value is present.
   */
  edges: number[];
}

export interface CategoryCount {
  value: string;
  count: number;
}

export interface CategoricalColumnProfile {
  name: string;
  kind: 'categorical';
  count: number;
  missing: number;
  /** Number of distinct categories. */
  distinct: number;
  /** The most frequent categories (at most TOP_CATEGORIES), by count descending then value. */
  categories: CategoryCount[];
  /** Values in categories beyond the ones listed. */
  otherCount: number;
}

export type ColumnProfile = NumericColumnProfile | CategoricalColumnProfile;

export interface BaselineProfile {
  rowCount: number;
  bins: number;
  /** One per model feature, in the model's order. */
  features: ColumnProfile[];
  /** The model's output column, when the file had a `prediction` column. */
  prediction: ColumnProfile | null;
  /** Ground truth, when the file had a `label` column. */
  label: ColumnProfile | null;
}

/**
 * Drops repeated edges from ascending quantiles, keeping the first of each run, as
 * STATISTICS.md asks ("Duplicate edges are dropped"): a constant baseline gives one edge.
 *
 * @example dedupeEdges([1, 1, 2, 2, 2, 3]) // [1, 2, 3]
 */
export function dedupeEdges(quantiles: readonly number[]): number[] {
  const edges: number[] = [];
  for (const q of quantiles) {
    if (edges.length === 0 || q !== edges[edges.length - 1]) edges.push(q);
  }
  return edges;
}

/** The quantile levels k/bins, k = 1..bins-1, as SQL literals for a parametric aggregate. */
export function quantileLevels(bins: number): string {
  if (!Number.isInteger(bins) || bins < 2 || bins > 1000) throw new RangeError(`bins must be an integer in [2, 1000], got ${bins}`);
  return Array.from({ length: bins - 1 }, (_, i) => String((i + 1) / bins)).join(', ');
}
