import { api, path, type Answer, type Schema } from '../api';

/** The Registry page's data: models, versions, aliases, the audit log, promotion and rollback. */

/** GET /v1/models: each model with a summary of its versions and aliases and the server's glance at its health. */
export type ModelSummary = Schema<'ModelSummary'>;
/** GET /v1/models/{model}: the model with its versions, aliases and the versions seen in traffic. */
export type ModelDetail = Schema<'ModelDetail'>;
export type ModelSettings = Schema<'ModelSettings'>;
export type ModelVersion = Schema<'ModelVersion'>;
export type Alias = Schema<'Alias'>;
export type AuditEntry = Schema<'AuditEntry'>;
export type AuditPage = Answer<'/v1/models/{model}/audit', 'get'>;

export const fetchModels = () => api.get<Answer<'/v1/models', 'get'>>('/v1/models').then((r) => r.models);
export const fetchModel = (model: string) => api.get<Answer<'/v1/models/{model}', 'get'>>(path('/v1/models', model));

/** One page of the audit log, newest first (`cursor`: the previous page's `nextCursor`). */
export const fetchAudit = (model: string, cursor: string | null = null, limit = 50) =>
  api.get<AuditPage>(path('/v1/models', model, 'audit'), { order: 'desc', limit, cursor });

export const promote = (model: string, alias: string, version: string, reason: string) =>
  api.put<Answer<'/v1/models/{model}/aliases/{alias}', 'put'>>(path('/v1/models', model, 'aliases', alias), { version, reason } satisfies Schema<'SetAlias'>);

export const rollBack = (model: string, alias: string, reason: string) =>
  api.post<Answer<'/v1/models/{model}/rollback', 'post'>>(path('/v1/models', model, 'rollback'), { alias, reason } satisfies Schema<'RollbackInput'>);

/** The aliases of API.md first, then any other name already in use. */
export const WELL_KNOWN_ALIASES = ['production', 'canary', 'shadow'] as const;

export function aliasChoices(aliases: readonly Alias[]): string[] {
  const names = new Set<string>(WELL_KNOWN_ALIASES);
  for (const a of [...aliases].sort((x, y) => x.alias.localeCompare(y.alias))) names.add(a.alias);
  return [...names];
}

/** Alias names as the server takes them in a URL path (server/registry/schemas.ts). */
export const ALIAS_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Every offline metric name any version reports, for one column each. */
export function metricNames(versions: readonly ModelVersion[]): string[] {
  return [...new Set(versions.flatMap((v) => Object.keys(v.metrics)))].sort();
}

/** The aliases pointing at each version. */
export function aliasesByVersion(aliases: readonly Alias[]): Map<string, string[]> {
  const byVersion = new Map<string, string[]>();
  for (const a of aliases) byVersion.set(a.version, [...(byVersion.get(a.version) ?? []), a.alias]);
  return byVersion;
}
