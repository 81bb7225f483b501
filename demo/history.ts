import type { Vigil } from '../sdk/ts/src/index';
import { predict } from './creditModel';
import { applicant, BATCH, isCanaryRow, outcome } from './traffic';

export const HOUR_MS = 3_600_000;
export const HISTORY_HOURS = 72;

/**
 * The past the demo writes, in hourly windows ending at the start of the current hour (so
 * every window has closed): three days; version 2 promoted at the start of the last day; the
 * drift from twelve hours ago.
 */
export interface HistoryPlan {
  startMs: number;
  endMs: number;
  promotedAtMs: number;
  driftFromMs: number;
}

export function historyPlan(nowMs: number): HistoryPlan {
  const endMs = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  return { startMs: endMs - HISTORY_HOURS * HOUR_MS, endMs, promotedAtMs: endMs - 24 * HOUR_MS, driftFromMs: endMs - 12 * HOUR_MS };
}

export interface HistorySent {
  predictions: number;
  labels: number;
  /** Predictions per version. */
  byVersion: Record<string, number>;
}

/**
 * Sends the hours in [fromMs, toMs) of the history through the TypeScript SDK, as a batch
 * scoring service would log them: explicit timestamps, the version that scored each row, the
 * class and both probabilities. Before the promotion the canary (version 2) scores one row in
 * ten; after it, version 2 scores everything. Labels (did the applicant default?) arrive for
 * 40 % of the rows. Each hour is flushed before the next is queued, so one hour travels in one
 * request and the queue never overflows.
 */
export async function sendHistory(vigil: Vigil, model: string, plan: HistoryPlan, fromMs: number, toMs: number, random: () => number): Promise<HistorySent> {
  const sent: HistorySent = { predictions: 0, labels: 0, byVersion: {} };
  for (let hourMs = fromMs; hourMs < toMs; hourMs += HOUR_MS) {
    const drifted = hourMs >= plan.driftFromMs;
    const labels: { predictionId: string; label: 0 | 1 }[] = [];
    for (let i = 0; i < BATCH; i += 1) {
      const version = hourMs < plan.promotedAtMs && !isCanaryRow(i) ? '1' : '2';
      const a = applicant(random, i, drifted);
      const { label, probability } = predict(version, a);
      const id = vigil.logPrediction({
        model,
        version,
        id: `${model}-${new Date(hourMs).toISOString().slice(0, 13)}h-${i}`,
        timestamp: hourMs + Math.floor((i * HOUR_MS) / BATCH),
        features: a,
        prediction: label,
        scores: { '0': 1 - probability, '1': probability },
        latencyMs: Math.round((3 + 9 * random()) * 10) / 10,
      });
      sent.predictions += 1;
      sent.byVersion[version] = (sent.byVersion[version] ?? 0) + 1;
      const defaulted = outcome(random, a);
      if (i % 5 < 2) labels.push({ predictionId: id, label: defaulted });
    }
    for (const l of labels) vigil.logFeedback({ model, predictionId: l.predictionId, label: l.label });
    sent.labels += labels.length;
    if (!(await vigil.flush(60_000))) throw new Error(`the SDK could not deliver the hour of ${new Date(hourMs).toISOString()} within 60 s (stats: ${JSON.stringify(vigil.stats)})`);
  }
  return sent;
}
