import { api, path, type Answer, type Schema } from '../api';

/** API keys (API.md, Conventions): listed without the key, shown once at creation, revoked. */

/** POST /v1/keys: the key's scopes, an optional name and (for a key of another project) its project. */
export type KeyInput = Schema<'CreateApiKey'>;
export type Scope = KeyInput['scopes'][number];
/** Every scope, in the order the form offers them. */
export const SCOPES = ['ingest', 'read', 'admin'] as const satisfies readonly Scope[];

export const SCOPE_HINTS: Record<Scope, string> = {
  ingest: 'send predictions and feedback',
  read: 'query everything, use the dashboard',
  admin: 'everything, plus registry, rules, channels, actions and keys',
};

/** A key as listed: never the key itself, only its prefix. */
export type ApiKey = Schema<'ApiKey'>;
/** The answer that created a key: the only one that carries the key. */
export type CreatedKey = Schema<'CreatedApiKey'>;

export const KEY_FIELDS = ['name', 'scopes', 'project'] as const;

export const fetchKeys = () => api.get<Answer<'/v1/keys', 'get'>>('/v1/keys').then((r) => r.keys);
export const createKey = (input: KeyInput) => api.post<Answer<'/v1/keys', 'post'>>('/v1/keys', input);
export const revokeKey = (id: string) => api.delete<undefined>(path('/v1/keys', id));

/** Active keys first, newest first within each group. */
export function sortKeys(keys: readonly ApiKey[]): ApiKey[] {
  return [...keys].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt));
}
