import { api, path, type Answer } from '../api';
import type { TimeRange } from '../range';
import type { ModelDetail } from './types';

/** What the model page reads, one call per panel (API.md, Monitoring out). */

type Scope = { range: TimeRange; version: string | null };
const rangeQuery = ({ range, version }: Scope) => ({ from: range.from, to: range.to, version });

export const loadModel = (model: string) => api.get<Answer<'/v1/models/{model}', 'get'>>(path('/v1/models', model));

export const loadDriftMatrix = (model: string, scope: Scope, statistic: string) =>
  api.get<Answer<'/v1/models/{model}/drift/matrix', 'get'>>(path('/v1/models', model, 'drift', 'matrix'), { ...rangeQuery(scope), statistic });

export const loadTraffic = async (model: string, scope: Scope) =>
  (await api.get<Answer<'/v1/models/{model}/traffic', 'get'>>(path('/v1/models', model, 'traffic'), rangeQuery(scope))).windows;

export const loadPerformance = async (model: string, scope: Scope) =>
  (await api.get<Answer<'/v1/models/{model}/performance', 'get'>>(path('/v1/models', model, 'performance'), rangeQuery(scope))).windows;

/** Versions to pick from: registered ones and those only seen in predictions, newest first. */
export function versionChoices(detail: ModelDetail | undefined): { version: string; label: string }[] {
  if (!detail) return [];
  const aliasesOf = new Map<string, string[]>();
  for (const a of detail.aliases) aliasesOf.set(a.version, [...(aliasesOf.get(a.version) ?? []), a.alias]);
  const seen = new Set<string>();
  const choices: { version: string; label: string }[] = [];
  for (const v of [...detail.versions].reverse()) {
    seen.add(v.version);
    const aliases = aliasesOf.get(v.version);
    choices.push({ version: v.version, label: `v${v.version}${aliases ? ` (${aliases.join(', ')})` : ''}` });
  }
  for (const v of detail.seenVersions) {
    if (seen.has(v.version) || v.version === '') continue;
    seen.add(v.version);
    choices.push({ version: v.version, label: `v${v.version} (unregistered)` });
  }
  return choices;
}
