import { serve } from '@hono/node-server';
import { writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { openStore, type Store } from '../store/clickhouse';
import { migrate } from '../store/migrations';
import { ApiKeyRepository } from '../store/apiKeys';
import { ProjectRepository } from '../store/projects';
import { IngestPipeline } from '../ingest/pipeline';
import { createKafkaIngest, type IngestCredential, type KafkaIngest, type ProjectResolution } from '../ingest/kafka';
import { hashApiKey } from './auth/apiKey';
import { hasScope } from './auth/scopes';
import { createApp } from './app';
import { createAlerting } from './alerts';
import { createScheduler } from './monitoring';
import { ADMIN_KEY_FILE, bootstrapAccess } from './auth/bootstrap';
import { ConfigError, loadConfig, type Config, type KafkaConfig } from './config';
import { createLogger } from './logger';
import { createMetrics, type ServerMetrics } from './metrics';
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
      // lands in a log pipeline by accident; and kept for local tools (`npm run demo`) in a
      // file only this user can read, beside the data it opens.
      const keyFile = join(config.dataDir, ADMIN_KEY_FILE);
      writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
      process.stdout.write(
        `\n  Vigil created the admin key of project "default". It is shown only this once:\n\n    ${key}\n\n` +
          `  Use it as "Authorization: Bearer <key>". Set VIGIL_ADMIN_KEY to choose your own.\n` +
          `  Local tools such as \`npm run demo\` read it from ${keyFile} (mode 600); delete that file to keep it nowhere.\n\n`,
      );
    },
  });

  const metrics = createMetrics();
  const ingest = IngestPipeline.forServer({ store, registry: metrics.registry, logger, writer: config.ingest });
  const kafka = config.kafka === undefined ? undefined : kafkaIngest(config, config.kafka, { store, ingest, metrics, logger });
  const alerting = createAlerting({ store, logger, settings: config.alerts, metrics: metrics.registry });
  const app = createApp({ store, logger, metrics, ingest, maxBodyBytes: config.maxBodyBytes, kafka, gateway: config.gateway, testSender: alerting.sendTest, metricsToken: config.metricsToken, rateLimitPerKey: config.rateLimitPerKey });
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info: AddressInfo) => {
    logger.info({ address: info.address, port: info.port, url: `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}` }, 'listening');
  });
  const detectors = createScheduler({ store, logger, metrics: metrics.registry, intervalMs: config.detectors.intervalMs });
  if (config.detectors.enabled) detectors.start();
  if (config.alerts.enabled) alerting.start();
  server.on('error', (error) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });
  await kafka?.start();

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing requests in flight');
    const force = setTimeout(() => {
      logger.warn({ timeoutMs: config.shutdownTimeoutMs }, 'requests still in flight at the shutdown deadline; closing their connections');
      if ('closeAllConnections' in server) server.closeAllConnections();
    }, config.shutdownTimeoutMs);
    // Kafka first stops fetching, stores and commits the chunk in flight, and leaves its group,
    // while HTTP finishes its requests; both need the pipeline, which closes after them.
    await Promise.all([new Promise<void>((resolve) => server.close(() => resolve())), kafka?.stopConsuming()]);
    clearTimeout(force);
    await kafka?.close();
    // The gateway's buffered log goes to ingest first; then requests in flight have had their
    // answers, and anything still queued is written before storage closes: nothing
    // acknowledged is lost.
    await app.close();
    await ingest.close();
    // An evaluation in flight finishes (its results are written) before storage closes.
    await detectors.stop();
    // Evaluation stops first (no new deliveries), then attempts in flight finish; deliveries
    // still pending stay queued in storage and continue after the next start.
    await alerting.stop();
    await store.close();
    await stopTracing();
    logger.info('stopped');
    logger.flush();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

/**
 * Kafka ingest from the configuration: the consumer picks a message's project by its ingest key
 * header (looked up like an HTTP key, scope `ingest`), else `KAFKA_PROJECT`.
 */
function kafkaIngest(config: Config, settings: KafkaConfig, { store, ingest, metrics, logger }: { store: Store; ingest: IngestPipeline; metrics: ServerMetrics; logger: Logger }): KafkaIngest {
  const keys = new ApiKeyRepository(store);
  const resolveProject = async (credential: IngestCredential): Promise<ProjectResolution> => {
    const record = await keys.findActiveByHash('key' in credential ? hashApiKey(credential.key) : credential.keyHash);
    if (record === undefined) return { ok: false, reason: 'unknown or revoked API key in the message header' };
    if (!hasScope(record.scopes, 'ingest')) return { ok: false, reason: `the API key in the message header lacks scope "ingest" (it has: ${record.scopes.join(', ') || 'none'})` };
    return { ok: true, project: record.project };
  };
  return createKafkaIngest({
    settings,
    publish: config.ingestMode === 'kafka',
    ingest,
    registry: metrics.registry,
    logger,
    // One partition's chunk fits an insert; the concurrent partitions together fit the writer's queue.
    maxItemsInFlight: Math.max(1, Math.min(config.ingest.maxBatchRows, Math.floor(config.ingest.maxQueuedRows / (2 * settings.partitionsConcurrently)))),
    resolveProject,
  });
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
