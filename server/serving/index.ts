import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Logger } from 'pino';
import type { IngestPipeline } from '../../ingest/pipeline';
import type { Store } from '../../store/clickhouse';
import { GatewayRequestRepository, type GatewayOutcome, type GatewayRole } from '../../store/gatewayRequests';
import type { ModelRepository } from '../../store/models';
import { RegistryRepository } from '../../store/registry';
import { authentication, callerOf, type KeyAuthenticator } from '../auth/middleware';
import { hasScope } from '../auth/scopes';
import { ApiError } from '../errors';
import type { ServerMetrics } from '../metrics';
import { createRouter } from '../openapi';
import { goesToCanary } from './canary';
import { CircuitBreaker } from './circuitBreaker';
import { registerGatewayDocs } from './docs';
import { createGatewayMetrics } from './metrics';
import { GatewayRequestLog } from './requestLog';
import { RouteTable, type ModelRoutes, type RouteTarget } from './routeTable';
import { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './settings';
import { callUpstream, readBounded } from './upstream';

export { DEFAULT_GATEWAY_SETTINGS, type GatewaySettings } from './settings';

export interface GatewayDeps {
  /** Per-key request limits, shared with the API's (after authentication). */
  rateLimit?: MiddlewareHandler | undefined;
  store: Store;
  models: ModelRepository;
  ingest: IngestPipeline;
  authenticator: KeyAuthenticator;
  metrics: ServerMetrics;
  logger: Logger;
  maxBodyBytes: number;
  settings?: Partial<GatewaySettings>;
  now?: () => number;
  /** Receives what must run at shutdown: writing the gateway's buffered log. */
  onClose?: (close: () => Promise<void>) => void;
}

/** The header that makes the canary choice deterministic (a user, session or entity id). */
export const REQUEST_KEY_HEADER = 'vigil-request-key';

/** Request headers passed on to the model server; anything else (the caller's key!) is not. */
const FORWARDED_HEADERS = ['content-type', 'inference-header-content-length', 'traceparent', 'tracestate'];

/** A failure of the gateway itself, in the error shape of API.md, with its own status. */
function gatewayError(c: Context, status: 404 | 413 | 502 | 503 | 504, code: string, message: string, headers: Record<string, string> = {}): Response {
  for (const [name, value] of Object.entries(headers)) c.header(name, value);
  return c.json({ error: { code, message } }, status);
}

function requireAnyScope(c: Context, scopes: ('ingest' | 'read')[]): void {
  const granted = callerOf(c).scopes;
  if (!scopes.some((s) => hasScope(granted, s))) {
    throw new ApiError('forbidden', `this endpoint needs an API key with scope ${scopes.map((s) => `"${s}"`).join(' or ')}; this key has: ${granted.join(', ') || 'none'}`);
  }
}

/** The id of an OIP request (`"id"`), when it is a usable prediction id. */
function requestIdOf(request: unknown): string | undefined {
  if (typeof request !== 'object' || request === null) return undefined;
  const id = (request as { id?: unknown }).id;
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : undefined;
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The serving gateway: `POST /v2/models/{model}/infer`, `GET /v2/models/{model}` and
 * `GET /v2/models/{model}/ready` (Open Inference Protocol v2), routed by the registry's
 * aliases, logged as predictions. See docs/gateway.md.
 */
export function gatewayRoutes(deps: GatewayDeps) {
  const settings: GatewaySettings = { ...DEFAULT_GATEWAY_SETTINGS, ...deps.settings };
  const now = deps.now ?? Date.now;
  const routes = new RouteTable({ store: deps.store, registry: new RegistryRepository(deps.store), models: deps.models, ttlMs: settings.routeCacheMs, now });
  const breakers = new Map<string, CircuitBreaker>();
  const breakerOf = (modelUrl: string) => {
    let breaker = breakers.get(modelUrl);
    if (breaker === undefined) breakers.set(modelUrl, (breaker = new CircuitBreaker({ failureThreshold: settings.breakerFailures, cooldownMs: settings.breakerCooldownMs }, now)));
    return breaker;
  };
  const metrics = createGatewayMetrics(deps.metrics.registry, function* () {
    for (const [url, breaker] of breakers) yield [url, breaker.state];
  });
  const log = new GatewayRequestLog({ ingest: deps.ingest, requests: new GatewayRequestRepository(deps.store), metrics, logger: deps.logger, writer: { maxBatchRows: 20_000, lingerMs: settings.logLingerMs, maxQueuedRows: 200_000 } });
  deps.onClose?.(() => log.close());
  let shadowsInFlight = 0;

  interface Call {
    project: string;
    routes: ModelRoutes;
    target: RouteTarget & { modelUrl: string };
    role: GatewayRole;
    body: Uint8Array;
    headers: Record<string, string>;
    receivedAt: number;
    started: number;
  }

  /** Counts and records one call's outcome. */
  const finish = (call: Call, predictionId: string, outcome: GatewayOutcome, httpStatus: number, error: string) => {
    const latencyMs = performance.now() - call.started;
    const labels = { project: call.project, model: call.routes.model.name, version: call.target.version, role: call.role };
    metrics.requests.inc({ ...labels, outcome });
    if (outcome !== 'ok' && outcome !== 'rejected') metrics.errors.inc({ ...labels, outcome });
    metrics.duration.observe(labels, latencyMs / 1000);
    log.outcome({ ...labels, request_id: predictionId, timestamp: call.receivedAt, latency_ms: latencyMs, outcome, http_status: httpStatus, error });
    return latencyMs;
  };

  /**
   * Sends the call through the endpoint's breaker. On an answer below 500, the breaker hears
   * success; 5xx, timeouts and unreachable servers are failures.
   */
  const send = async (call: Call) => {
    const breaker = breakerOf(call.target.modelUrl);
    const admission = breaker.admit();
    if (!admission.allowed) return { kind: 'refused' as const, retryAfterMs: admission.retryAfterMs };
    const result = await callUpstream(`${call.target.modelUrl}/infer`, { method: 'POST', body: call.body, headers: call.headers }, settings.timeoutMs);
    if (result.kind === 'answered') breaker.succeeded();
    else breaker.failed();
    return result;
  };

  /** A copy of the request to the shadow version: never awaited, never returned, logged under its version. */
  const mirror = (call: Call, predictionId: string, request: unknown) => {
    const labels = { project: call.project, model: call.routes.model.name };
    if (shadowsInFlight >= settings.shadowMaxInFlight) {
      metrics.shadowDropped.inc(labels);
      return;
    }
    shadowsInFlight++;
    const shadowId = `${predictionId}#shadow`;
    void (async () => {
      try {
        const result = await send(call);
        if (result.kind === 'refused') return void finish(call, shadowId, 'circuit_open', 0, 'circuit breaker open');
        if (result.kind === 'failed') return void finish(call, shadowId, result.outcome, result.httpStatus, result.reason);
        const { bytes } = await readBounded(result.response.body ?? new ReadableStream(), deps.maxBodyBytes).finally(result.done);
        const status = result.response.status;
        const latencyMs = finish(call, shadowId, status < 400 ? 'ok' : 'rejected', status, '');
        if (status < 300) log.predictions({ project: call.project, model: call.routes.model, version: call.target.version, predictionId: shadowId, receivedAt: call.receivedAt, latencyMs, request, response: parseJson(bytes) });
      } catch (error) {
        finish(call, shadowId, 'unreachable', 0, error instanceof Error ? error.message : String(error));
      } finally {
        shadowsInFlight--;
      }
    })();
  };

  const router = createRouter();
  router.use('/v2/*', authentication(deps.authenticator));
  if (deps.rateLimit) router.use('/v2/*', deps.rateLimit);
  router.use(
    '/v2/*',
    bodyLimit({ maxSize: deps.maxBodyBytes, onError: (c) => gatewayError(c, 413, 'payload_too_large', `request body exceeds the limit of ${deps.maxBodyBytes} bytes`) }),
  );

  /** The model and its routes in the caller's project, or a 404. */
  const modelRoutes = async (c: Context, name: string) => {
    const found = await routes.routes(callerOf(c).project, name);
    if (found === undefined) throw new ApiError('not_found', `model ${JSON.stringify(name)} not found in project ${JSON.stringify(callerOf(c).project)}`);
    return found;
  };

  /** The target of an alias with an endpoint, or why there is none. */
  const servable = (model: string, alias: string, target: RouteTarget | undefined): (RouteTarget & { modelUrl: string }) | string => {
    if (target === undefined) return `model ${JSON.stringify(model)} has no ${alias} version; point the alias with PUT /v1/models/${model}/aliases/${alias}`;
    if (target.modelUrl === null) return `version ${JSON.stringify(target.version)} of model ${JSON.stringify(model)} (alias ${alias}) has no endpoint; register a version with one`;
    return { version: target.version, modelUrl: target.modelUrl };
  };

  router.post('/v2/models/:model/infer', async (c) => {
    const receivedAt = now();
    const started = performance.now();
    requireAnyScope(c, ['ingest']);
    const name = c.req.param('model');
    const found = await modelRoutes(c, name);
    const canary = found.canary && found.canary.version !== found.production?.version ? servable(name, 'canary', found.canary) : undefined;
    const toCanary = typeof canary === 'object' && goesToCanary(name, c.req.header(REQUEST_KEY_HEADER), settings.canaryShare);
    const role: GatewayRole = toCanary ? 'canary' : 'production';
    const target = toCanary ? (canary as RouteTarget & { modelUrl: string }) : servable(name, 'production', found.production);
    if (typeof target === 'string') return gatewayError(c, 503, 'model_not_ready', target);

    const body = new Uint8Array(await c.req.arrayBuffer());
    const headers: Record<string, string> = { 'accept-encoding': 'identity' };
    for (const header of FORWARDED_HEADERS) {
      const value = c.req.header(header);
      if (value !== undefined) headers[header] = value;
    }
    const call: Call = { project: callerOf(c).project, routes: found, target, role, body, headers, receivedAt, started };
    const pending = send(call);
    // Parsed while the model server works: the prediction id and, later, the features.
    const request = parseJson(body);
    const predictionId = requestIdOf(request) ?? c.get('requestId');
    const shadow = found.shadow && found.shadow.version !== target.version ? servable(name, 'shadow', found.shadow) : undefined;
    if (typeof shadow === 'object') mirror({ ...call, target: shadow, role: 'shadow' }, predictionId, request);

    const result = await pending;
    c.header('vigil-model-version', target.version);
    c.header('vigil-prediction-id', predictionId);
    if (result.kind === 'refused') {
      finish(call, predictionId, 'circuit_open', 0, 'circuit breaker open');
      const seconds = Math.max(1, Math.ceil(result.retryAfterMs / 1000));
      return gatewayError(c, 503, 'upstream_unavailable', `the model server of version ${JSON.stringify(target.version)} failed repeatedly; calls are paused for ${seconds} s (circuit breaker open)`, { 'Retry-After': String(seconds) });
    }
    if (result.kind === 'failed') {
      finish(call, predictionId, result.outcome, result.httpStatus, result.reason);
      const what = result.outcome === 'upstream_error' ? `answered ${result.httpStatus}: ${result.reason}` : result.reason;
      return gatewayError(c, result.outcome === 'timeout' ? 504 : 502, result.outcome === 'timeout' ? 'upstream_timeout' : 'upstream_error', `model server of version ${JSON.stringify(target.version)} ${what}`);
    }

    const { response } = result;
    const contentType = response.headers.get('content-type') ?? 'application/json';
    if (response.body === null) {
      result.done();
      finish(call, predictionId, response.status < 400 ? 'ok' : 'rejected', response.status, '');
      return c.body(null, response.status as 200, { 'content-type': contentType });
    }
    // The caller gets the body as it arrives; the other branch is read for the log.
    const [toCaller, toLog] = response.body.tee();
    void readBounded(toLog, deps.maxBodyBytes)
      .finally(result.done)
      .then(
        ({ bytes, truncated }) => {
          const ok = response.status < 300;
          const latencyMs = finish(call, predictionId, response.status < 400 ? 'ok' : 'rejected', response.status, ok ? '' : bytes.toString('utf8', 0, 500));
          if (!ok) return;
          if (truncated) return void metrics.logFailures.inc({ project: call.project, model: name, reason: 'no_output' });
          log.predictions({ project: call.project, model: found.model, version: target.version, predictionId, receivedAt, latencyMs, request, response: parseJson(bytes) });
        },
        (error: unknown) => {
          const timeout = error instanceof Error && error.name === 'AbortError';
          finish(call, predictionId, timeout ? 'timeout' : 'unreachable', response.status, `answer cut off: ${error instanceof Error ? error.message : String(error)}`);
        },
      );
    return new Response(toCaller, { status: response.status, headers: { 'content-type': contentType, 'vigil-model-version': target.version, 'vigil-prediction-id': predictionId } });
  });

  /** GET on the model URL of the production version, passed through with `name` set to ours. */
  const production = async (c: Context) => {
    requireAnyScope(c, ['ingest', 'read']);
    const name = c.req.param('model') ?? '';
    const found = await modelRoutes(c, name);
    return { name, target: servable(name, 'production', found.production) };
  };

  router.get('/v2/models/:model', async (c) => {
    const { name, target } = await production(c);
    if (typeof target === 'string') return gatewayError(c, 503, 'model_not_ready', target);
    const result = await callUpstream(target.modelUrl, { method: 'GET', headers: { accept: 'application/json' } }, settings.timeoutMs);
    c.header('vigil-model-version', target.version);
    if (result.kind === 'failed') return gatewayError(c, result.outcome === 'timeout' ? 504 : 502, result.outcome === 'timeout' ? 'upstream_timeout' : 'upstream_error', `model server of version ${JSON.stringify(target.version)}: ${result.reason}`);
    const text = await result.response.text().finally(result.done);
    const metadata = parseJson(Buffer.from(text));
    if (result.response.status !== 200 || typeof metadata !== 'object' || metadata === null) return c.body(text, result.response.status as 400, { 'content-type': result.response.headers.get('content-type') ?? 'application/json' });
    return c.json({ ...metadata, name }, 200);
  });

  router.get('/v2/models/:model/ready', async (c) => {
    const { name, target } = await production(c);
    if (typeof target === 'string') return c.json({ name, ready: false, reason: target }, 400);
    c.header('vigil-model-version', target.version);
    if (breakerOf(target.modelUrl).state === 'open') return c.json({ name, ready: false, reason: 'the model server failed repeatedly (circuit breaker open)' }, 400);
    const result = await callUpstream(`${target.modelUrl}/ready`, { method: 'GET' }, settings.timeoutMs);
    if (result.kind === 'failed') return c.json({ name, ready: false, reason: result.reason }, 400);
    await result.response.arrayBuffer().finally(result.done);
    const ready = result.response.status === 200;
    return c.json({ name, ready, ...(ready ? {} : { reason: `the model server answered ${result.response.status}` }) }, ready ? 200 : 400);
  });

  registerGatewayDocs(router);
  return router;
}
