import { api, path, type Answer } from '../api';
import type { TimeRange } from '../range';
import type { DriftMatrix, TrafficWindow } from './types';

/** What the overview reads: the models, the firing alerts, and each model's drift and traffic. */

export const loadModels = async () => (await api.get<Answer<'/v1/models', 'get'>>('/v1/models')).models;

export const loadFiringAlerts = async () => (await api.get<Answer<'/v1/alerts', 'get'>>('/v1/alerts', { state: 'firing', limit: 1000 })).alerts;

export interface ModelActivity {
  matrix: DriftMatrix;
  traffic: TrafficWindow[];
}

export async function loadActivity(model: string, range: TimeRange): Promise<ModelActivity> {
  const query = { from: range.from, to: range.to };
  const [matrix, traffic] = await Promise.all([
    api.get<Answer<'/v1/models/{model}/drift/matrix', 'get'>>(path('/v1/models', model, 'drift', 'matrix'), { ...query, statistic: 'psi' }),
    api.get<Answer<'/v1/models/{model}/traffic', 'get'>>(path('/v1/models', model, 'traffic'), query),
  ]);
  return { matrix, traffic: traffic.windows };
}

/** Runs `task` over `items` with at most `limit` at a time (a project may have many models). */
export async function eachLimited<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
