import type { Logger } from 'pino';
import { DriftDetector } from '../../detectors/evaluate';
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
  /** The detector the scheduler also uses; built here when absent. */
  detector?: DriftDetector;
}

/** Monitoring out (API.md): drift, quality, performance, traffic, histograms. */
export function monitoringRoutes({ store, models, logger, now = Date.now, detector }: MonitoringRoutesDeps) {
  const used = detector ?? new DriftDetector({ store, baselines: new BaselineRepository(store), now, ...(logger ? { logger } : {}) });
  return createRouter()
    .route('/', driftRoutes({ models, detector: used, now }))
    .route('/', windowRoutes({ store, models, detector: used, now }));
}
