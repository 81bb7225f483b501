import type { Store } from './clickhouse';

export interface RollbackRecord {
  project: string;
  model: string;
  alias: string;
  fromVersion: string;
  toVersion: string;
  at: number;
  /** The rollback channel that acted, or '' for a rollback by hand. */
  channelId: string;
  fingerprints: string[];
  reason: string;
}

/** Rollbacks Vigil made (`alert_rollbacks`): what cooldowns and daily limits count. */
export class RollbackLog {
  constructor(private readonly store: Store) {}

  async append(record: RollbackRecord): Promise<void> {
    await this.store.insert('alerts.rollbacks.append', 'alert_rollbacks', [
      {
        project: record.project,
        model: record.model,
        alias: record.alias,
        from_version: record.fromVersion,
        to_version: record.toVersion,
        at: record.at,
        channel_id: record.channelId,
        fingerprints: record.fingerprints,
        reason: record.reason,
      },
    ]);
  }

  /** Times (ms) of the rollbacks of a model's alias since `sinceMs`, newest first. */
  async since(project: string, model: string, alias: string, sinceMs: number): Promise<number[]> {
    // The output column is at_ms, not at: an alias named as the column would stand for it in WHERE.
    const rows = await this.store.query<{ at_ms: string | number }>(
      'alerts.rollbacks.since',
      `SELECT toUnixTimestamp64Milli(at) AS at_ms FROM alert_rollbacks
       WHERE project = {project:String} AND model = {model:String} AND alias = {alias:String} AND at >= fromUnixTimestamp64Milli({sinceMs:Int64}, 'UTC')
       ORDER BY at DESC`,
      { project, model, alias, sinceMs },
    );
    return rows.map((r) => Number(r.at_ms));
  }
}
