import { api, path } from '../api';

/** The Registry page's data: models, versions, aliases, the audit log, promotion and rollback. */

export interface ModelSummary {
  name: string;
  task: string;
  features: { name: string; type: 'numeric' | 'categorical' }[];
  description: string;
  owner: string;
  tags: Record<string, string>;
  createdAt: string;
  updatedAt: string;
  summary: { versionCount: number; latestVersion: string | null; aliases: Record<string, string> };
}

export interface BaselineStatus {
  status: 'own' | 'inherited' | 'none';
  baselineId: string | null;
  fromVersion: string | null;
  rowCount: number | null;
  uploadedAt: string | null;
}

export interface ModelVersion {
  version: string;
  artifactUri: string | null;
  endpoint: string | null;
  metrics: Record<string, number>;
  params: Record<string, string | number | boolean | null>;
  datasetVersion: string | null;
  gitCommit: string | null;
  tags: Record<string, string>;
  baselineFrom: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  baseline: BaselineStatus;
}

export interface Alias {
  alias: string;
  version: string;
  updatedAt: string;
  updatedBy: string;
}

export interface SeenVersion {
  version: string;
  registered: boolean;
  predictions: number;
  firstSeen: string;
  lastSeen: string;
}

export interface ModelDetail extends Omit<ModelSummary, 'summary'> {
  createdBy: string;
  versions: ModelVersion[];
  aliases: Alias[];
  seenVersions: SeenVersion[];
}

export interface AuditEntry {
  id: string;
  at: string;
  keyId: string;
  action: string;
  target: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextCursor: string | null;
}

export interface RollbackResult {
  alias: string;
  fromVersion: string;
  toVersion: string;
  at: string;
}

export const fetchModels = () => api.get<{ models: ModelSummary[] }>('/v1/models').then((r) => r.models);
export const fetchModel = (model: string) => api.get<ModelDetail>(path('/v1/models', model));

/** One page of the audit log, newest first (`cursor`: the previous page's `nextCursor`). */
export const fetchAudit = (model: string, cursor: string | null = null, limit = 50) =>
  api.get<AuditPage>(path('/v1/models', model, 'audit'), { order: 'desc', limit, cursor });

export const promote = (model: string, alias: string, version: string, reason: string) =>
  api.put<Alias & { previousVersion: string | null }>(path('/v1/models', model, 'aliases', alias), { version, reason });

export const rollBack = (model: string, alias: string, reason: string) => api.post<RollbackResult>(path('/v1/models', model, 'rollback'), { alias, reason });

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
