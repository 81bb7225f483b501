import { createApp } from '../../server/app';
import { bootstrapAccess } from '../../server/auth/bootstrap';
import { createLogger } from '../../server/logger';
import { createMetrics } from '../../server/metrics';
import { ApiKeyRepository } from '../../store/apiKeys';
import { openStore, type Store } from '../../store/clickhouse';
import { migrate } from '../../store/migrations';
import { ProjectRepository } from '../../store/projects';
import type { Fetcher } from './http';
import { tempDataDir } from './server';

export const TEST_ADMIN_KEY = 'test-admin-key-of-project-default';

export interface TestApp {
  store: Store;
  fetcher: Fetcher;
  close(): Promise<void>;
}

/**
 * The whole app in this process, on embedded ClickHouse in a fresh directory, called through
 * `app.request()` as Hono's own tests do. One per test file: chDB binds one directory per process.
 */
export async function openTestApp(options: { maxBodyBytes?: number } = {}): Promise<TestApp> {
  const data = tempDataDir();
  const store = await openStore({ database: 'vigil', dataDir: data.dir });
  await migrate(store);
  await bootstrapAccess({ projects: new ProjectRepository(store), keys: new ApiKeyRepository(store), adminKey: TEST_ADMIN_KEY, now: Date.now, announce: () => {} });
  const app = createApp({ store, logger: createLogger('silent'), metrics: createMetrics(), maxBodyBytes: options.maxBodyBytes ?? 1024 * 1024 });
  return {
    store,
    fetcher: async (path, init) => app.request(path, init),
    async close() {
      await store.close();
      data.remove();
    },
  };
}
