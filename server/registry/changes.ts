import type { BaselineRepository, BaselineUpload } from '../../store/baselines';
import type { ModelLocks } from '../../store/modelLocks';
import type { ModelRecord } from '../../store/models';
import type { AliasRecord, ModelVersionRecord, RegistryRepository, VersionRegistration } from '../../store/registry';
import type { RegistryAuditLog } from '../../store/registryAudit';
import { ApiError } from '../errors';

/** Who makes a change and why; both land in the audit log. */
export interface ChangeAuthor {
  project: string;
  keyId: string;
  reason: string | null;
}

/** The registration fields of a version as the audit log and the API show them. */
export function registrationOf(record: VersionRegistration): VersionRegistration {
  const { version, artifactUri, endpoint, metrics, params, datasetVersion, gitCommit, tags, baselineFrom } = record;
  return { version, artifactUri, endpoint, metrics, params, datasetVersion, gitCommit, tags, baselineFrom };
}

/** JSON with object keys sorted, so that two equal maps compare equal whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/** Names of the registration fields in which two registrations of one version differ. */
export function registrationDifferences(a: VersionRegistration, b: VersionRegistration): string[] {
  const left = registrationOf(a) as unknown as Record<string, unknown>;
  const right = registrationOf(b) as unknown as Record<string, unknown>;
  return Object.keys(left).filter((key) => canonical(left[key]) !== canonical(right[key]));
}

/**
 * Every change to the registry goes through here: it is decided and written under the model's
 * lock, and recorded in the audit log with the state before and after. Routes stay HTTP only.
 */
export class RegistryChanges {
  constructor(
    private readonly deps: {
      registry: RegistryRepository;
      baselines: BaselineRepository;
      audit: RegistryAuditLog;
      locks: ModelLocks;
      now: () => number;
    },
  ) {}

  async modelCreated(model: Omit<ModelRecord, 'project'>, author: ChangeAuthor): Promise<void> {
    await this.deps.audit.append({ project: author.project, model: model.name, keyId: author.keyId, action: 'model.created', target: model.name, before: null, after: model, reason: author.reason }, this.deps.now());
  }

  /**
   * Registers a version. Registering it again with the same fields changes nothing and answers
   * `created: false` (pipelines retry); different fields are a conflict, since versions are
   * immutable (tags and baselineFrom change through `updateVersion`).
   */
  async registerVersion(model: string, registration: VersionRegistration, author: ChangeAuthor): Promise<{ created: boolean; version: ModelVersionRecord }> {
    const { registry, audit, locks, now } = this.deps;
    return locks.run(author.project, model, async () => {
      const existing = await registry.getVersion(author.project, model, registration.version);
      if (existing !== undefined) {
        const differences = registrationDifferences(existing, registration);
        if (differences.length === 0) return { created: false, version: existing };
        throw new ApiError(
          'conflict',
          `version ${JSON.stringify(registration.version)} of model ${JSON.stringify(model)} is already registered with other values (${differences.join(', ')}); versions are immutable: register a new version, or change tags and baselineFrom with PATCH`,
          differences.map((path) => ({ path, message: 'differs from the registered version' })),
        );
      }
      if (registration.baselineFrom !== null) await this.checkBaselineFrom(author.project, model, registration.version, registration.baselineFrom);
      const at = now();
      const created = await registry.insertVersion({ ...registration, project: author.project, model, createdBy: author.keyId }, at);
      await audit.append({ project: author.project, model, keyId: author.keyId, action: 'version.registered', target: registration.version, before: null, after: registrationOf(created), reason: author.reason }, at);
      return { created: true, version: created };
    });
  }

  /** Changes a version's tags and / or baselineFrom; a change to nothing writes nothing. */
  async updateVersion(model: string, version: string, change: { tags?: Record<string, string>; baselineFrom?: string | null }, author: ChangeAuthor): Promise<ModelVersionRecord> {
    const { registry, audit, locks, now } = this.deps;
    return locks.run(author.project, model, async () => {
      const current = await registry.getVersion(author.project, model, version);
      if (current === undefined) throw versionNotFound(model, version);
      if (change.baselineFrom !== undefined && change.baselineFrom !== null && change.baselineFrom !== current.baselineFrom) {
        await this.checkBaselineFrom(author.project, model, version, change.baselineFrom);
      }
      const before = { tags: current.tags, baselineFrom: current.baselineFrom };
      const after = { tags: change.tags ?? current.tags, baselineFrom: change.baselineFrom === undefined ? current.baselineFrom : change.baselineFrom };
      if (canonical(before) === canonical(after)) return current;
      const at = now();
      const updated = await registry.updateVersion(current, change, at);
      await audit.append({ project: author.project, model, keyId: author.keyId, action: 'version.updated', target: version, before, after, reason: author.reason }, at);
      return updated;
    });
  }

  /** Points an alias at a registered version; pointing it where it already points writes nothing. */
  async setAlias(model: string, alias: string, version: string, author: ChangeAuthor): Promise<{ alias: AliasRecord; previousVersion: string | null }> {
    const { registry, audit, locks, now } = this.deps;
    return locks.run(author.project, model, async () => {
      if ((await registry.getVersion(author.project, model, version)) === undefined) {
        throw new ApiError('invalid_request', `version ${JSON.stringify(version)} of model ${JSON.stringify(model)} is not registered; register it first (POST /v1/models/{model}/versions)`, [
          { path: 'version', message: `version ${JSON.stringify(version)} is not registered` },
        ]);
      }
      const current = await registry.getAlias(author.project, model, alias);
      if (current?.version === version) return { alias: current, previousVersion: version };
      const at = now();
      const moved = await registry.setAlias(author.project, model, alias, version, author.keyId, at);
      await audit.append({ project: author.project, model, keyId: author.keyId, action: 'alias.set', target: alias, before: current ? { version: current.version } : null, after: { version }, reason: author.reason }, at);
      return { alias: moved, previousVersion: current?.version ?? null };
    });
  }

  async deleteAlias(model: string, alias: string, author: ChangeAuthor): Promise<void> {
    const { registry, audit, locks, now } = this.deps;
    await locks.run(author.project, model, async () => {
      const current = await registry.getAlias(author.project, model, alias);
      if (current === undefined) throw new ApiError('not_found', `alias ${JSON.stringify(alias)} of model ${JSON.stringify(model)} is not set`);
      const at = now();
      await registry.deleteAlias(author.project, model, alias, current.version, author.keyId, at);
      await audit.append({ project: author.project, model, keyId: author.keyId, action: 'alias.deleted', target: alias, before: { version: current.version }, after: null, reason: author.reason }, at);
    });
  }

  /** Makes a completely written upload the version's baseline (one pointer row) and records it. */
  async baselineUploaded(model: string, upload: BaselineUpload, author: ChangeAuthor): Promise<void> {
    const { baselines, audit, locks, now } = this.deps;
    await locks.run(author.project, model, async () => {
      const previous = await baselines.ownBaselineId(author.project, model, upload.version);
      const at = now();
      await baselines.pointVersionAt(author.project, model, upload.version, upload.baselineId, author.keyId, at);
      await audit.append(
        {
          project: author.project,
          model,
          keyId: author.keyId,
          action: 'baseline.uploaded',
          target: upload.version,
          before: previous === undefined ? null : { baselineId: previous },
          after: { baselineId: upload.baselineId, format: upload.format, rowCount: upload.rowCount },
          reason: author.reason,
        },
        at,
      );
    });
  }

  /** `baselineFrom` must name another registered version and must not lead back to `version`. */
  private async checkBaselineFrom(project: string, model: string, version: string, target: string): Promise<void> {
    const invalid = (message: string) => new ApiError('invalid_request', `baselineFrom: ${message}`, [{ path: 'baselineFrom', message }]);
    if (target === version) throw invalid('a version cannot take its baseline from itself');
    const versions = new Map((await this.deps.registry.listVersions(project, model)).map((v) => [v.version, v.baselineFrom]));
    if (!versions.has(target)) throw invalid(`version ${JSON.stringify(target)} is not registered`);
    const seen = new Set<string>();
    for (let next: string | null | undefined = target; next !== null && next !== undefined && !seen.has(next); next = versions.get(next)) {
      if (next === version) throw invalid(`version ${JSON.stringify(target)} takes its baseline from ${JSON.stringify(version)}, directly or not: that would be a cycle`);
      seen.add(next);
    }
  }
}

export function versionNotFound(model: string, version: string): ApiError {
  return new ApiError('not_found', `version ${JSON.stringify(version)} of model ${JSON.stringify(model)} is not registered`);
}
