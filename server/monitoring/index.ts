import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { detectorMetrics } from '../../detectors/metrics';
import { DriftDetector } from '../../detectors/evaluate';
import { DetectorScheduler } from '../../detectors/scheduler';
import { ModelRepository as Models } from '../../store/models';
import { BaselineRepository } from '../../store/baselines';
import type { Store } from '../../store/clickhouse';
import type { ModelRepository } from '../../store/models';
import { createRouter } from '../openapi';
import { driftRoutes } from './drift.routes';
import { windowRoutes } from './windows.routes';

export interface MonitoringRoutesDeps {
  store: Store;
  models: ModelRepository;
  logger?: Logger;
  now?: () => number;
  /** Where the detector gauges go (`/metrics`). */
  metrics?: Registry;
  /** The detector the scheduler also uses; built here when absent. */
  detector?: DriftDetector;
}

/** A detector whose evaluations set the /metrics gauges of `registry`. */
export function createDetector({ store, now = Date.now, logger, metrics }: Omit<MonitoringRoutesDeps, 'models' | 'detector'>): DriftDetector {
  const gauges = metrics === undefined ? undefined : detectorMetrics(metrics);
  return new DriftDetector({
    store,
    baselines: new BaselineRepository(store),
    now,
    ...(logger ? { logger } : {}),
    ...(gauges ? { onEvaluated: (window, features) => gauges.observe(window, features, now()) } : {}),
  });
}

/** Monitoring out (API.md): drift, quality, performance, traffic, histograms. */
export function monitoringRoutes({ store, models, logger, now = Date.now, metrics, detector }: MonitoringRoutesDeps) {
  const used = detector ?? createDetector({ store, now, ...(logger ? { logger } : {}), ...(metrics ? { metrics } : {}) });
  return createRouter()
    .route('/', driftRoutes({ models, detector: used, now }))
    .route('/', windowRoutes({ store, models, detector: used, now }));
}

/** The scheduler the server runs: every model of every project, looked at every `intervalMs`. */
export function createScheduler(deps: Omit<MonitoringRoutesDeps, 'models' | 'detector'> & { intervalMs: number }): DetectorScheduler {
  const detector = createDetector(deps);
  const models = new Models(deps.store);
  return new DetectorScheduler({
    detector,
    now: deps.now ?? Date.now,
    logger: deps.logger,
    intervalMs: deps.intervalMs,
    listModels: async () => (await Promise.all((await detector.results.projectsWithModels()).map((p) => models.list(p)))).flat(),
  });
}
