import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { alertmanagerNotifier } from '../../alerts/channels/alertmanager/alertmanager';
import type { ChannelType } from '../../alerts/channels/config';
import { emailNotifier } from '../../alerts/channels/email/email';
import type { Notifier } from '../../alerts/channels/notifier';
import { sendTest, type TestSendResult } from '../../alerts/channels/testSend';
import type { Channel } from '../../alerts/channels/config';
import { retrainNotifier } from '../../alerts/channels/retrain/retrain';
import { ModelRollback, rollbackNotifier } from '../../alerts/channels/rollback/rollback';
import { webhookNotifier } from '../../alerts/channels/webhook/webhook';
import { OutboundPolicy } from '../../alerts/delivery/addressGuard';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../alerts/delivery/retryPolicy';
import { DeliveryWorker } from '../../alerts/delivery/worker';
import { DEFAULT_GROUP_TIMING, type GroupTiming } from '../../alerts/dispatch/grouping';
import { AlertEvaluator } from '../../alerts/evaluation/evaluator';
import { alertMetrics } from '../../alerts/metrics';
import { AlertRepository } from '../../store/alerts';
import { ChannelRepository } from '../../store/alertsChannels';
import { DeliveryRepository } from '../../store/alertsDeliveries';
import { RollbackLog } from '../../store/alertsRollbacks';
import { RuleRepository } from '../../store/alertsRules';
import { AlertSignalRepository } from '../../store/alertsSignals';
import { SilenceRepository } from '../../store/alertsSilences';
import { BaselineRepository } from '../../store/baselines';
import type { Store } from '../../store/clickhouse';
import { ModelLocks } from '../../store/modelLocks';
import { ModelRepository } from '../../store/models';
import { RegistryRepository } from '../../store/registry';
import { RegistryAuditLog } from '../../store/registryAudit';
import { createRouter } from '../openapi';
import { RegistryChanges } from '../registry/changes';
import { alertRoutes } from './alerts.routes';
import { channelRoutes } from './channels.routes';
import { rollbackRoutes } from './rollback.routes';
import { ruleRoutes } from './rules.routes';
import { silenceRoutes } from './silences.routes';

/**
 * The rollback action on the registry's change path: alias row plus audit entry. Its own
 * ModelLocks serialises Vigil's rollbacks of a model; a person moving the same alias through
 * the registry API at the same instant is serialised by the registry's own locks only (see
 * docs/alerts.md).
 */
export function createRollback(store: Store, now: () => number): ModelRollback {
  const registry = new RegistryRepository(store);
  const audit = new RegistryAuditLog(store);
  const changes = new RegistryChanges({ registry, baselines: new BaselineRepository(store), audit, locks: new ModelLocks(), now });
  return new ModelRollback({
    registry,
    audit,
    rollbacks: new RollbackLog(store),
    now,
    moveAlias: async (project, model, alias, version, author) => {
      await changes.setAlias(model, alias, version, { project, keyId: author.keyId, reason: author.reason });
    },
  });
}

/** Channels, rules, alerts, silences, deliveries and the rollback action, as one router to mount at `/`. */
export function alertingRoutes({ store, models, now = Date.now, testSender }: { store: Store; models: ModelRepository; logger?: Logger; now?: () => number; testSender?: TestSender }) {
  const channels = new ChannelRepository(store);
  return createRouter()
    .route('/', channelRoutes({ channels, now, testSender }))
    .route('/', ruleRoutes({ rules: new RuleRepository(store), channels, models, now }))
    .route('/', alertRoutes({ alerts: new AlertRepository(store), deliveries: new DeliveryRepository(store), now }))
    .route('/', silenceRoutes({ silences: new SilenceRepository(store), now }))
    .route('/', rollbackRoutes({ models, rollbacks: createRollback(store, now) }));
}

export interface AlertingSettings {
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** Hosts, addresses and CIDR ranges outbound requests may reach although not public. */
  webhookAllowlist: string[];
  /** Base URL for dashboard and data links. */
  publicUrl: string;
  evaluatorIntervalMs: number;
  timing: GroupTiming;
  retry: RetryPolicy;
  deliveryTimeoutMs: number;
  deliveryPollMs: number;
}

export const DEFAULT_ALERTING_SETTINGS: AlertingSettings = {
  smtpUrl: undefined,
  smtpFrom: 'Vigil <vigil@localhost>',
  webhookAllowlist: [],
  publicUrl: 'http://localhost:8080',
  evaluatorIntervalMs: 15_000,
  timing: DEFAULT_GROUP_TIMING,
  retry: DEFAULT_RETRY_POLICY,
  deliveryTimeoutMs: 10_000,
  deliveryPollMs: 1_000,
};

/** Sends one test notification through a channel (POST /v1/channels/{id}/test). */
export type TestSender = (project: string, channel: Channel) => Promise<TestSendResult>;

export interface Alerting {
  evaluator: AlertEvaluator;
  sendTest: TestSender;
  worker: DeliveryWorker;
  start(): void;
  /** Stops evaluating first (no new deliveries), then lets attempts in flight finish. */
  stop(): Promise<void>;
}

/** The alert evaluator and the delivery worker the server runs. */
export function createAlerting({
  store,
  logger,
  now = Date.now,
  settings,
  random,
  metrics,
}: {
  store: Store;
  logger?: Logger;
  now?: () => number;
  settings: AlertingSettings;
  random?: () => number;
  /** Where the open-alert gauge and the attempt counter go (`/metrics`). */
  metrics?: Registry;
}): Alerting {
  const gauges = metrics === undefined ? undefined : alertMetrics(metrics);
  const policy = new OutboundPolicy(settings.webhookAllowlist);
  const http = { policy, timeoutMs: settings.deliveryTimeoutMs, now };
  const email = emailNotifier({ smtpUrl: settings.smtpUrl, from: settings.smtpFrom, timeoutMs: settings.deliveryTimeoutMs, policy });
  const notifiers: Record<ChannelType, Notifier> = {
    email,
    webhook: webhookNotifier(http),
    retrain: retrainNotifier({ ...http, publicUrl: settings.publicUrl }),
    // Firing alerts stay active in Alertmanager until Vigil's next reminder is overdue.
    alertmanager: alertmanagerNotifier({ ...http, validForMs: settings.timing.repeatIntervalMs + settings.timing.groupIntervalMs + 3_600_000 }),
    rollback: rollbackNotifier(createRollback(store, now)),
  };
  const channels = new ChannelRepository(store);
  const deliveries = new DeliveryRepository(store);
  const worker = new DeliveryWorker({ deliveries, channels, notifiers, policy: settings.retry, now, logger, pollMs: settings.deliveryPollMs, ...(random ? { random } : {}), ...(gauges ? { onAttempt: gauges.attempt } : {}) });
  const evaluator = new AlertEvaluator({
    rules: new RuleRepository(store),
    alerts: new AlertRepository(store),
    silences: new SilenceRepository(store),
    channels,
    deliveries,
    signals: new AlertSignalRepository(store),
    models: new ModelRepository(store),
    registry: new RegistryRepository(store),
    now,
    timing: settings.timing,
    publicUrl: settings.publicUrl,
    wants: (type, n) => notifiers[type].wants(n),
    onQueued: () => worker.wake(),
    ...(gauges ? { onEvaluated: gauges.observeAlerts } : {}),
    logger,
    intervalMs: settings.evaluatorIntervalMs,
  });
  return {
    evaluator,
    worker,
    sendTest: (project, channel) => sendTest(notifiers[channel.type], channel, project, settings.publicUrl, now()),
    start() {
      evaluator.start();
      worker.start();
    },
    async stop() {
      await evaluator.stop();
      await worker.stop();
      email.close();
    },
  };
}
