import { randomBytes } from 'node:crypto';
import type { Store } from './clickhouse';
import { nextRevision } from './revision';
import { toRfc3339 } from './time';

/** Every kind of registry change; each writes exactly one audit entry. */
export const AUDIT_ACTIONS = ['model.created', 'version.registered', 'version.updated', 'alias.set', 'alias.deleted', 'baseline.uploaded'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface NewAuditEntry {
  project: string;
  model: string;
  /** Id of the API key that made the change. */
  keyId: string;
  action: AuditAction;
  /** What changed: the model name, a version or an alias. */
  target: string;
  /** State before and after, as shown by the API; `null` when there was none. */
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  keyId: string;
  action: AuditAction;
  target: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** Position in the model's history; also the pagination cursor. */
  seq: number;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `after` for the next page; `null` when this was the last one. */
  next: number | null;
}

interface AuditRow {
  id: string;
  seq: string;
  at: string;
  key_id: string;
  action: AuditAction;
  target: string;
  before: string;
  after: string;
  reason: string | null;
}

/**
 * The append-only history of a model's registry: who changed what, when, from what to what,
 * and why. This repository can append and read; nothing in Vigil updates or deletes entries.
 */
export class RegistryAuditLog {
  constructor(private readonly store: Store) {}

  async append(entry: NewAuditEntry, now: number): Promise<AuditEntry> {
    const seq = nextRevision(now);
    const id = `aud_${randomBytes(8).toString('hex')}`;
    const before = JSON.stringify(entry.before ?? null);
    const after = JSON.stringify(entry.after ?? null);
    await this.store.insert('registry.audit.append', 'registry_audit', [
      { id, project: entry.project, model: entry.model, seq, at: now, key_id: entry.keyId, action: entry.action, target: entry.target, before, after, reason: entry.reason },
    ]);
    return { id, at: new Date(now).toISOString(), keyId: entry.keyId, action: entry.action, target: entry.target, before: entry.before ?? null, after: entry.after ?? null, reason: entry.reason, seq };
  }

  /**
   * One page of a model's history in the given order, starting after the entry whose `seq`
   * is `after` (exclusive) when given.
   */
  async page(project: string, model: string, options: { order: 'asc' | 'desc'; limit: number; after?: number | undefined }): Promise<AuditPage> {
    const comparison = options.order === 'asc' ? '>' : '<';
    const cursor = options.after === undefined ? '' : `AND seq ${comparison} {after:UInt64}`;
    const rows = await this.store.query<AuditRow>(
      'registry.audit.page',
      `SELECT id, seq, at, key_id, action, target, before, after, reason FROM registry_audit
       WHERE project = {project:String} AND model = {model:String} ${cursor}
       ORDER BY seq ${options.order === 'asc' ? 'ASC' : 'DESC'} LIMIT {limit:UInt32}`,
      { project, model, after: options.after ?? 0, limit: options.limit + 1 },
    );
    const entries = rows.slice(0, options.limit).map((row) => ({
      id: row.id,
      at: toRfc3339(row.at),
      keyId: row.key_id,
      action: row.action,
      target: row.target,
      before: JSON.parse(row.before) as unknown,
      after: JSON.parse(row.after) as unknown,
      reason: row.reason,
      seq: Number(row.seq),
    }));
    const last = entries[entries.length - 1];
    return { entries, next: rows.length > options.limit && last !== undefined ? last.seq : null };
  }
}
