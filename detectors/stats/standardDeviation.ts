import { CompensatedSum } from './compensatedSum.js';

/**
 * Population standard deviation (ddof = 0), as `np.std(x)`: sqrt(mean((x - mean(x))^2)),
 * in two passes with compensated sums. Same units as the values.
 *
 * @example populationStandardDeviation([1, 2, 3, 4]) // 1.1180..., np.std([1, 2, 3, 4])
 */
export function populationStandardDeviation(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) throw new RangeError('populationStandardDeviation: the sample is empty');
  const total = new CompensatedSum();
  for (let i = 0; i < n; i++) total.add(values[i] ?? Number.NaN);
  const mean = total.value / n;
  const squares = new CompensatedSum();
  for (let i = 0; i < n; i++) {
    const deviation = (values[i] ?? Number.NaN) - mean;
    squares.add(deviation * deviation);
  }
  return Math.sqrt(squares.value / n);
}
