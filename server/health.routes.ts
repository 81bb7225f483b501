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

/**
 * Probes. `kafka`, when Kafka ingest is configured, says whether the cluster answers (and the
 * consumer has not given up); readiness then needs both storage and Kafka.
 */
export function healthRoutes({ store, metrics, kafka }: { store: Store; metrics: ServerMetrics; kafka?: () => Promise<boolean> }) {
  return createRouter()
    .openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200))
    .openapi(readyz, async (c) => {
      const [storageUp, kafkaUp] = await Promise.all([store.ping(), kafka?.()]);
      const checks: Record<string, 'ok' | 'unavailable'> = { storage: storageUp ? 'ok' : 'unavailable' };
      if (kafkaUp !== undefined) checks.kafka = kafkaUp ? 'ok' : 'unavailable';
      return Object.values(checks).every((v) => v === 'ok') ? c.json({ status: 'ok' as const, checks }, 200) : c.json({ status: 'unavailable' as const, checks }, 503);
    })
    .openapi(metricsRoute, async (c) => {
      return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
    });
}
