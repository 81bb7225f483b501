import type { InsufficientData } from './insufficientData.js';

/** The verdict for one feature in one window (STATISTICS.md, Deciding "drifted"). */
export type DriftVerdict = 'no_drift' | 'moderate' | 'drift' | 'insufficient_data';

/** Every threshold of the verdict; configurable per model and per feature. */
export interface VerdictThresholds {
  /** Fewer non-missing current values than this: insufficient_data, never an alert. */
  minSamples: number;
  /** PSI at or above this is drift on its own. */
  psiDrift: number;
  /** PSI at or above this (and below psiDrift) is moderate. */
  psiModerate: number;
  /** A Benjamini-Hochberg adjusted p-value below this is significant (the FDR q). */
  adjustedPValue: number;
  /** Smallest Wasserstein distance, in baseline standard deviations, that is not negligible. */
  wassersteinNormedMin: number;
  /** Smallest Jensen-Shannon distance (base 2) that is not negligible. */
  jsDistanceMin: number;
}

export const DEFAULT_VERDICT_THRESHOLDS: Readonly<VerdictThresholds> = Object.freeze({
  minSamples: 100,
  psiDrift: 0.2,
  psiModerate: 0.1,
  adjustedPValue: 0.05,
  wassersteinNormedMin: 0.1,
  jsDistanceMin: 0.1,
});

interface CommonEvidence {
  /** Drift results carry it; absent means ok. */
  status?: 'ok';
  /** Non-missing values in the current window. */
  currentSampleSize: number;
  psi: number;
  /** The test's p-value after Benjamini-Hochberg across the model's features in the window. */
  adjustedPValue: number;
}

/** What the verdict needs about one feature; drift results plus the adjusted p-value fit it. */
export type VerdictEvidence =
  | (CommonEvidence & { kind: 'numeric'; wassersteinNormed: number | null })
  | (CommonEvidence & { kind: 'categorical'; jsDistance: number });

/**
 * The default verdict for one feature (STATISTICS.md, Deciding "drifted"): insufficient_data
 * below minSamples current values; drift when PSI >= psiDrift, or when the adjusted p-value is
 * below adjustedPValue and the effect is not negligible (normed Wasserstein for numeric
 * features, Jensen-Shannon distance for categorical ones), since large samples make every
 * p-value tiny; moderate when PSI >= psiModerate; otherwise no_drift. A null normed
 * Wasserstein (constant baseline) counts as a non-negligible effect: any movement away from
 * a constant is infinitely many baseline deviations.
 *
 * @example driftVerdict({ kind: 'categorical', currentSampleSize: 500, psi: 0.05, adjustedPValue: 0.001, jsDistance: 0.2 }) // 'drift'
 */
export function driftVerdict(
  evidence: VerdictEvidence | InsufficientData,
  thresholds: Partial<VerdictThresholds> = {},
): DriftVerdict {
  if (evidence.status === 'insufficient_data') return 'insufficient_data';
  const limits = { ...DEFAULT_VERDICT_THRESHOLDS, ...thresholds };
  if (evidence.currentSampleSize < limits.minSamples) return 'insufficient_data';
  if (evidence.psi >= limits.psiDrift) return 'drift';
  if (evidence.adjustedPValue < limits.adjustedPValue && effectIsNotNegligible(evidence, limits)) return 'drift';
  if (evidence.psi >= limits.psiModerate) return 'moderate';
  return 'no_drift';
}

function effectIsNotNegligible(evidence: VerdictEvidence, limits: VerdictThresholds): boolean {
  if (evidence.kind === 'categorical') return evidence.jsDistance >= limits.jsDistanceMin;
  return evidence.wassersteinNormed === null || evidence.wassersteinNormed >= limits.wassersteinNormedMin;
}
