import type { Labels } from '../alerts/fingerprint';
import type { AlertDetails } from '../alerts/rules/observe';
import { newAlert, type AlertInstance, type AlertState } from '../alerts/state/machine';
import type { GroupState } from '../alerts/dispatch/grouping';
import type { Store } from './clickhouse';
import { nextRevision } from './revision';

/** An alert instance as stored: the state machine's fields and what the API shows with them. */
export interface StoredAlert extends AlertInstance {
  ruleId: string;
  /** When the current pending run began (evaluation time, ms): a new live version after it resets the alert. */
  pendingSince: number | null;
  details: AlertDetails | null;
  /** Ids of the silences muting it at the last evaluation. */
  silencedBy: string[];
  /** Fingerprint of the firing quality alert holding it back, or ''. */
  inhibitedBy: string;
  ackedAt: number | null;
  ackedBy: string;
  firstSeen: number;
  updatedAt: number;
}

/** A stored alert not evaluated yet, first seen at `at`: inactive, unmuted, unacknowledged. */
export function newStoredAlert(fingerprint: string, labels: Labels, ruleId: string, at: number): StoredAlert {
  return { ...newAlert(fingerprint, labels), ruleId, pendingSince: null, details: null, silencedBy: [], inhibitedBy: '', ackedAt: null, ackedBy: '', firstSeen: at, updatedAt: at };
}

export type AlertEventKind = 'pending' | 'firing' | 'resolved' | 'dropped' | 'reset' | 'acknowledged' | 'silenced' | 'unsilenced' | 'inhibited' | 'uninhibited';

export interface AlertEvent {
  fingerprint: string;
  at: number;
  event: AlertEventKind;
  state: AlertState;
  labels: Labels;
  value: number | null;
  detail: string;
}

interface AlertRow {
  fingerprint: string;
  rule_id: string;
  labels: Record<string, string>;
  state: AlertState;
  held_windows: number;
  active_since_ms: string | number | null;
  pending_since_ms: string | number | null;
  fired_at_ms: string | number | null;
  resolved_at_ms: string | number | null;
  last_window_start_ms: string | number | null;
  value: number | null;
  details: string;
  silenced_by: string[];
  inhibited_by: string;
  acked_at_ms: string | number | null;
  acked_by: string;
  first_seen_ms: string | number;
  updated_at_ms: string | number;
}

const ms = (x: string | number | null): number | null => (x === null ? null : Number(x));

// Times leave as epoch ms under names of their own (`_ms`): an alias named as its column would
// stand for the column in the query's WHERE, and compare milliseconds with a DateTime64.
const ALERT_COLUMNS = `fingerprint, rule_id, labels, state, held_windows, toUnixTimestamp64Milli(active_since) AS active_since_ms,
  toUnixTimestamp64Milli(pending_since) AS pending_since_ms, toUnixTimestamp64Milli(fired_at) AS fired_at_ms,
  toUnixTimestamp64Milli(resolved_at) AS resolved_at_ms, toUnixTimestamp64Milli(last_window_start) AS last_window_start_ms, value, details,
  silenced_by, inhibited_by, toUnixTimestamp64Milli(acked_at) AS acked_at_ms, acked_by, toUnixTimestamp64Milli(first_seen) AS first_seen_ms,
  toUnixTimestamp64Milli(updated_at) AS updated_at_ms`;

const fromRow = (r: AlertRow): StoredAlert => ({
  fingerprint: r.fingerprint,
  ruleId: r.rule_id,
  labels: r.labels,
  state: r.state,
  heldWindows: Number(r.held_windows),
  activeSince: ms(r.active_since_ms),
  pendingSince: ms(r.pending_since_ms),
  firedAt: ms(r.fired_at_ms),
  resolvedAt: ms(r.resolved_at_ms),
  lastWindowStart: ms(r.last_window_start_ms),
  value: r.value,
  details: r.details === '' ? null : (JSON.parse(r.details) as AlertDetails),
  silencedBy: r.silenced_by,
  inhibitedBy: r.inhibited_by,
  ackedAt: ms(r.acked_at_ms),
  ackedBy: r.acked_by,
  firstSeen: Number(r.first_seen_ms),
  updatedAt: Number(r.updated_at_ms),
});

export interface AlertQuery {
  state?: AlertState | undefined;
  model?: string | undefined;
  limit?: number | undefined;
}

/** Alert instances, their history, group timing and the evaluator's cursors. */
export class AlertRepository {
  constructor(private readonly store: Store) {}

  async list(project: string, query: AlertQuery = {}): Promise<StoredAlert[]> {
    const rows = await this.store.query<AlertRow>(
      'alerts.instances.list',
      `SELECT ${ALERT_COLUMNS} FROM alert_instances FINAL WHERE project = {project:String}
       ${query.state === undefined ? "AND state != 'inactive'" : 'AND state = {state:String}'}
       ${query.model === undefined ? '' : "AND labels['model'] = {model:String}"}
       ORDER BY updated_at DESC, fingerprint LIMIT {limit:UInt32}`,
      { project, state: query.state, model: query.model, limit: query.limit ?? 1000 },
    );
    return rows.map(fromRow);
  }

  /** Every stored instance of a project that the evaluator may change (all but long-resolved ones). */
  async live(project: string, resolvedSinceMs: number): Promise<StoredAlert[]> {
    const rows = await this.store.query<AlertRow>(
      'alerts.instances.live',
      `SELECT ${ALERT_COLUMNS} FROM alert_instances FINAL WHERE project = {project:String}
       AND (state != 'resolved' OR resolved_at >= fromUnixTimestamp64Milli({since:Int64}, 'UTC'))`,
      { project, since: resolvedSinceMs },
    );
    return rows.map(fromRow);
  }

  async get(project: string, fingerprint: string): Promise<StoredAlert | undefined> {
    const rows = await this.store.query<AlertRow>(
      'alerts.instances.get',
      `SELECT ${ALERT_COLUMNS} FROM alert_instances FINAL WHERE project = {project:String} AND fingerprint = {fingerprint:String}`,
      { project, fingerprint },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async put(project: string, alerts: readonly StoredAlert[], now: number): Promise<void> {
    await this.store.insert(
      'alerts.instances.put',
      'alert_instances',
      alerts.map((a) => ({
        project,
        fingerprint: a.fingerprint,
        rule_id: a.ruleId,
        labels: a.labels,
        state: a.state,
        held_windows: a.heldWindows,
        active_since: a.activeSince,
        pending_since: a.pendingSince,
        fired_at: a.firedAt,
        resolved_at: a.resolvedAt,
        last_window_start: a.lastWindowStart,
        value: a.value !== null && Number.isFinite(a.value) ? a.value : null,
        details: a.details === null ? '' : JSON.stringify(a.details),
        silenced_by: a.silencedBy,
        inhibited_by: a.inhibitedBy,
        acked_at: a.ackedAt,
        acked_by: a.ackedBy,
        first_seen: a.firstSeen,
        updated_at: now,
        revision: nextRevision(now),
      })),
    );
  }

  async appendEvents(project: string, events: readonly AlertEvent[]): Promise<void> {
    await this.store.insert(
      'alerts.events.append',
      'alert_events',
      events.map((e) => ({
        project,
        fingerprint: e.fingerprint,
        seq: nextRevision(e.at),
        at: e.at,
        event: e.event,
        state: e.state,
        labels: e.labels,
        value: e.value !== null && Number.isFinite(e.value) ? e.value : null,
        detail: e.detail,
      })),
    );
  }

  /** An alert's history, oldest first. */
  async events(project: string, fingerprint: string, limit = 1000): Promise<AlertEvent[]> {
    const rows = await this.store.query<{ at: string | number; event: AlertEventKind; state: AlertState; labels: Record<string, string>; value: number | null; detail: string }>(
      'alerts.events.list',
      `SELECT toUnixTimestamp64Milli(at) AS at, event, state, labels, value, detail FROM alert_events
       WHERE project = {project:String} AND fingerprint = {fingerprint:String} ORDER BY seq LIMIT {limit:UInt32}`,
      { project, fingerprint, limit },
    );
    return rows.map((r) => ({ fingerprint, at: Number(r.at), event: r.event, state: r.state, labels: r.labels, value: r.value, detail: r.detail }));
  }

  /** The history of a project's alerts in [fromMs, toMs), newest first: "what happened last night". */
  async history(project: string, fromMs: number, toMs: number, limit: number, model?: string): Promise<AlertEvent[]> {
    // The output column is at_ms, not at: an alias named as the column would stand for it in WHERE.
    const rows = await this.store.query<{ fingerprint: string; at_ms: string | number; event: AlertEventKind; state: AlertState; labels: Record<string, string>; value: number | null; detail: string }>(
      'alerts.events.history',
      `SELECT fingerprint, toUnixTimestamp64Milli(at) AS at_ms, event, state, labels, value, detail FROM alert_events
       WHERE project = {project:String} AND at >= fromUnixTimestamp64Milli({fromMs:Int64}, 'UTC') AND at < fromUnixTimestamp64Milli({toMs:Int64}, 'UTC')
       ${model === undefined ? '' : "AND labels['model'] = {model:String}"}
       ORDER BY at DESC, seq DESC LIMIT {limit:UInt32}`,
      { project, fromMs, toMs, limit, model },
    );
    return rows.map(({ at_ms, ...r }) => ({ ...r, at: Number(at_ms) }));
  }

  async groups(project: string): Promise<Map<string, GroupState>> {
    const rows = await this.store.query<{ group_key: string; channel_id: string; created: string | number; last: string | number | null; firing: string[] }>(
      'alerts.groups.list',
      `SELECT group_key, channel_id, toUnixTimestamp64Milli(created_at) AS created, toUnixTimestamp64Milli(last_notified_at) AS last, last_notified_firing AS firing
       FROM alert_groups FINAL WHERE project = {project:String}`,
      { project },
    );
    return new Map(rows.map((r) => [groupStateKey(r.group_key, r.channel_id), { createdAt: Number(r.created), lastNotifiedAt: ms(r.last), lastNotifiedFiring: r.firing }]));
  }

  async putGroup(project: string, groupKey: string, channelId: string, state: GroupState, now: number): Promise<void> {
    await this.store.insert('alerts.groups.put', 'alert_groups', [
      { project, group_key: groupKey, channel_id: channelId, created_at: state.createdAt, last_notified_at: state.lastNotifiedAt, last_notified_firing: state.lastNotifiedFiring, revision: nextRevision(now) },
    ]);
  }

  async cursors(project: string): Promise<Map<string, number>> {
    const rows = await this.store.query<{ model: string; source: string; position: string | number }>(
      'alerts.cursors',
      'SELECT model, source, position FROM alert_cursors FINAL WHERE project = {project:String}',
      { project },
    );
    return new Map(rows.map((r) => [cursorKey(r.model, r.source), Number(r.position)]));
  }

  async putCursor(project: string, model: string, source: string, position: number, now: number): Promise<void> {
    await this.store.insert('alerts.cursors.put', 'alert_cursors', [{ project, model, source, position, revision: nextRevision(now) }]);
  }
}

export const groupStateKey = (groupKey: string, channelId: string) => `${groupKey}\u0000${channelId}`;
export const cursorKey = (model: string, source: string) => `${model}\u0000${source}`;
