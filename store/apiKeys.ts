import type { Store } from './clickhouse';
import { toRfc3339, toRfc3339OrNull } from './time';

export interface ApiKeyRecord {
  id: string;
  project: string;
  name: string;
  scopes: string[];
  /** The first characters of the key, to recognise it in a list; never enough to use it. */
  keyPrefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

interface ApiKeyRow {
  id: string;
  project: string;
  name: string;
  scopes: string[];
  key_hash: string;
  key_prefix: string;
  created_at: string;
  created_by: string;
  revoked_at: string | null;
  updated_at: string;
}

const COLUMNS = 'id, project, name, scopes, key_hash, key_prefix, created_at, created_by, revoked_at, updated_at';

function fromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    project: row.project,
    name: row.name,
    scopes: row.scopes,
    keyPrefix: row.key_prefix,
    createdAt: toRfc3339(row.created_at),
    createdBy: row.created_by,
    revokedAt: toRfc3339OrNull(row.revoked_at),
  };
}

export interface NewApiKey {
  id: string;
  project: string;
  name: string;
  scopes: string[];
  keyHash: string;
  keyPrefix: string;
  createdBy: string;
}

/** API keys, stored by hash. A change (revocation, replacement) is a newer row version. */
export class ApiKeyRepository {
  constructor(private readonly store: Store) {}

  async findActiveByHash(keyHash: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.store.query<ApiKeyRow>(
      'api_keys.by_hash',
      `SELECT ${COLUMNS} FROM api_keys FINAL WHERE key_hash = {keyHash:String} AND revoked_at IS NULL LIMIT 1`,
      { keyHash },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async get(project: string, id: string): Promise<ApiKeyRecord | undefined> {
    const rows = await this.store.query<ApiKeyRow>(
      'api_keys.get',
      `SELECT ${COLUMNS} FROM api_keys FINAL WHERE id = {id:String} AND project = {project:String}`,
      { id, project },
    );
    return rows[0] && fromRow(rows[0]);
  }

  async list(project: string): Promise<ApiKeyRecord[]> {
    const rows = await this.store.query<ApiKeyRow>(
      'api_keys.list',
      `SELECT ${COLUMNS} FROM api_keys FINAL WHERE project = {project:String} ORDER BY created_at, id`,
      { project },
    );
    return rows.map(fromRow);
  }

  async count(): Promise<number> {
    const rows = await this.store.query<{ n: string }>('api_keys.count', 'SELECT count() AS n FROM api_keys FINAL');
    return Number(rows[0]?.n ?? 0);
  }

  /** Writes a key; an existing id is replaced (used for the key given by VIGIL_ADMIN_KEY). */
  async put(key: NewApiKey, now: number): Promise<ApiKeyRecord> {
    await this.store.insert('api_keys.put', 'api_keys', [
      {
        id: key.id,
        project: key.project,
        name: key.name,
        scopes: key.scopes,
        key_hash: key.keyHash,
        key_prefix: key.keyPrefix,
        created_at: now,
        created_by: key.createdBy,
        revoked_at: null,
        updated_at: now,
      },
    ]);
    const createdAt = new Date(now).toISOString();
    return { id: key.id, project: key.project, name: key.name, scopes: key.scopes, keyPrefix: key.keyPrefix, createdAt, createdBy: key.createdBy, revokedAt: null };
  }

  /** Revokes a key of the project; returns false when there is no such active key. */
  async revoke(project: string, id: string, now: number): Promise<boolean> {
    const rows = await this.store.query<ApiKeyRow>(
      'api_keys.get_for_revoke',
      `SELECT ${COLUMNS}, toUnixTimestamp64Milli(updated_at) AS updated_ms FROM api_keys FINAL WHERE id = {id:String} AND project = {project:String} AND revoked_at IS NULL`,
      { id, project },
    );
    const row = rows[0] as (ApiKeyRow & { updated_ms: string }) | undefined;
    if (row === undefined) return false;
    // The newer version must sort after the old one even within the same millisecond.
    const version = Math.max(now, Number(row.updated_ms) + 1);
    const { updated_ms: _previousVersion, ...stored } = row;
    await this.store.insert('api_keys.revoke', 'api_keys', [{ ...stored, revoked_at: version, updated_at: version }]);
    return true;
  }
}
