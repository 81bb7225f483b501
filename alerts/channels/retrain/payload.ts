import { z } from 'zod';
import { alertRange, predictionsLink, type Notification } from '../../dispatch/notification';

/**
 * The retrain payload: what an ML pipeline needs to retrain a model that drifted, without
 * calling back first. The schema is the contract: docs/retrain-payload.schema.json is generated
 * from it (`retrainPayloadJsonSchema`), and a test keeps the file equal to it.
 */
const Time = z.iso.datetime({ offset: true }).describe('RFC 3339');

export const RetrainPayloadSchema = z
  .object({
    type: z.literal('vigil.retrain.requested'),
    id: z.string().describe('Unique per request; also the webhook-id header (receivers deduplicate on it)'),
    project: z.string(),
    model: z.string(),
    version: z.string().describe('The model version whose inputs drifted'),
    reason: z.string().describe('One line: which alerts fire, on which features'),
    window: z.object({ start: Time, end: Time }).describe('The latest evaluated window in which the alerts held'),
    driftedFeatures: z
      .array(
        z.object({
          feature: z.string(),
          kind: z.enum(['numeric', 'categorical']).nullable(),
          verdict: z.string().nullable().describe('no_drift, moderate, drift or insufficient_data'),
          alert: z.string().describe('Name of the alert rule that fired'),
          statistics: z.record(z.string(), z.number().nullable()).describe('psi, jsDistance, ksStatistic, ksPValueAdjusted, wassersteinNormed, chi2PValueAdjusted, currentMissingRate, ... as GET /v1/models/{model}/drift names them'),
        }),
      )
      .describe('Every feature with a firing drift alert, with its statistics in the latest window'),
    freshData: z
      .object({
        from: Time,
        to: Time,
        url: z.url().describe('GET this (with an API key of scope read) for the predictions of the range, newest first, paged by cursor'),
      })
      .describe('The time range of fresh data to train on: from the first window in which drift held to the end of the latest'),
    alerts: z.array(z.object({ id: z.string(), alertname: z.string(), severity: z.string(), startsAt: Time })),
    dashboardUrl: z.url(),
    requestedAt: Time,
  })
  .describe('Vigil retrain request (POST to a retrain channel, signed per Standard Webhooks)');

export type RetrainPayload = z.infer<typeof RetrainPayloadSchema>;

/** The JSON Schema of the payload, as published in docs/retrain-payload.schema.json. */
export function retrainPayloadJsonSchema(): Record<string, unknown> {
  const { $schema, ...schema } = z.toJSONSchema(RetrainPayloadSchema, { target: 'draft-2020-12' });
  return { $schema, title: 'Vigil retrain payload', ...schema };
}

const RETRAIN_CATEGORIES = ['drift', 'performance'];

/** Whether a notification asks for retraining: a drift or performance alert fires. */
export function wantsRetrain(notification: Notification): boolean {
  return notification.kind === 'alerts' && notification.firing.some((a) => RETRAIN_CATEGORIES.includes(a.labels.category ?? ''));
}

/**
 * The payload for a notification with firing drift or performance alerts. The version is the
 * one of the alert with the latest window (a group may span versions during a rollout).
 */
export function retrainPayload(notification: Notification, publicUrl: string): RetrainPayload {
  const firing = notification.firing.filter((a) => RETRAIN_CATEGORIES.includes(a.labels.category ?? ''));
  const latest = [...firing].sort((a, b) => (b.details?.windowStart ?? 0) - (a.details?.windowStart ?? 0))[0];
  const version = latest?.labels.version ?? '';
  const ofVersion = firing.filter((a) => a.labels.version === version);
  const range = alertRange(ofVersion, Date.parse(notification.createdAt));
  const windowStart = latest?.details?.windowStart ?? range.fromMs;
  const windowEnd = latest?.details?.windowEnd ?? range.toMs;
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    type: 'vigil.retrain.requested',
    id: notification.id,
    project: notification.project,
    model: notification.model,
    version,
    reason: ofVersion.map((a) => `${a.labels.alertname ?? 'alert'}${a.labels.feature ? ` on ${a.labels.feature}` : ''}`).join(', '),
    window: { start: iso(windowStart), end: iso(windowEnd) },
    driftedFeatures: ofVersion
      .filter((a) => a.labels.category === 'drift' && a.labels.feature !== undefined)
      .map((a) => ({
        feature: a.labels.feature ?? '',
        kind: a.details?.kind ?? null,
        verdict: a.details?.verdict ?? null,
        alert: a.labels.alertname ?? '',
        statistics: a.details?.statistics ?? {},
      })),
    freshData: { from: iso(range.fromMs), to: iso(range.toMs), url: predictionsLink(publicUrl, notification.model, version, range.fromMs, range.toMs) },
    alerts: ofVersion.map((a) => ({ id: a.id, alertname: a.labels.alertname ?? '', severity: a.labels.severity ?? '', startsAt: a.startsAt })),
    dashboardUrl: notification.dashboardUrl,
    requestedAt: notification.createdAt,
  };
}
