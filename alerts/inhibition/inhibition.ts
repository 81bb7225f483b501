import type { Labels } from '../fingerprint';

/**
 * ML-aware inhibition: while a data-quality alert fires for a model (a missing-rate jump, a
 * type-error burst, a traffic drop), drift on the same features and version is a symptom, not
 * news. Drift alerts it covers are held back, and the quality notification lists them.
 *
 * Labels used: `category` (`quality` or `drift`), `project`, `model`, `version`, and `feature`
 * (absent or `*` on a quality alert about the whole model, e.g. a traffic drop).
 */
export interface LabelledAlert {
  fingerprint: string;
  labels: Labels;
}

function covers(quality: Labels, drift: Labels): boolean {
  if (quality.category !== 'quality' || drift.category !== 'drift') return false;
  if (quality.project !== drift.project || quality.model !== drift.model) return false;
  if (quality.version !== undefined && quality.version !== '*' && quality.version !== drift.version) return false;
  return quality.feature === undefined || quality.feature === '*' || quality.feature === drift.feature;
}

/** The firing quality alert that holds this alert back, if any. */
export function inhibitedBy(alert: LabelledAlert, firing: readonly LabelledAlert[]): LabelledAlert | undefined {
  return firing.find((q) => q.fingerprint !== alert.fingerprint && covers(q.labels, alert.labels));
}

/** The drift alerts a firing quality alert holds back: named in its notification. */
export function coveredBy(quality: LabelledAlert, alerts: readonly LabelledAlert[]): LabelledAlert[] {
  return alerts.filter((a) => covers(quality.labels, a.labels));
}
