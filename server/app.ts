import type { Logger } from 'pino';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import type { MiddlewareHandler } from 'hono';
import { ApiKeyRepository } from '../store/apiKeys';
import type { Store } from '../store/clickhouse';
import type { IngestPipeline } from '../ingest/pipeline';
import type { KafkaPublisher } from '../ingest/kafka';
import { ModelRepository } from '../store/models';
import { ProjectRepository } from '../store/projects';
import { alertingRoutes, type TestSender } from './alerts';
import { keyRoutes } from './auth/keys.routes';
import { authentication, keyAuthenticator } from './auth/middleware';
import { perKeyRateLimit } from './auth/rateLimit';
import { SESSION_PATH, sessionRoutes } from './auth/session.routes';
import { dashboardRoutes } from './dashboard';
import './context';
import { docsRoutes } from './docs';
import { errorBody, renderError } from './errors';
import { healthRoutes } from './health.routes';
import { httpMetrics, type ServerMetrics } from './metrics';
import { createRouter } from './openapi';
import { ingestRoutes } from './ingest.routes';
import { predictionRoutes } from './predictions.routes';
import { monitoringRoutes } from './monitoring';
import { registryRoutes, STREAMED_UPLOAD_PATH } from './registry';
import { gatewayRoutes, type GatewaySettings } from './serving';
import { httpTracing } from './tracing';
import { strictJsonBodies } from './jsonBodies';

export interface AppDeps {
  store: Store;
  logger: Logger;
  metrics: ServerMetrics;
  ingest: IngestPipeline;
  maxBodyBytes: number;
  /** Requests per second per API key (10-s windows); 0 or absent: no limit. */
  rateLimitPerKey?: number;
  /** When set, GET /metrics needs it as a bearer token. */
  metricsToken?: string | undefined;
  /** Kafka ingest, when configured: readiness, and the publisher of INGEST_MODE=kafka. */
  kafka?: { ready(): Promise<boolean>; publisher?: KafkaPublisher };
  /** Serving gateway settings (timeouts, canary share, breaker); defaults otherwise. */
  gateway?: Partial<GatewaySettings>;
  /** Sends test notifications (POST /v1/channels/{id}/test): the running alerting's. */
  testSender?: TestSender;
  /** The built dashboard served at `/` (default: dashboard/dist). */
  dashboardDist?: string;
  now?: () => number;
}

/** Paths served without a key: probes, metrics and the API reference. */
const QUIET_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    logger.debug({ requestId: c.get('requestId'), method: c.req.method, path: c.req.path }, 'request received');
    await next();
    const level = QUIET_PATHS.has(c.req.path) ? 'debug' : c.res.status >= 500 ? 'error' : 'info';
    logger[level](
      { requestId: c.get('requestId'), method: c.req.method, path: c.req.path, status: c.res.status, durationMs: Math.round((performance.now() - started) * 100) / 100, keyId: c.get('auth')?.keyId },
      'request',
    );
  };
}

/** Assembles the HTTP API from its parts; the caller owns the store and the listening socket. */
export function createApp({ store, logger, metrics, ingest, maxBodyBytes, kafka, gateway, testSender, dashboardDist, metricsToken, rateLimitPerKey = 0, now = Date.now }: AppDeps) {
  const keys = new ApiKeyRepository(store);
  const projects = new ProjectRepository(store);
  const models = new ModelRepository(store);
  const authenticator = keyAuthenticator(keys, now);

  const closers: (() => Promise<void>)[] = [];
  const app = createRouter();
  app.use('*', requestId());
  app.use('*', httpTracing());
  app.use('*', httpMetrics(metrics));
  app.use('*', requestLog(logger));
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: (c) => c.json(errorBody('payload_too_large', `request body exceeds the limit of ${maxBodyBytes} bytes; split it into smaller requests`), 413),
  });
  // Baseline uploads are streamed, any size, never buffered: the limit would read them whole.
  app.use('/v1/*', (c, next) => (c.req.method === 'POST' && STREAMED_UPLOAD_PATH.test(c.req.path) ? next() : limitBody(c, next)));
  // Signing in and out needs no key (the cookie is what they set and clear).
  const authenticate = authentication(authenticator);
  app.use('/v1/*', (c, next) => (c.req.path === SESSION_PATH && c.req.method !== 'GET' ? next() : authenticate(c, next)));
  const rateLimit = perKeyRateLimit(rateLimitPerKey);
  if (rateLimit) app.use('/v1/*', (c, next) => (c.req.path === SESSION_PATH && c.req.method !== 'GET' ? next() : rateLimit(c, next)));
  // After authentication: a body is read and checked only for a caller with a key.
  app.use('/v1/*', strictJsonBodies((method, path) => path === '/v1/logs' || (method === 'POST' && STREAMED_UPLOAD_PATH.test(path))));

  app.route('/', healthRoutes({ store, metrics, kafka: kafka?.ready, metricsToken }));
  app.route('/', keyRoutes({ keys, projects, authenticator, now }));
  app.route('/', sessionRoutes({ authenticator }));
  app.route('/', registryRoutes({ store, models, logger, now }));
  app.route('/', ingestRoutes({ ingest, metrics: ingest.metrics, maxBodyBytes, publisher: kafka?.publisher }));
  app.route('/', predictionRoutes({ telemetry: ingest.telemetry, models }));
  app.route('/', monitoringRoutes({ store, models, logger, now, metrics: metrics.registry }));
  app.route('/', gatewayRoutes({ rateLimit, store, models, ingest, authenticator, metrics, logger, maxBodyBytes, settings: gateway, now, onClose: (close) => closers.push(close) }));
  app.route('/', alertingRoutes({ store, models, logger, now, testSender }));
  app.route('/', docsRoutes());
  app.route('/', dashboardRoutes(dashboardDist));

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', description: 'An API key: `Authorization: Bearer vgl_...`' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: { title: 'Vigil', version: '0.1.0', description: 'Observability and monitoring for deployed machine-learning models.' },
  });

  app.notFound((c) => c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404));
  app.onError((error, c) => renderError(error, c, logger));
  /** Writes what the routes still buffer (the gateway's log); call after the server stops, before ingest closes. */
  const close = async () => {
    for (const closeOne of closers) await closeOne();
  };
  return Object.assign(app, { close });
}
