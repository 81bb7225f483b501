import type { Matcher, Silence } from '../alerts/silences/silences';
import type { Store } from './clickhouse';
import { nextRevision } from './revision';

export interface StoredSilence extends Silence {
  createdAt: number;
  /** The "expired over firing alerts" notice was queued. */
  expiryNoticed: boolean;
}

interface SilenceRow {
  id: string;
  matchers: string;
  starts: string | number;
  ends: string | number;
  created_by: string;
  comment: string;
  expiry_noticed: number;
  created: string | number;
}

const fromRow = (r: SilenceRow): StoredSilence => ({
  id: r.id,
  matchers: JSON.parse(r.matchers) as Matcher[],
  startsAt: Number(r.starts),
  endsAt: Number(r.ends),
  createdBy: r.created_by,
  comment: r.comment,
  expiryNoticed: Number(r.expiry_noticed) === 1,
  createdAt: Number(r.created),
});

const COLUMNS = `id, matchers, toUnixTimestamp64Milli(starts_at) AS starts, toUnixTimestamp64Milli(ends_at) AS ends, created_by, comment, expiry_noticed,
  toUnixTimestamp64Milli(created_at) AS created`;

/** Silences of a project (`alert_silences`). */
export class SilenceRepository {
  constructor(private readonly store: Store) {}

  /** Silences that end after `sinceMs` (active, future, and recently expired), newest first. */
  async list(project: string, sinceMs = 0): Promise<StoredSilence[]> {
    const rows = await this.store.query<SilenceRow>(
      'alerts.silences.list',
      `SELECT ${COLUMNS} FROM alert_silences FINAL WHERE project = {project:String} AND ends_at > fromUnixTimestamp64Milli({sinceMs:Int64}, 'UTC')
       ORDER BY created_at DESC, id`,
      { project, sinceMs },
    );
    return rows.map(fromRow);
  }

  async get(project: string, id: string): Promise<StoredSilence | undefined> {
    const rows = await this.store.query<SilenceRow>('alerts.silences.get', `SELECT ${COLUMNS} FROM alert_silences FINAL WHERE project = {project:String} AND id = {id:String}`, { project, id });
    return rows[0] && fromRow(rows[0]);
  }

  /** Silences whose end passed without their expiry notice being queued yet. */
  async expiredUnnoticed(project: string, now: number): Promise<StoredSilence[]> {
    const rows = await this.store.query<SilenceRow>(
      'alerts.silences.expired',
      `SELECT ${COLUMNS} FROM alert_silences FINAL WHERE project = {project:String} AND expiry_noticed = 0 AND ends_at <= fromUnixTimestamp64Milli({now:Int64}, 'UTC')`,
      { project, now },
    );
    return rows.map(fromRow);
  }

  async put(project: string, silence: StoredSilence, now: number): Promise<void> {
    await this.store.insert('alerts.silences.put', 'alert_silences', [
      {
        project,
        id: silence.id,
        matchers: JSON.stringify(silence.matchers),
        starts_at: silence.startsAt,
        ends_at: silence.endsAt,
        created_by: silence.createdBy,
        comment: silence.comment,
        expiry_noticed: silence.expiryNoticed ? 1 : 0,
        created_at: silence.createdAt,
        revision: nextRevision(now),
      },
    ]);
  }
}
