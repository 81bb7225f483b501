import type { Logger } from 'pino';
import { createApp } from '../../server/app';
import { bootstrapAccess } from '../../server/auth/bootstrap';
import { createLogger } from '../../server/logger';
import { createMetrics, type ServerMetrics } from '../../server/metrics';
import { IngestPipeline } from '../../ingest/pipeline';
import type { WriterOptions } from '../../ingest/writer';
import { ApiKeyRepository } from '../../store/apiKeys';
import { openStore, type Store } from '../../store/clickhouse';
import { migrate } from '../../store/migrations';
import { ProjectRepository } from '../../store/projects';
import type { Fetcher } from './http';
import { tempDataDir } from './server';

export const TEST_ADMIN_KEY = 'test-admin-key-of-project-default';

export interface TestApp {
  store: Store;
  metrics: ServerMetrics;
  fetcher: Fetcher;
  close(): Promise<void>;
}

/**
 * The whole app in this process, on embedded ClickHouse in a fresh directory, called through
 * `app.request()` as Hono's own tests do. One per test file: chDB binds one directory per process.
 */
export async function openTestApp(
  options: { maxBodyBytes?: number; writer?: Partial<WriterOptions>; wrapStore?: (store: Store) => Store; dashboardDist?: string; metricsToken?: string; rateLimitPerKey?: number; /** Default: a silent one. */ logger?: Logger } = {},
): Promise<TestApp> {
  const data = tempDataDir();
  const opened = await openStore({ database: 'vigil', dataDir: data.dir });
  const store = options.wrapStore?.(opened) ?? opened;
  await migrate(store);
  await bootstrapAccess({ projects: new ProjectRepository(store), keys: new ApiKeyRepository(store), adminKey: TEST_ADMIN_KEY, now: Date.now, announce: () => {} });
  const metrics = createMetrics();
  const logger = options.logger ?? createLogger('silent');
  const ingest = IngestPipeline.forServer({
    store,
    registry: metrics.registry,
    logger,
    writer: { maxBatchRows: 20_000, lingerMs: 2, maxQueuedRows: 200_000, ...options.writer },
  });
  const app = createApp({ store, logger, metrics, ingest, maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024, ...(options.dashboardDist ? { dashboardDist: options.dashboardDist } : {}), metricsToken: options.metricsToken, ...(options.rateLimitPerKey ? { rateLimitPerKey: options.rateLimitPerKey } : {}) });
  return {
    store,
    fetcher: async (path, init) => app.request(path, init),
    metrics,
    async close() {
      await app.close();
      await ingest.close();
      await store.close();
      data.remove();
    },
  };
}
