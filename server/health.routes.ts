import { createHash, timingSafeEqual } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { Store } from '../store/clickhouse';
import type { ServerMetrics } from './metrics';
import { ApiError } from './errors';
import { createRouter, errorResponse, jsonResponse } from './openapi';

const HealthSchema = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.enum(['ok', 'unavailable'])).optional() });

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Liveness: the process serves requests',
  responses: { 200: jsonResponse(HealthSchema, 'Alive') },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['operations'],
  summary: 'Readiness: storage reachable and taking writes (and, when configured, Kafka reachable)',
  responses: { 200: jsonResponse(HealthSchema, 'Ready'), 503: jsonResponse(HealthSchema, 'A dependency is unreachable') },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  summary: 'Prometheus exposition',
  description: 'Open by default, as Prometheus targets are; with VIGIL_METRICS_TOKEN set, only `Authorization: Bearer <token>` reads it (its labels name every project\'s models and features).',
  responses: { 200: { description: 'Metrics in the Prometheus text format', content: { 'text/plain': { schema: z.string() } } }, 401: errorResponse('VIGIL_METRICS_TOKEN is set and the request does not carry it') },
});

/** Compares without leaking the token's length or prefix through timing. */
function carriesToken(authorization: string | undefined, token: string): boolean {
  const given = createHash('sha256').update(authorization ?? '').digest();
  return timingSafeEqual(given, createHash('sha256').update(`Bearer ${token}`).digest());
}

/**
 * Probes. `kafka`, when Kafka ingest is configured, says whether the cluster answers (and the
 * consumer has not given up); readiness then needs both storage and Kafka.
 */
export function healthRoutes({ store, metrics, kafka, metricsToken }: { store: Store; metrics: ServerMetrics; kafka?: () => Promise<boolean>; metricsToken?: string | undefined }) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const [storageUp, writable, kafkaUp] = await Promise.all([store.ping(), store.writable(), kafka?.()]);
      const checks: Record<string, 'ok' | 'unavailable'> = { storage: storageUp ? 'ok' : 'unavailable', storage_writes: writable ? 'ok' : 'unavailable' };
      if (kafkaUp !== undefined) checks.kafka = kafkaUp ? 'ok' : 'unavailable';
      return Object.values(checks).every((v) => v === 'ok') ? c.json({ status: 'ok' as const, checks }, 200) : c.json({ status: 'unavailable' as const, checks }, 503);
    })
    .openapi(metricsRoute, async (c) => {
      if (metricsToken !== undefined && !carriesToken(c.req.header('authorization'), metricsToken)) {
        throw new ApiError('unauthorized', '/metrics needs "Authorization: Bearer <VIGIL_METRICS_TOKEN>" on this server');
      }
      return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
    });
}
