/**
 * Index of the bin holding value for ascending interior edges: the number of edges strictly
 * below the value, so a value equal to an edge falls in the bin on its left
 * (STATISTICS.md, Bin edges). Binary search, O(log m).
 *
 * @example binIndex(2, [1, 2, 3]) // 1
 */
export function binIndex(value: number, edges: ArrayLike<number>): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((edges[middle] ?? Number.NaN) < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Count of values in each of the edges.length + 1 bins defined by ascending interior edges
 * (see {@link binIndex}). Values must be free of NaN (remove missing values first).
 *
 * @example binCounts([0, 1, 1.5, 2, 9], [1, 2]) // [2, 2, 1]
 */
export function binCounts(values: ArrayLike<number>, edges: ArrayLike<number>): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = binIndex(values[i] ?? Number.NaN, edges);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return counts;
}
