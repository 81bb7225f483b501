import type { ChannelType } from '../alerts/channels/config';
import type { Notification } from '../alerts/dispatch/notification';
import type { Store } from './clickhouse';
import { nextRevision } from './revision';

export type DeliveryState = 'pending' | 'delivered' | 'failed' | 'skipped';

/** One notification for one channel, queued until delivered or failed for good. */
export interface Delivery {
  id: string;
  project: string;
  channelId: string;
  channelType: ChannelType;
  kind: Notification['kind'];
  groupKey: string;
  fingerprints: string[];
  payload: Notification;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string;
  createdAt: number;
  updatedAt: number;
}

export interface DeliveryAttempt {
  deliveryId: string;
  attempt: number;
  startedAt: number;
  durationMs: number;
  outcome: 'delivered' | 'failed' | 'skipped';
  retry: boolean;
  statusCode: number | null;
  error: string;
  nextAttemptAt: number | null;
}

interface DeliveryRow {
  project: string;
  id: string;
  channel_id: string;
  channel_type: ChannelType;
  kind: Notification['kind'];
  group_key: string;
  fingerprints: string[];
  payload: string;
  state: DeliveryState;
  attempts: number;
  next_at: string | number;
  last_error: string;
  created: string | number;
  updated: string | number;
}

const COLUMNS = `project, id, channel_id, channel_type, kind, group_key, fingerprints, payload, state, attempts,
  toUnixTimestamp64Milli(next_attempt_at) AS next_at, last_error, toUnixTimestamp64Milli(created_at) AS created, toUnixTimestamp64Milli(updated_at) AS updated`;

const fromRow = (r: DeliveryRow): Delivery => ({
  id: r.id,
  project: r.project,
  channelId: r.channel_id,
  channelType: r.channel_type,
  kind: r.kind,
  groupKey: r.group_key,
  fingerprints: r.fingerprints,
  payload: JSON.parse(r.payload) as Notification,
  state: r.state,
  attempts: Number(r.attempts),
  nextAttemptAt: Number(r.next_at),
  lastError: r.last_error,
  createdAt: Number(r.created),
  updatedAt: Number(r.updated),
});

/** The persisted delivery queue (`alert_deliveries`) and its attempt log (`alert_delivery_attempts`). */
export class DeliveryRepository {
  constructor(private readonly store: Store) {}

  /** Queues deliveries, or writes a delivery's new state (a newer row version). */
  async put(deliveries: readonly Delivery[], now: number): Promise<void> {
    await this.store.insert(
      'alerts.deliveries.put',
      'alert_deliveries',
      deliveries.map((d) => ({
        project: d.project,
        id: d.id,
        channel_id: d.channelId,
        channel_type: d.channelType,
        kind: d.kind,
        group_key: d.groupKey,
        fingerprints: d.fingerprints,
        payload: JSON.stringify(d.payload),
        state: d.state,
        attempts: d.attempts,
        next_attempt_at: d.nextAttemptAt,
        last_error: d.lastError,
        created_at: d.createdAt,
        updated_at: now,
        revision: nextRevision(now),
      })),
    );
  }

  /**
   * The oldest pending delivery of each channel (every project's), when its next attempt is
   * due: a channel's deliveries go out one at a time, in the order they were queued (time,
   * then id, which sorts within a millisecond).
   */
  async dueHeads(now: number, limit: number): Promise<Delivery[]> {
    const rows = await this.store.query<DeliveryRow>(
      'alerts.deliveries.due',
      `SELECT ${COLUMNS} FROM (
         SELECT * FROM alert_deliveries FINAL WHERE state = 'pending'
         ORDER BY created_at, id LIMIT 1 BY project, channel_id
       )
       WHERE next_attempt_at <= fromUnixTimestamp64Milli({now:Int64}, 'UTC')
       ORDER BY next_attempt_at LIMIT {limit:UInt32}`,
      { now, limit },
    );
    return rows.map(fromRow);
  }

  async list(project: string, query: { fingerprint?: string | undefined; channelId?: string | undefined; state?: DeliveryState | undefined; limit?: number }): Promise<Delivery[]> {
    const rows = await this.store.query<DeliveryRow>(
      'alerts.deliveries.list',
      `SELECT ${COLUMNS} FROM alert_deliveries FINAL WHERE project = {project:String}
       ${query.fingerprint === undefined ? '' : 'AND has(fingerprints, {fingerprint:String})'}
       ${query.channelId === undefined ? '' : 'AND channel_id = {channelId:String}'}
       ${query.state === undefined ? '' : 'AND state = {state:String}'}
       ORDER BY created_at DESC, id LIMIT {limit:UInt32}`,
      { project, fingerprint: query.fingerprint, channelId: query.channelId, state: query.state, limit: query.limit ?? 100 },
    );
    return rows.map(fromRow);
  }

  async get(project: string, id: string): Promise<Delivery | undefined> {
    const rows = await this.store.query<DeliveryRow>('alerts.deliveries.get', `SELECT ${COLUMNS} FROM alert_deliveries FINAL WHERE project = {project:String} AND id = {id:String}`, { project, id });
    return rows[0] && fromRow(rows[0]);
  }

  async recordAttempt(project: string, attempt: DeliveryAttempt): Promise<void> {
    await this.store.insert('alerts.attempts.record', 'alert_delivery_attempts', [
      {
        project,
        delivery_id: attempt.deliveryId,
        attempt: attempt.attempt,
        started_at: attempt.startedAt,
        duration_ms: attempt.durationMs,
        outcome: attempt.outcome,
        retry: attempt.retry ? 1 : 0,
        status_code: attempt.statusCode,
        error: attempt.error,
        next_attempt_at: attempt.nextAttemptAt,
      },
    ]);
  }

  /** Attempts of the given deliveries, in order. */
  async attempts(project: string, deliveryIds: readonly string[]): Promise<DeliveryAttempt[]> {
    if (deliveryIds.length === 0) return [];
    const rows = await this.store.query<{
      delivery_id: string;
      attempt: number;
      started: string | number;
      duration_ms: number;
      outcome: DeliveryAttempt['outcome'];
      retry: number;
      status_code: number | null;
      error: string;
      next_at: string | number | null;
    }>(
      'alerts.attempts.list',
      `SELECT delivery_id, attempt, toUnixTimestamp64Milli(started_at) AS started, duration_ms, outcome, retry, status_code, error,
         toUnixTimestamp64Milli(next_attempt_at) AS next_at
       FROM alert_delivery_attempts WHERE project = {project:String} AND delivery_id IN {ids:Array(String)} ORDER BY delivery_id, attempt`,
      { project, ids: deliveryIds },
    );
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      attempt: Number(r.attempt),
      startedAt: Number(r.started),
      durationMs: r.duration_ms,
      outcome: r.outcome,
      retry: Number(r.retry) === 1,
      statusCode: r.status_code === null ? null : Number(r.status_code),
      error: r.error,
      nextAttemptAt: r.next_at === null ? null : Number(r.next_at),
    }));
  }
}
