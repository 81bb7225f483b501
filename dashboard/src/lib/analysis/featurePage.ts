import { api, path, type Answer } from '../api';
import type { TimeRange } from '../range';
import type { DriftWindow, FeatureDrift, FeatureHistogram, QualityWindow } from './types';

/** What the feature page reads (API.md, Monitoring out). */

type Scope = { range: TimeRange; version: string | null };

/** The feature's drift results in the range, oldest first; windows without a result for it are left out. */
export async function loadFeatureDrift(model: string, feature: string, { range, version }: Scope): Promise<{ window: DriftWindow; result: FeatureDrift }[]> {
  const { windows } = await api.get<Answer<'/v1/models/{model}/drift', 'get'>>(path('/v1/models', model, 'drift'), { feature, from: range.from, to: range.to, version });
  return windows.flatMap((window) => {
    const result = window.features.find((f) => f.feature === feature);
    return result ? [{ window, result }] : [];
  });
}

/**
 * Baseline and current counts on the baseline's bins: of one window when `windowStart` is
 * given (the windows starting at that instant), else summed over the range.
 */
export function loadHistogram(model: string, feature: string, { range, version }: Scope, windowStart: string | null): Promise<FeatureHistogram> {
  const from = windowStart ?? range.from;
  const to = windowStart ? new Date(Date.parse(windowStart) + 1).toISOString() : range.to;
  return api.get<Answer<'/v1/models/{model}/features/{feature}/histogram', 'get'>>(path('/v1/models', model, 'features', feature, 'histogram'), { from, to, version });
}

export async function loadQuality(model: string, { range, version }: Scope): Promise<QualityWindow[]> {
  return (await api.get<Answer<'/v1/models/{model}/quality', 'get'>>(path('/v1/models', model, 'quality'), { from: range.from, to: range.to, version })).windows;
}
