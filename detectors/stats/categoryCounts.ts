export interface CategoryCounts {
  /** Union of the categories seen in baseline and current, sorted (as np.unique). */
  categories: string[];
  baselineCounts: number[];
  currentCounts: number[];
}

/**
 * Counts of each category in the baseline and the current sample, over the union of the
 * categories seen in either (STATISTICS.md, Categorical features). Categories are sorted by
 * UTF-16 code unit, which equals Python's order except for characters outside the BMP.
 *
 * @example categoryCounts(['a', 'b', 'b'], ['c', 'b']) // { categories: ['a', 'b', 'c'], baselineCounts: [1, 2, 0], currentCounts: [0, 1, 1] }
 */
export function categoryCounts(baseline: readonly string[], current: readonly string[]): CategoryCounts {
  const counts = new Map<string, { baseline: number; current: number }>();
  const entry = (category: string) => {
    let found = counts.get(category);
    if (found === undefined) {
      found = { baseline: 0, current: 0 };
      counts.set(category, found);
    }
    return found;
  };
  for (const category of baseline) entry(category).baseline++;
  for (const category of current) entry(category).current++;
  const categories = [...counts.keys()].sort();
  return {
    categories,
    baselineCounts: categories.map((category) => counts.get(category)?.baseline ?? 0),
    currentCounts: categories.map((category) => counts.get(category)?.current ?? 0),
  };
}
