import type { Store } from './clickhouse';
import { nextRevision } from './revision';
import { toRfc3339 } from './time';

/** Values a version's training parameters may take. */
export type ParamValue = string | number | boolean | null;

/** What a pipeline registers; immutable afterwards except `tags` and `baselineFrom`. */
export interface VersionRegistration {
  version: string;
  artifactUri: string | null;
  /** URL of a server speaking the Open Inference Protocol v2. */
  endpoint: string | null;
  /** Offline evaluation, e.g. `{"accuracy": 0.91}`. */
  metrics: Record<string, number>;
  params: Record<string, ParamValue>;
  datasetVersion: string | null;
  gitCommit: string | null;
  tags: Record<string, string>;
  /** Another version of the model whose baseline this one uses while it has none of its own. */
  baselineFrom: string | null;
}

export interface ModelVersionRecord extends VersionRegistration {
  project: string;
  model: string;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export interface AliasRecord {
  alias: string;
  version: string;
  updatedAt: string;
  updatedBy: string;
}

interface VersionRow {
  project: string;
  model: string;
  version: string;
  artifact_uri: string | null;
  endpoint: string | null;
  metrics: Record<string, number>;
  params: string;
  dataset_version: string | null;
  git_commit: string | null;
  tags: Record<string, string>;
  baseline_from: string | null;
  created_at: string;
  created_by: string;
  updated_at: string;
}

const VERSION_COLUMNS = 'project, model, version, artifact_uri, endpoint, metrics, params, dataset_version, git_commit, tags, baseline_from, created_at, created_by, updated_at';

function versionFromRow(row: VersionRow): ModelVersionRecord {
  return {
    project: row.project,
    model: row.model,
    version: row.version,
    artifactUri: row.artifact_uri,
    endpoint: row.endpoint,
    metrics: row.metrics,
    params: JSON.parse(row.params || '{}') as Record<string, ParamValue>,
    datasetVersion: row.dataset_version,
    gitCommit: row.git_commit,
    tags: row.tags,
    baselineFrom: row.baseline_from,
    createdAt: toRfc3339(row.created_at),
    createdBy: row.created_by,
    updatedAt: toRfc3339(row.updated_at),
  };
}

function versionToRow(record: ModelVersionRecord, createdAtMs: number, updatedAtMs: number) {
  return {
    project: record.project,
    model: record.model,
    version: record.version,
    artifact_uri: record.artifactUri,
    endpoint: record.endpoint,
    metrics: record.metrics,
    params: JSON.stringify(record.params),
    dataset_version: record.datasetVersion,
    git_commit: record.gitCommit,
    tags: record.tags,
    baseline_from: record.baselineFrom,
    created_at: createdAtMs,
    created_by: record.createdBy,
    updated_at: updatedAtMs,
    revision: nextRevision(updatedAtMs),
  };
}

/** An alias of a model was moved or deleted through a `RegistryRepository` of this process. */
export interface AliasChange {
  project: string;
  model: string;
  alias: string;
}

/**
 * Listeners of alias changes, per store: readers that cache where aliases point (the serving
 * gateway) drop their entry at once, so a rollback made in this process takes effect on the
 * next request. Keyed by the store, so separate apps (and tests) never hear each other.
 */
const aliasListeners = new WeakMap<Store, Set<(change: AliasChange) => void>>();

/** Calls `listener` after every alias change written through `store`; returns the unsubscribe. */
export function onAliasChange(store: Store, listener: (change: AliasChange) => void): () => void {
  let listeners = aliasListeners.get(store);
  if (listeners === undefined) aliasListeners.set(store, (listeners = new Set()));
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function aliasChanged(store: Store, change: AliasChange): void {
  for (const listener of aliasListeners.get(store) ?? []) listener(change);
}

/** Per model: how many versions, the newest registered one, and where each alias points. */
export interface RegistrySummary {
  versionCount: number;
  latestVersion: string | null;
  aliases: Record<string, string>;
}

/**
 * Versions and aliases of a project's models. Writes are plain inserts of row versions; the
 * caller serialises the changes of one model (see `ModelLocks`) so that a check-then-write
 * (register unless it exists, move an alias and record what it was) cannot interleave.
 */
export class RegistryRepository {
  constructor(private readonly store: Store) {}

  async getVersion(project: string, model: string, version: string): Promise<ModelVersionRecord | undefined> {
    const rows = await this.store.query<VersionRow>(
      'registry.version',
      `SELECT ${VERSION_COLUMNS} FROM model_versions FINAL WHERE project = {project:String} AND model = {model:String} AND version = {version:String}`,
      { project, model, version },
    );
    return rows[0] && versionFromRow(rows[0]);
  }

  /** Versions of a model, oldest registration first. */
  async listVersions(project: string, model: string): Promise<ModelVersionRecord[]> {
    const rows = await this.store.query<VersionRow>(
      'registry.versions',
      `SELECT ${VERSION_COLUMNS} FROM model_versions FINAL WHERE project = {project:String} AND model = {model:String} ORDER BY created_at, version`,
      { project, model },
    );
    return rows.map(versionFromRow);
  }

  async insertVersion(registration: VersionRegistration & { project: string; model: string; createdBy: string }, now: number): Promise<ModelVersionRecord> {
    const at = new Date(now).toISOString();
    const record: ModelVersionRecord = { ...registration, createdAt: at, updatedAt: at };
    await this.store.insert('registry.version.insert', 'model_versions', [versionToRow(record, now, now)]);
    return record;
  }

  /** Writes the mutable part of a version (tags, baselineFrom) as a newer row version. */
  async updateVersion(current: ModelVersionRecord, change: { tags?: Record<string, string>; baselineFrom?: string | null }, now: number): Promise<ModelVersionRecord> {
    const updated: ModelVersionRecord = {
      ...current,
      ...(change.tags !== undefined ? { tags: change.tags } : {}),
      ...(change.baselineFrom !== undefined ? { baselineFrom: change.baselineFrom } : {}),
      updatedAt: new Date(now).toISOString(),
    };
    await this.store.insert('registry.version.update', 'model_versions', [versionToRow(updated, Date.parse(current.createdAt), now)]);
    return updated;
  }

  /** Live aliases of a model, by name. */
  async listAliases(project: string, model: string): Promise<AliasRecord[]> {
    const rows = await this.store.query<{ alias: string; version: string; updated_at: string; updated_by: string }>(
      'registry.aliases',
      `SELECT alias, version, updated_at, updated_by
       FROM (SELECT alias, version, deleted, updated_at, updated_by FROM model_aliases FINAL WHERE project = {project:String} AND model = {model:String})
       WHERE deleted = 0 ORDER BY alias`,
      { project, model },
    );
    return rows.map((r) => ({ alias: r.alias, version: r.version, updatedAt: toRfc3339(r.updated_at), updatedBy: r.updated_by }));
  }

  async getAlias(project: string, model: string, alias: string): Promise<AliasRecord | undefined> {
    const rows = await this.store.query<{ version: string; deleted: number; updated_at: string; updated_by: string }>(
      'registry.alias',
      `SELECT version, deleted, updated_at, updated_by FROM model_aliases FINAL
       WHERE project = {project:String} AND model = {model:String} AND alias = {alias:String}`,
      { project, model, alias },
    );
    const row = rows[0];
    if (row === undefined || Number(row.deleted) === 1) return undefined;
    return { alias, version: row.version, updatedAt: toRfc3339(row.updated_at), updatedBy: row.updated_by };
  }

  /**
   * The version an alias of a model points at now, or `undefined` when the alias is not set.
   * What the gateway, rollback and ingest (predictions without a version) read.
   */
  async resolveAlias(project: string, model: string, alias: string): Promise<string | undefined> {
    return (await this.getAlias(project, model, alias))?.version;
  }

  /** Points the alias at a version: one row, so readers see the old target or the new one. */
  async setAlias(project: string, model: string, alias: string, version: string, updatedBy: string, now: number): Promise<AliasRecord> {
    await this.store.insert('registry.alias.set', 'model_aliases', [
      { project, model, alias, version, deleted: 0, updated_at: now, updated_by: updatedBy, revision: nextRevision(now) },
    ]);
    aliasChanged(this.store, { project, model, alias });
    return { alias, version, updatedAt: new Date(now).toISOString(), updatedBy };
  }

  async deleteAlias(project: string, model: string, alias: string, lastVersion: string, updatedBy: string, now: number): Promise<void> {
    await this.store.insert('registry.alias.delete', 'model_aliases', [
      { project, model, alias, version: lastVersion, deleted: 1, updated_at: now, updated_by: updatedBy, revision: nextRevision(now) },
    ]);
    aliasChanged(this.store, { project, model, alias });
  }

  /** Version counts, newest version and aliases of every model of a project, in two queries. */
  async summaries(project: string): Promise<Map<string, RegistrySummary>> {
    const [versions, aliases] = await Promise.all([
      this.store.query<{ model: string; n: string; latest: string }>(
        'registry.summary.versions',
        `SELECT model, count() AS n, argMax(version, (created_at, version)) AS latest
         FROM (SELECT model, version, created_at FROM model_versions FINAL WHERE project = {project:String})
         GROUP BY model`,
        { project },
      ),
      this.store.query<{ model: string; alias: string; version: string }>(
        'registry.summary.aliases',
        `SELECT model, alias, version
         FROM (SELECT model, alias, version, deleted FROM model_aliases FINAL WHERE project = {project:String})
         WHERE deleted = 0 ORDER BY model, alias`,
        { project },
      ),
    ]);
    const out = new Map<string, RegistrySummary>();
    const entry = (model: string) => {
      let found = out.get(model);
      if (found === undefined) {
        found = { versionCount: 0, latestVersion: null, aliases: {} };
        out.set(model, found);
      }
      return found;
    };
    for (const row of versions) Object.assign(entry(row.model), { versionCount: Number(row.n), latestVersion: row.latest });
    for (const row of aliases) entry(row.model).aliases[row.alias] = row.version;
    return out;
  }
}
