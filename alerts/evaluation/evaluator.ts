import { randomBytes } from 'node:crypto';
import { PeriodicJob } from '../../jobs/periodicJob';
import type { Logger } from 'pino';
import { windowSizeMs, windowStartOf } from '../../detectors/windows';
import { cursorKey, newStoredAlert, type AlertEvent, type AlertRepository, type StoredAlert } from '../../store/alerts';
import type { ChannelRepository } from '../../store/alertsChannels';
import type { Delivery, DeliveryRepository } from '../../store/alertsDeliveries';
import type { RuleRepository, StoredRule } from '../../store/alertsRules';
import type { AlertSignalRepository } from '../../store/alertsSignals';
import type { SilenceRepository } from '../../store/alertsSilences';
import type { ModelRecord, ModelRepository } from '../../store/models';
import type { RegistryRepository } from '../../store/registry';
import type { Channel, ChannelType } from '../channels/config';
import { alertFingerprint } from '../fingerprint';
import type { GroupTiming } from '../dispatch/grouping';
import { alertRange, dashboardLink, predictionsLink, type Notification, type NotifiedAlert } from '../dispatch/notification';
import { audible, planNotifications, type PlannedNotification } from '../dispatch/plan';
import { coveredBy, inhibitedBy } from '../inhibition/inhibition';
import { conditionHolds, METRICS } from '../rules/rule';
import { observe, type SeriesObservation, type WindowSignals } from '../rules/observe';
import { expiredOverFiring, silencedBy, type Silence } from '../silences/silences';
import { applyWindow, resetPendingOnNewVersion } from '../state/machine';

export interface EvaluatorDeps {
  rules: RuleRepository;
  alerts: AlertRepository;
  silences: SilenceRepository;
  channels: ChannelRepository;
  deliveries: DeliveryRepository;
  signals: AlertSignalRepository;
  models: ModelRepository;
  registry: RegistryRepository;
  now: () => number;
  timing: GroupTiming;
  /** Base URL of Vigil for dashboard and data links in notifications. */
  publicUrl: string;
  /** Whether a channel type acts on a notification (the notifiers' `wants`). */
  wants: (type: ChannelType, notification: Notification) => boolean;
  /** Called after deliveries were queued (wakes the delivery worker). */
  onQueued?: () => void;
  /** Called with a project's alerts after each evaluation (the /metrics gauge). */
  onEvaluated?: (project: string, alerts: readonly StoredAlert[]) => void;
  logger?: Logger | undefined;
  intervalMs?: number;
}

/** Detector windows evaluated up to this long before the cursor are read again (rows still landing). */
const CURSOR_SLACK_MS = 10_000;
/** On a model's first look, serving windows of this long before now are evaluated. */
const FIRST_SERVING_LOOKBACK_MS = 86_400_000;
/** Resolved alerts stay in the evaluator's working set (for resolution notices) this long. */
const RESOLVED_KEPT_MS = 7 * 86_400_000;

/**
 * The alerting loop, a thin shell around the pure core: reads what the detectors and the
 * gateway stored since its last look, turns each window into observations per rule and series
 * (rules/observe.ts), moves each alert through the state machine (state/machine.ts), marks
 * silences and ML-aware inhibition, stores states and history, and queues one notification per
 * (model group, channel) when grouping's timing says so (dispatch/plan.ts). Every look is
 * idempotent: a window already applied to an alert changes nothing.
 */
export class AlertEvaluator {
  private readonly job: PeriodicJob<void>;

  constructor(private readonly deps: EvaluatorDeps) {
    this.job = new PeriodicJob(() => this.look(), {
      intervalMs: this.deps.intervalMs ?? 15_000,
      onError: (error) => this.deps.logger?.error({ err: error }, 'alert evaluation failed; retrying at the next look'),
    });
  }

  start(): void {
    this.job.start();
  }

  /** Stops looking and waits for the look in flight to finish. */
  stop(): Promise<void> {
    return this.job.stop();
  }

  /** One look (shared with the one in flight; never overlapping). Tests call it directly. */
  tick(): Promise<void> {
    return this.job.tick();
  }

  private async look(): Promise<void> {
    for (const project of await this.deps.rules.projects()) {
      if (this.job.stopped) return;
      try {
        await this.evaluateProject(project);
      } catch (error) {
        this.deps.logger?.error({ err: error, project }, 'alert evaluation of a project failed');
      }
    }
  }

  /** Evaluates one project now (tests call it directly). */
  async evaluateProject(project: string): Promise<void> {
    const { rules: ruleRepo, alerts: alertRepo, models: modelRepo, now } = this.deps;
    const at = now();
    await ruleRepo.ensureDefaults(project, at);
    const [rules, models, stored, cursors, silences] = await Promise.all([
      ruleRepo.list(project),
      modelRepo.list(project),
      alertRepo.live(project, at - RESOLVED_KEPT_MS),
      alertRepo.cursors(project),
      this.deps.silences.list(project, at),
    ]);
    const enabled = rules.filter((r) => r.enabled);
    const ruleById = new Map(rules.map((r) => [r.id, r]));
    const current = new Map(stored.map((a) => [a.fingerprint, a]));
    const changed = new Map<string, StoredAlert>();
    const events: AlertEvent[] = [];
    const cursorUpdates: { model: string; source: string; position: number }[] = [];

    for (const model of models) {
      const forModel = enabled.filter((r) => r.model === '*' || r.model === model.name);
      if (forModel.length > 0) {
        for (const signals of await this.windowsToEvaluate(project, model, cursors, cursorUpdates, forModel, at)) {
          for (const rule of forModel) {
            for (const observation of observe(rule, project, signals)) this.apply(rule, observation, signals, current, changed, events, at);
          }
        }
      }
      await this.resetPendingOfOldVersions(project, model, current, changed, events, at);
    }

    this.markMutes(silences, current, changed, events, at);
    if (changed.size > 0) await alertRepo.put(project, [...changed.values()], at);
    if (events.length > 0) await alertRepo.appendEvents(project, events);
    for (const c of cursorUpdates) await alertRepo.putCursor(project, c.model, c.source, c.position, at);

    this.deps.onEvaluated?.(project, [...current.values()]);
    const channels = await this.deps.channels.list(project);
    await this.dispatch(project, [...current.values()], ruleById, channels, at);
    await this.noticeExpiredSilences(project, [...current.values()], ruleById, channels, at);
  }

  /** Detector windows evaluated since the cursor, then closed serving windows since its cursor. */
  private async windowsToEvaluate(project: string, model: ModelRecord, cursors: Map<string, number>, updates: { model: string; source: string; position: number }[], rules: StoredRule[], at: number): Promise<WindowSignals[]> {
    const out: WindowSignals[] = [];
    const detectorCursor = cursors.get(cursorKey(model.name, 'detector')) ?? 0;
    if (rules.some((r) => METRICS[r.metric].source !== 'serving')) {
      const { windows, newestEvaluatedMs } = await this.deps.signals.detectorWindows(project, model.name, Math.max(0, detectorCursor - CURSOR_SLACK_MS));
      out.push(...windows);
      if (newestEvaluatedMs > detectorCursor) updates.push({ model: model.name, source: 'detector', position: newestEvaluatedMs });
    }
    if (rules.some((r) => METRICS[r.metric].source === 'serving')) {
      const sizeMs = windowSizeMs(model.settings.windowSize);
      const closedUntil = windowStartOf(at - model.settings.allowedLatenessMs, sizeMs);
      const servingCursor = cursors.get(cursorKey(model.name, 'serving')) ?? windowStartOf(at - FIRST_SERVING_LOOKBACK_MS, sizeMs);
      if (closedUntil > servingCursor) {
        out.push(...(await this.deps.signals.servingWindows(project, model.name, servingCursor, closedUntil, sizeMs)));
        updates.push({ model: model.name, source: 'serving', position: closedUntil });
      }
    }
    // The state machine takes windows in order of their start.
    return out.sort((a, b) => a.startMs - b.startMs);
  }

  private apply(rule: StoredRule, observation: SeriesObservation, signals: WindowSignals, current: Map<string, StoredAlert>, changed: Map<string, StoredAlert>, events: AlertEvent[], at: number): void {
    const fingerprint = alertFingerprint(observation.labels);
    const before = current.get(fingerprint) ?? newStoredAlert(fingerprint, observation.labels, rule.id, at);
    const holds = conditionHolds(observation.value, rule.op, rule.threshold);
    const { alert, transition } = applyWindow(before, { windowStart: signals.startMs, holds, value: observation.value, at }, rule.forWindows);
    if (alert === before) return;
    const next: StoredAlert = {
      ...before,
      ...alert,
      details: holds ? observation.details : before.details,
      value: holds ? observation.value : before.value,
      pendingSince: transition === 'pending' ? at : alert.state === 'pending' ? before.pendingSince : null,
      ...(transition === 'firing' ? { ackedAt: null, ackedBy: '' } : {}),
    };
    // A series that never held is not worth a row.
    if (!current.has(fingerprint) && next.state === 'inactive') return;
    current.set(fingerprint, next);
    changed.set(fingerprint, next);
    if (transition !== null) {
      events.push({ fingerprint, at, event: transition, state: next.state, labels: next.labels, value: observation.value, detail: `window ${new Date(signals.startMs).toISOString()}` });
    }
  }

  /** A new version going live drops the pending alerts of the versions before it. */
  private async resetPendingOfOldVersions(project: string, model: ModelRecord, current: Map<string, StoredAlert>, changed: Map<string, StoredAlert>, events: AlertEvent[], at: number): Promise<void> {
    const pending = [...current.values()].filter((a) => a.state === 'pending' && a.labels.model === model.name);
    if (pending.length === 0) return;
    const live = await this.deps.registry.getAlias(project, model.name, 'production');
    if (live === undefined) return;
    const liveSince = Date.parse(live.updatedAt);
    for (const alert of pending) {
      if (alert.pendingSince === null || alert.pendingSince > liveSince) continue;
      const reset = resetPendingOnNewVersion(alert, live.version);
      if (reset === alert) continue;
      const next: StoredAlert = { ...alert, ...reset, pendingSince: null };
      current.set(alert.fingerprint, next);
      changed.set(alert.fingerprint, next);
      events.push({ fingerprint: alert.fingerprint, at, event: 'reset', state: next.state, labels: next.labels, value: null, detail: `version ${live.version} went live` });
    }
  }

  /** Silences and inhibition, as of now, on every pending or firing alert. */
  private markMutes(silences: readonly Silence[], current: Map<string, StoredAlert>, changed: Map<string, StoredAlert>, events: AlertEvent[], at: number): void {
    const firing = [...current.values()].filter((a) => a.state === 'firing');
    const firingQuality = firing.filter((a) => a.labels.category === 'quality' && a.silencedBy.length === 0);
    for (const alert of current.values()) {
      if (alert.state !== 'firing' && alert.state !== 'pending') {
        if (alert.silencedBy.length === 0 && alert.inhibitedBy === '') continue;
      }
      const active = alert.state === 'firing' || alert.state === 'pending';
      const silenced = active ? silencedBy(alert.labels, silences, at) : [];
      const inhibitor = active ? (inhibitedBy(alert, firingQuality)?.fingerprint ?? '') : '';
      const silenceChanged = silenced.join(',') !== alert.silencedBy.join(',');
      const inhibitionChanged = inhibitor !== alert.inhibitedBy;
      if (!silenceChanged && !inhibitionChanged) continue;
      const next = { ...alert, silencedBy: silenced, inhibitedBy: inhibitor };
      current.set(alert.fingerprint, next);
      changed.set(alert.fingerprint, next);
      if (silenceChanged) events.push({ fingerprint: alert.fingerprint, at, event: silenced.length > 0 ? 'silenced' : 'unsilenced', state: next.state, labels: next.labels, value: null, detail: silenced.join(', ') });
      if (inhibitionChanged) events.push({ fingerprint: alert.fingerprint, at, event: inhibitor ? 'inhibited' : 'uninhibited', state: next.state, labels: next.labels, value: null, detail: inhibitor });
    }
  }

  /** The channels an alert goes to: its rule's, or the project's default channels. */
  private router(ruleById: Map<string, StoredRule>, channels: readonly Channel[]) {
    const existing = new Set(channels.map((c) => c.id));
    const defaults = channels.filter((c) => c.isDefault).map((c) => c.id);
    return (alert: StoredAlert): string[] => {
      const rule = ruleById.get(alert.ruleId);
      if (rule === undefined) return [];
      return (rule.channels.length > 0 ? rule.channels : defaults).filter((id) => existing.has(id));
    };
  }

  private async dispatch(project: string, alerts: StoredAlert[], ruleById: Map<string, StoredRule>, channels: Channel[], at: number): Promise<void> {
    const groups = await this.deps.alerts.groups(project);
    const plan = planNotifications({ alerts, routes: this.router(ruleById, channels), groups, now: at, timing: this.deps.timing });
    const channelById = new Map(channels.map((c) => [c.id, c]));
    const queued: Delivery[] = [];
    for (const planned of plan.notifications) {
      const channel = channelById.get(planned.channelId);
      if (channel === undefined) continue;
      const notification = this.notification(planned, alerts, at);
      if (!this.deps.wants(channel.type, notification)) continue;
      queued.push(delivery(project, channel, notification, at));
    }
    // Deliveries before group states: a crash between the two repeats a notification rather than losing it.
    if (queued.length > 0) {
      await this.deps.deliveries.put(queued, at);
      this.deps.logger?.info({ project, deliveries: queued.map((d) => ({ id: d.id, channel: d.channelId, type: d.channelType, firing: d.payload.firing.length, resolved: d.payload.resolved.length })) }, 'notifications queued');
      this.deps.onQueued?.();
    }
    for (const g of plan.groups) await this.deps.alerts.putGroup(project, g.groupKey, g.channelId, g.state, at);
  }

  private notification(planned: PlannedNotification, all: readonly StoredAlert[], at: number, kind: Notification['kind'] = 'alerts'): Notification {
    const active = all.filter((a) => a.state === 'firing' || a.state === 'pending');
    const present = (a: StoredAlert): NotifiedAlert => ({
      id: a.fingerprint,
      labels: a.labels,
      state: a.state === 'resolved' ? 'resolved' : 'firing',
      startsAt: new Date(a.activeSince ?? a.firedAt ?? a.firstSeen).toISOString(),
      endsAt: a.state === 'resolved' && a.resolvedAt !== null ? new Date(a.resolvedAt).toISOString() : null,
      value: a.value,
      details: a.details,
      covers: a.labels.category === 'quality' ? coveredBy(a, active).map((c) => ({ id: c.fingerprint, alertname: c.labels.alertname ?? '', feature: c.labels.feature ?? null })) : [],
    });
    const byName = (a: NotifiedAlert, b: NotifiedAlert) => (a.labels.alertname ?? '').localeCompare(b.labels.alertname ?? '') || (a.labels.feature ?? '').localeCompare(b.labels.feature ?? '');
    const firing = planned.firing.map(present).sort(byName);
    const resolved = planned.resolved.map(present).sort(byName);
    const range = alertRange([...firing, ...resolved], at);
    const version = firing[0]?.labels.version ?? resolved[0]?.labels.version;
    return {
      id: `msg_${randomBytes(12).toString('hex')}`,
      kind,
      project: planned.project,
      model: planned.model,
      groupKey: planned.groupKey,
      status: firing.length > 0 ? 'firing' : 'resolved',
      firing,
      resolved,
      dashboardUrl: dashboardLink(this.deps.publicUrl, planned.model, range.fromMs, range.toMs),
      dataUrl: predictionsLink(this.deps.publicUrl, planned.model, version, range.fromMs, range.toMs),
      createdAt: new Date(at).toISOString(),
    };
  }

  /** A silence that ended over alerts still firing: their channels hear that they are audible again. */
  private async noticeExpiredSilences(project: string, alerts: StoredAlert[], ruleById: Map<string, StoredRule>, channels: Channel[], at: number): Promise<void> {
    const expired = await this.deps.silences.expiredUnnoticed(project, at);
    if (expired.length === 0) return;
    const firing = alerts.filter(audible);
    const notices = expiredOverFiring(expired, firing, -Infinity, at);
    const route = this.router(ruleById, channels);
    const channelById = new Map(channels.map((c) => [c.id, c]));
    const queued: Delivery[] = [];
    for (const notice of notices) {
      const matched = firing.filter((a) => notice.alerts.includes(a.fingerprint));
      const byTarget = new Map<string, { model: string; groupKey: string; channelId: string; alerts: StoredAlert[] }>();
      for (const a of matched) {
        for (const channelId of route(a)) {
          const key = `${a.labels.model ?? ''}\u0000${channelId}`;
          const entry = byTarget.get(key) ?? { model: a.labels.model ?? '', groupKey: JSON.stringify([a.labels.project ?? '', a.labels.model ?? '']), channelId, alerts: [] };
          entry.alerts.push(a);
          byTarget.set(key, entry);
        }
      }
      for (const target of byTarget.values()) {
        const channel = channelById.get(target.channelId);
        if (channel === undefined) continue;
        const n = this.notification({ groupKey: target.groupKey, channelId: target.channelId, project, model: target.model, firing: target.alerts, resolved: [] }, alerts, at, 'silence_expired');
        n.silence = { id: notice.silence.id, comment: notice.silence.comment, createdBy: notice.silence.createdBy, endsAt: new Date(notice.silence.endsAt).toISOString() };
        if (channel.type === 'email' || channel.type === 'webhook') queued.push(delivery(project, channel, n, at));
      }
    }
    if (queued.length > 0) {
      await this.deps.deliveries.put(queued, at);
      this.deps.onQueued?.();
    }
    for (const s of expired) await this.deps.silences.put(project, { ...s, expiryNoticed: true }, at);
  }
}

/** Orders the deliveries queued at the same millisecond (a channel's queue is sorted by time, then id). */
let queuedSequence = 0;

function delivery(project: string, channel: Channel, payload: Notification, at: number): Delivery {
  queuedSequence = (queuedSequence + 1) % 0x1000000;
  return {
    id: `dlv_${at.toString(16).padStart(12, '0')}${queuedSequence.toString(16).padStart(6, '0')}${randomBytes(6).toString('hex')}`,
    project,
    channelId: channel.id,
    channelType: channel.type,
    kind: payload.kind,
    groupKey: payload.groupKey,
    fingerprints: [...payload.firing, ...payload.resolved].map((a) => a.id),
    payload,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: at,
    lastError: '',
    createdAt: at,
    updatedAt: at,
  };
}
