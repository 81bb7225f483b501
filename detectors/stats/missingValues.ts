/** A feature's sample with missing values taken out and counted. */
export interface SplitSample<T> {
  /** The non-missing values, in input order. */
  values: T;
  /** How many values were null, undefined or (numeric) NaN. */
  missingCount: number;
}

/**
 * Removes null, undefined and NaN from a numeric sample and counts them as missing
 * (STATISTICS.md: "Nulls and NaN are removed before any statistic and counted as missing").
 *
 * @example splitMissingNumbers([1, null, NaN, 2]) // { values: Float64Array [1, 2], missingCount: 2 }
 */
export function splitMissingNumbers(sample: ArrayLike<number | null | undefined>): SplitSample<Float64Array> {
  const values = new Float64Array(sample.length);
  let kept = 0;
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i];
    if (value != null && !Number.isNaN(value)) values[kept++] = value;
  }
  return { values: kept === values.length ? values : values.slice(0, kept), missingCount: sample.length - kept };
}

/**
 * Removes null and undefined from a categorical sample and counts them as missing.
 *
 * @example splitMissingCategories(['a', null, 'b']) // { values: ['a', 'b'], missingCount: 1 }
 */
export function splitMissingCategories(sample: ArrayLike<string | null | undefined>): SplitSample<string[]> {
  const values: string[] = [];
  for (let i = 0; i < sample.length; i++) {
    const value = sample[i];
    if (value != null) values.push(value);
  }
  return { values, missingCount: sample.length - values.length };
}

/**
 * Share of a sample's values that are missing: missingCount / (missing + present). Unitless,
 * in [0, 1]; null for an empty sample, which has no rate.
 *
 * @example missingRate({ values: ['a', 'b', 'c'], missingCount: 1 }) // 0.25
 */
export function missingRate(split: SplitSample<ArrayLike<unknown>>): number | null {
  const total = split.values.length + split.missingCount;
  return total === 0 ? null : split.missingCount / total;
}
