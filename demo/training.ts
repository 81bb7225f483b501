import { predict, type Applicant } from './creditModel';
import { applicant, BATCH, outcome, seededRandom } from './traffic';

/**
 * The training set both versions were fitted on, as Vigil's baseline: 30 hours' worth of
 * undrifted applicants (7,200 rows) with whether each defaulted. The same seed every run.
 */
export const TRAINING_ROWS = 30 * BATCH;

export interface TrainingRow {
  applicant: Applicant;
  label: 0 | 1;
}

export function trainingSet(seed = 20260101): TrainingRow[] {
  const random = seededRandom(seed);
  return Array.from({ length: TRAINING_ROWS }, (_, i) => {
    const a = applicant(random, i, false);
    return { applicant: a, label: outcome(random, a) };
  });
}

/** The baseline upload of one version: NDJSON rows of the features, the version's prediction and the label. */
export function baselineNdjson(rows: readonly TrainingRow[], version: string): string {
  return rows.map((r) => JSON.stringify({ ...r.applicant, prediction: predict(version, r.applicant).label, label: r.label })).join('\n');
}

/**
 * Offline evaluation of a version on the training set, as a pipeline registers it with the
 * version: accuracy at the 0.5 threshold, and ROC AUC (the probability that a defaulter scores
 * above a non-defaulter, ties counting half; Mann-Whitney).
 */
export function offlineMetrics(rows: readonly TrainingRow[], version: string): { accuracy: number; roc_auc: number } {
  const scored = rows.map((r) => {
    const { label: predicted, probability } = predict(version, r.applicant);
    return { predicted, probability, label: r.label };
  });
  const accuracy = scored.filter((s) => s.predicted === s.label).length / scored.length;
  const sorted = [...scored].sort((a, b) => a.probability - b.probability);
  let rankSum = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j < sorted.length && sorted[j]?.probability === sorted[i]?.probability) j += 1;
    const averageRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k += 1) if (sorted[k]?.label === 1) rankSum += averageRank;
    i = j;
  }
  const positives = scored.filter((s) => s.label === 1).length;
  const negatives = scored.length - positives;
  const auc = (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return { accuracy: round(accuracy), roc_auc: round(auc) };
}
