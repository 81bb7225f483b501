import type { Channel, ChannelType } from '../alerts/channels/config';
import type { Store } from './clickhouse';
import { nextRevision } from './revision';
import { toRfc3339 } from './time';

interface ChannelRow {
  id: string;
  name: string;
  type: ChannelType;
  config: string;
  secret: string;
  is_default: number;
  created_at: string;
  updated_at: string;
}

const fromRow = (r: ChannelRow): Channel => ({
  id: r.id,
  name: r.name,
  type: r.type,
  config: JSON.parse(r.config) as Record<string, unknown>,
  secret: r.secret,
  isDefault: Number(r.is_default) === 1,
  createdAt: toRfc3339(r.created_at),
  updatedAt: toRfc3339(r.updated_at),
});

/** Notification channels of a project (`alert_channels`); a deletion is a newer row. */
export class ChannelRepository {
  constructor(private readonly store: Store) {}

  async list(project: string): Promise<Channel[]> {
    const rows = await this.store.query<ChannelRow>(
      'alerts.channels.list',
      `SELECT id, name, type, config, secret, is_default, created_at, updated_at
       FROM (SELECT * FROM alert_channels FINAL WHERE project = {project:String}) WHERE deleted = 0 ORDER BY created_at, id`,
      { project },
    );
    return rows.map(fromRow);
  }

  async get(project: string, id: string): Promise<Channel | undefined> {
    const rows = await this.store.query<ChannelRow>(
      'alerts.channels.get',
      `SELECT id, name, type, config, secret, is_default, created_at, updated_at
       FROM (SELECT * FROM alert_channels FINAL WHERE project = {project:String} AND id = {id:String}) WHERE deleted = 0`,
      { project, id },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async insert(project: string, channel: Channel, createdBy: string, now: number): Promise<void> {
    await this.store.insert('alerts.channels.insert', 'alert_channels', [
      {
        project,
        id: channel.id,
        name: channel.name,
        type: channel.type,
        config: JSON.stringify(channel.config),
        secret: channel.secret,
        is_default: channel.isDefault ? 1 : 0,
        deleted: 0,
        created_at: Date.parse(channel.createdAt),
        created_by: createdBy,
        updated_at: now,
        revision: nextRevision(now),
      },
    ]);
  }

  async delete(project: string, channel: Channel, deletedBy: string, now: number): Promise<void> {
    await this.store.insert('alerts.channels.delete', 'alert_channels', [
      {
        project,
        id: channel.id,
        name: channel.name,
        type: channel.type,
        config: JSON.stringify(channel.config),
        secret: '',
        is_default: 0,
        deleted: 1,
        created_at: Date.parse(channel.createdAt),
        created_by: deletedBy,
        updated_at: now,
        revision: nextRevision(now),
      },
    ]);
  }
}
