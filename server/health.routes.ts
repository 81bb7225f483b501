import { createRoute, z } from '@hono/zod-openapi';
import type { Store } from '../store/clickhouse';
import type { ServerMetrics } from './metrics';
import { createRouter, jsonResponse } from './openapi';

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
  summary: 'Readiness: storage (and, when configured, Kafka) reachable',
  responses: { 200: jsonResponse(HealthSchema, 'Ready'), 503: jsonResponse(HealthSchema, 'A dependency is unreachable') },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['operations'],
  summary: 'Prometheus exposition',
  responses: { 200: { description: 'Metrics in the Prometheus text format', content: { 'text/plain': { schema: z.string() } } } },
});

export function healthRoutes({ store, metrics }: { store: Store; metrics: ServerMetrics }) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const storage = (await store.ping()) ? 'ok' : 'unavailable';
      const checks = { storage } as const;
      return storage === 'ok' ? c.json({ status: 'ok' as const, checks }, 200) : c.json({ status: 'unavailable' as const, checks }, 503);
    })
    .openapi(metricsRoute, async (c) => {
      return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
    });
}
