import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { openStore } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { ApiKeyRepository } from '../store/apiKeys';
import { ProjectRepository } from '../store/projects';
import { IngestPipeline } from '../ingest/pipeline';
import { createApp } from './app';
import { createScheduler } from './monitoring';
import { bootstrapAccess } from './auth/bootstrap';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger } from './logger';
import { createMetrics } from './metrics';
import { startTracing } from './tracing';

/** The one entry point: `npm start`. */
async function main(config: Config): Promise<void> {
  const stopTracing = startTracing(config.telemetry);
  const logger = createLogger(config.logLevel);
  const storeMode = config.clickhouse.url === undefined ? `embedded ClickHouse (chDB) in ${config.dataDir}` : `ClickHouse at ${new URL(config.clickhouse.url).origin}`;
  logger.info({ storage: storeMode }, 'starting');

  const store = await openStore({ ...config.clickhouse, dataDir: config.dataDir });
  const migrations = await migrate(store);
  logger.info({ applied: migrations.applied.map((m) => `${m.version}_${m.name}`), alreadyApplied: migrations.alreadyApplied }, 'schema migrated');

  await bootstrapAccess({
    projects: new ProjectRepository(store),
    keys: new ApiKeyRepository(store),
    adminKey: config.adminKey,
    now: Date.now,
    announce: (key) => {
      // Printed once, on stdout and outside the structured log, so that the key never
      // lands in a log pipeline by accident.
      process.stdout.write(
        `\n  Vigil created the admin key of project "default". It is shown only this once:\n\n    ${key}\n\n` +
          `  Use it as "Authorization: Bearer <key>". Set VIGIL_ADMIN_KEY to choose your own.\n\n`,
      );
    },
  });

  const metrics = createMetrics();
  const ingest = IngestPipeline.forServer({ store, registry: metrics.registry, logger, writer: config.ingest });
  const app = createApp({ store, logger, metrics, ingest, maxBodyBytes: config.maxBodyBytes });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
    logger.info({ address: info.address, port: info.port, url: `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}` }, 'listening');
  });
  const detectors = createScheduler({ store, logger, metrics: metrics.registry, intervalMs: config.detectors.intervalMs });
  if (config.detectors.enabled) detectors.start();
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still in flight at the shutdown deadline; closing their connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearTimeout(force);
    // Requests in flight have had their answers; anything still queued is written before
    // storage closes, so nothing acknowledged is lost.
    await ingest.close();
    // An evaluation in flight finishes (its results are written) before storage closes.
    await detectors.stop();
    await store.close();
    await stopTracing();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

let config: Config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`vigil: ${error.message}\nSee docs/configuration.md.`);
    process.exit(2);
  }
  throw error;
}
main(config).catch((error: unknown) => {
  console.error('vigil: failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
