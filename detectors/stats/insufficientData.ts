/**
 * The one failure value of the drift statistics (STYLE.md, one failure contract): the data
 * do not allow the statistics to be computed. Programmer errors throw instead.
 */
export interface InsufficientData {
  status: 'insufficient_data';
  /** What is missing, for people: "the current window has no non-missing values". */
  reason: string;
  baselineSampleSize: number;
  currentSampleSize: number;
  /** null when the sample had no values at all. */
  baselineMissingRate: number | null;
  currentMissingRate: number | null;
}
