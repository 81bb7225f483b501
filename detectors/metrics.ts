import { Gauge, Histogram, type Registry } from 'prom-client';
import type { StoredWindow } from '../store/detections';
import type { FeatureDrift } from './drift';

/** Verdicts as gauge values: ordered by severity, insufficient data below everything. */
export const VERDICT_CODES = { insufficient_data: -1, no_drift: 0, moderate: 1, drift: 2 } as const;

export interface DetectorMetrics {
  psi: Gauge<'project' | 'model' | 'version' | 'feature'>;
  verdict: Gauge<'project' | 'model' | 'version' | 'feature'>;
  windowLag: Gauge<'project' | 'model'>;
  runDuration: Histogram<'trigger'>;
  /** Records an evaluation; only the newest window of a (model, version, feature) sets its gauges. */
  observe(window: StoredWindow, features: readonly FeatureDrift[], nowMs: number): void;
}

function reuse<T>(registry: Registry, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * The detectors' gauges on a registry, created once per registry (the scheduler and the
 * HTTP backfill share them): latest PSI and verdict per model, version and feature, the lag of
 * the newest evaluated window behind the clock, and the duration of window evaluations.
 */
export function detectorMetrics(registry: Registry): DetectorMetrics {
  const labels = ['project', 'model', 'version', 'feature'] as const;
  const psi = reuse(registry, 'vigil_drift_psi', () => new Gauge({ name: 'vigil_drift_psi', help: 'PSI of the newest evaluated window, per model version and feature (__prediction: the output)', labelNames: labels, registers: [registry] }));
  const verdict = reuse(registry, 'vigil_drift_verdict', () =>
    new Gauge({ name: 'vigil_drift_verdict', help: 'Verdict of the newest evaluated window: -1 insufficient_data, 0 no_drift, 1 moderate, 2 drift', labelNames: labels, registers: [registry] }),
  );
  const windowLag = reuse(registry, 'vigil_detector_window_lag_seconds', () =>
    new Gauge({ name: 'vigil_detector_window_lag_seconds', help: 'Seconds between the end of the newest evaluated window of a model and the evaluation', labelNames: ['project', 'model'] as const, registers: [registry] }),
  );
  const runDuration = reuse(registry, 'vigil_detector_window_duration_seconds', () =>
    new Histogram({ name: 'vigil_detector_window_duration_seconds', help: 'Duration of one window evaluation (all features), in seconds', labelNames: ['trigger'] as const, buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30], registers: [registry] }),
  );
  const newest = new Map<string, number>();
  return {
    psi,
    verdict,
    windowLag,
    runDuration,
    observe(window, features, nowMs) {
      runDuration.observe({ trigger: 'evaluation' }, window.durationMs / 1000);
      const modelKey = JSON.stringify([window.project, window.model]);
      if (window.startMs >= (newest.get(modelKey) ?? -Infinity)) {
        newest.set(modelKey, window.startMs);
        windowLag.set({ project: window.project, model: window.model }, Math.max(0, (nowMs - window.endMs) / 1000));
      }
      for (const f of features) {
        const key = JSON.stringify([window.project, window.model, window.version, f.feature]);
        if (window.startMs < (newest.get(key) ?? -Infinity)) continue;
        newest.set(key, window.startMs);
        const l = { project: window.project, model: window.model, version: window.version, feature: f.feature };
        verdict.set(l, VERDICT_CODES[f.verdict]);
        const value = f.statistics.psi;
        if (typeof value === 'number') psi.set(l, value);
      }
    },
  };
}
