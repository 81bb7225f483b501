import { ModelHealthRepository } from '../../store/modelHealth';
import type { Logger } from 'pino';
import { BaselineRepository } from '../../store/baselines';
import type { Store } from '../../store/clickhouse';
import { ModelLocks } from '../../store/modelLocks';
import type { ModelRepository } from '../../store/models';
import { RegistryRepository } from '../../store/registry';
import { TelemetryRepository } from '../../store/telemetry';
import { RegistryAuditLog } from '../../store/registryAudit';
import { createRouter } from '../openapi';
import { aliasRoutes } from './aliases.routes';
import { auditRoutes } from './audit.routes';
import { baselineRoutes } from './baseline.routes';
import { RegistryChanges } from './changes';
import { modelRoutes } from './models.routes';
import { versionRoutes } from './versions.routes';

export interface RegistryRoutesDeps {
  store: Store;
  models: ModelRepository;
  logger: Logger;
  now?: () => number;
  /** Rows per insert of baseline uploads (default 20,000). */
  baselineChunkRows?: number;
}

/**
 * Paths whose request bodies are streamed by the registry (baseline uploads, any size): the
 * app must not put its buffering body limit in front of them.
 */
export const STREAMED_UPLOAD_PATH = /^\/v1\/models\/[^/]+\/versions\/[^/]+\/baseline$/;

/** Models, versions, aliases, baselines and the audit log, as one router to mount at `/`. */
export function registryRoutes({ store, models, logger, now = Date.now, baselineChunkRows }: RegistryRoutesDeps) {
  const registry = new RegistryRepository(store);
  const baselines = new BaselineRepository(store, baselineChunkRows === undefined ? {} : { chunkRows: baselineChunkRows });
  const audit = new RegistryAuditLog(store);
  const changes = new RegistryChanges({ registry, baselines, audit, locks: new ModelLocks(), now });
  return createRouter()
    .route('/', modelRoutes({ models, telemetry: new TelemetryRepository(store), registry, baselines, changes, modelHealth: new ModelHealthRepository(store), now }))
    .route('/', versionRoutes({ models, registry, baselines, changes }))
    .route('/', aliasRoutes({ models, registry, changes }))
    .route('/', baselineRoutes({ models, registry, baselines, changes, now, logger }))
    .route('/', auditRoutes({ models, audit }));
}
