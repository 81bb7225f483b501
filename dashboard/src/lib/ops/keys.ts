import { api, path } from '../api';

/** API keys (API.md, Conventions): listed without the key, shown once at creation, revoked. */

export const SCOPES = ['ingest', 'read', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

export const SCOPE_HINTS: Record<Scope, string> = {
  ingest: 'send predictions and feedback',
  read: 'query everything, use the dashboard',
  admin: 'everything, plus registry, rules, channels, actions and keys',
};

export interface ApiKey {
  id: string;
  project: string;
  name: string;
  scopes: string[];
  keyPrefix: string;
  createdAt: string;
  createdBy: string;
  revokedAt: string | null;
}

export interface CreatedKey extends ApiKey {
  key: string;
}

export interface KeyInput {
  name: string;
  scopes: Scope[];
  project?: string;
}

export const KEY_FIELDS = ['name', 'scopes', 'project'] as const;

export const fetchKeys = () => api.get<{ keys: ApiKey[] }>('/v1/keys').then((r) => r.keys);
export const createKey = (input: KeyInput) => api.post<CreatedKey>('/v1/keys', input);
export const revokeKey = (id: string) => api.delete<undefined>(path('/v1/keys', id));

/** Active keys first, newest first within each group. */
export function sortKeys(keys: readonly ApiKey[]): ApiKey[] {
  return [...keys].sort((a, b) => Number(a.revokedAt !== null) - Number(b.revokedAt !== null) || b.createdAt.localeCompare(a.createdAt));
}
