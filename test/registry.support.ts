import { ApiKeyRepository } from '../store/apiKeys';
import { openStore, type Store } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { ModelRepository } from '../store/models';
import { ProjectRepository } from '../store/projects';
import { bootstrapAccess } from '../server/auth/bootstrap';
import { keyRoutes } from '../server/auth/keys.routes';
import { authentication, keyAuthenticator } from '../server/auth/middleware';
import '../server/context';
import { renderError } from '../server/errors';
import { createLogger } from '../server/logger';
import { createRouter } from '../server/openapi';
import { registryRoutes } from '../server/registry';
import { apiClient, type Fetcher } from './support/http';
import { tempDataDir } from './support/server';

export const REGISTRY_ADMIN_KEY = 'registry-test-admin-key-of-default';

export interface RegistryTestApp {
  store: Store;
  fetcher: Fetcher;
  admin: ReturnType<typeof apiClient>;
  /** A client with a new key of these scopes (in `project`, default: `default`). */
  clientWith(scopes: string[], project?: string): Promise<ReturnType<typeof apiClient>>;
  close(): Promise<void>;
}

/**
 * The registry's routes behind the real authentication and error handling, on embedded
 * ClickHouse in a fresh directory, without the app's buffering body limit (as app.ts mounts
 * baseline uploads), called through `app.request()`.
 */
export async function openRegistryTestApp(options: { baselineChunkRows?: number } = {}): Promise<RegistryTestApp> {
  const data = tempDataDir('vigil-registry-');
  const store = await openStore({ database: 'vigil', dataDir: data.dir });
  await migrate(store);
  const keys = new ApiKeyRepository(store);
  const projects = new ProjectRepository(store);
  await bootstrapAccess({ projects, keys, adminKey: REGISTRY_ADMIN_KEY, now: Date.now, announce: () => {} });
  const logger = createLogger('silent');
  const authenticator = keyAuthenticator(keys);
  const app = createRouter();
  app.use('/v1/*', authentication(authenticator));
  app.route('/', registryRoutes({ store, models: new ModelRepository(store), logger, ...options }));
  // /v1/keys too, so that tests make keys of other scopes and projects as users do.
  app.route('/', keyRoutes({ keys, projects, authenticator, now: Date.now }));
  app.onError((error, c) => renderError(error, c, logger));
  const fetcher: Fetcher = async (path, init) => app.request(path, init);
  const admin = apiClient(fetcher, REGISTRY_ADMIN_KEY);
  return {
    store,
    fetcher,
    admin,
    async clientWith(scopes, project) {
      const created = await admin.post('/v1/keys', { scopes, project });
      if (created.status !== 201) throw new Error(`could not create a key: ${JSON.stringify(created.body)}`);
      return apiClient(fetcher, created.body.key);
    },
    async close() {
      await store.close();
      data.remove();
    },
  };
}

/** A request body that arrives in pieces, produced lazily: never the whole file in memory. */
export function streamedBody(lines: Iterable<string>, linesPerPiece = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = lines[Symbol.iterator]();
  return new ReadableStream({
    pull(controller) {
      let piece = '';
      for (let i = 0; i < linesPerPiece; i++) {
        const next = iterator.next();
        if (next.done) {
          if (piece !== '') controller.enqueue(encoder.encode(piece));
          controller.close();
          return;
        }
        piece += next.value;
      }
      controller.enqueue(encoder.encode(piece));
    },
  });
}

/** Uploads a baseline body with a content type; answers status and parsed JSON. */
export async function uploadBaseline(
  t: { fetcher: Fetcher },
  key: string,
  model: string,
  version: string,
  body: string | ReadableStream<Uint8Array>,
  contentType = 'text/csv',
  reason?: string,
): Promise<{ status: number; body: any }> {
  const path = `/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}/baseline${reason ? `?reason=${encodeURIComponent(reason)}` : ''}`;
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': contentType }, body };
  if (typeof body !== 'string') init.duplex = 'half';
  const response = await t.fetcher(path, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}
