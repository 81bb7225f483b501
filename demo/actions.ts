import type { CaughtMail, SmtpCatcher } from './receivers/smtpCatcher';
import type { ReceivedWebhook, WebhookReceiver } from './receivers/webhookReceiver';
import type { VigilApi } from './vigilApi';

export interface FiringAlert {
  id: string;
  alertname: string;
  feature: string;
  version: string;
  severity: string;
}

export interface AuditEntry {
  id: string;
  at: string;
  keyId: string;
  action: string;
  target: string;
  before: { version?: string } | null;
  after: { version?: string } | null;
  reason: string | null;
}

/** What Vigil did about the drift, as the demo saw it (undefined: not seen before the deadline). */
export interface ActionsSeen {
  alerts: FiringAlert[];
  retrain: ReceivedWebhook | undefined;
  rollback: AuditEntry | undefined;
  email: CaughtMail | undefined;
  /** Errors of failed delivery attempts to the demo's channels, as Vigil recorded them. */
  deliveryErrors: string[];
  waitedMs: number;
}

export interface DemoChannels {
  email: string;
  retrain: string;
  rollback: string;
}

type AlertBody = { alerts: { id: string; labels: Record<string, string> }[] };
type DeliveriesBody = { deliveries: { state: string; channelType: string; lastError: string; attempts: { outcome: string; error: string }[] }[] };

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });

/**
 * Waits, polling the API and watching the receivers, for Vigil's own loops to act: the
 * evaluator reads the new detector results and fires the alerts (at its next look,
 * VIGIL_ALERT_INTERVAL_MS, 15 s by default); a new group of alerts then waits
 * VIGIL_ALERT_GROUP_WAIT_MS (30 s) to gather; the delivery worker sends the email, posts the
 * signed retrain call and runs the rollback. `onAlerts` hears the firing alerts once all the
 * expected features fire. Failed delivery attempts are collected, so a refusal (a server that
 * does not allow loopback receivers, say) is explained instead of waited out.
 */
export async function awaitActions(options: {
  api: VigilApi;
  model: string;
  expectedFeatures: readonly string[];
  channels: DemoChannels;
  webhook: WebhookReceiver;
  smtp: SmtpCatcher;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  onAlerts?: (alerts: FiringAlert[]) => void;
}): Promise<ActionsSeen> {
  const { api, model, channels, webhook, smtp, signal } = options;
  const started = Date.now();
  const deadline = started + options.timeoutMs;
  const seen: ActionsSeen = { alerts: [], retrain: undefined, rollback: undefined, email: undefined, deliveryErrors: [], waitedMs: 0 };
  const failedChannels = new Set<string>();
  let lastDeliveryCheck = 0;
  const m = encodeURIComponent(model);

  const done = () => seen.alerts.length > 0 && (seen.retrain !== undefined || failedChannels.has('retrain')) && (seen.rollback !== undefined || failedChannels.has('rollback')) && (seen.email !== undefined || failedChannels.has('email'));

  while (!done() && Date.now() < deadline && !signal?.aborted) {
    if (seen.alerts.length === 0) {
      const { alerts } = await api.get<AlertBody>(`/v1/alerts?state=firing&model=${m}`);
      const firing = alerts.map((a) => ({ id: a.id, alertname: a.labels.alertname ?? '', feature: a.labels.feature ?? '', version: a.labels.version ?? '', severity: a.labels.severity ?? '' }));
      if (options.expectedFeatures.every((f) => firing.some((a) => a.feature === f))) {
        seen.alerts = firing.sort((a, b) => a.feature.localeCompare(b.feature));
        options.onAlerts?.(seen.alerts);
      }
    }
    seen.retrain ??= webhook.received.find((h) => (h.json as { model?: unknown } | null)?.model === model);
    seen.email ??= smtp.received.find((mail) => mail.subject.includes(` ${model} `));
    if (seen.rollback === undefined) {
      const { entries } = await api.get<{ entries: AuditEntry[] }>(`/v1/models/${m}/audit?order=desc&limit=20`);
      seen.rollback = entries.find((e) => e.action === 'alias.set' && e.target === 'production' && e.keyId === `channel:${channels.rollback}`);
    }
    if (Date.now() - lastDeliveryCheck > 2_000) {
      lastDeliveryCheck = Date.now();
      for (const [kind, id] of Object.entries(channels)) {
        const { deliveries } = await api.get<DeliveriesBody>(`/v1/deliveries?channel=${encodeURIComponent(id)}`);
        for (const d of deliveries) {
          for (const attempt of d.attempts) {
            const line = `${d.channelType}: ${attempt.error || attempt.outcome}`;
            if (attempt.outcome !== 'delivered' && !seen.deliveryErrors.includes(line)) seen.deliveryErrors.push(line);
          }
          if (d.state === 'failed' || d.state === 'skipped') failedChannels.add(kind);
        }
      }
    }
    await sleep(500, signal);
  }
  seen.waitedMs = Date.now() - started;
  return seen;
}
