import { createRoute, z } from '@hono/zod-openapi';
import type { DriftDetector } from '../../detectors/evaluate';
import { windowSizeMs } from '../../detectors/windows';
import type { Store } from '../../store/clickhouse';
import { TrafficRepository } from '../../store/detectionsTraffic';
import { GatewayRequestRepository } from '../../store/gatewayRequests';
import type { ModelRepository } from '../../store/models';
import { requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, createRouter, jsonResponse, notFoundError } from '../openapi';
import { modelOf } from '../registry/models.routes';
import { FeatureKindSchema, ModelParams, RangeQuery, rangeOf } from './schemas';

const route = (path: string, summary: string, schema: z.ZodType, extraQuery: Record<string, z.ZodType> = {}) =>
  createRoute({
    method: 'get',
    path,
    tags: ['monitoring'],
    summary,
    security: bearerSecurity,
    middleware: [requireScope('read')],
    request: { params: path.includes('{feature}') ? ModelParams.extend({ feature: z.string() }) : ModelParams, query: RangeQuery.extend(extraQuery) },
    responses: { 200: jsonResponse(schema, summary), ...commonErrors, ...notFoundError },
  });

const num = z.number().nullable();
const QualitySchema = z
  .object({
    windows: z.array(
      z.object({
        start: z.string(),
        end: z.string(),
        version: z.string(),
        predictionCount: z.number(),
        features: z.array(z.object({ feature: z.string(), kind: FeatureKindSchema, currentMissingRate: num, outOfRangeRate: num, newCategoryRate: num, rejected: z.number() })),
        rejected: z.record(z.string(), z.record(z.string(), z.number())).openapi({ description: 'Values refused at ingest in the window: feature → reason → count' }),
      }),
    ),
  })
  .openapi('Quality');

const PerformanceSchema = z
  .object({
    windows: z.array(
      z.object({ start: z.string(), end: z.string(), version: z.string(), predictionCount: z.number(), labeledCount: z.number(), metrics: z.record(z.string(), z.number()), skew: z.record(z.string(), z.number()) }),
    ),
  })
  .openapi('Performance');

const TrafficSchema = z
  .object({
    windows: z.array(
      z.object({ start: z.string(), end: z.string(), version: z.string(), predictions: z.number(), ratePerSecond: z.number(), latencyP50: num, latencyP90: num, latencyP99: num, rejected: z.number(),
        errorRate: num.openapi({ description: 'Share of the values sent in the window that ingest refused' }),
        gatewayRequests: z.number().openapi({ description: 'Calls through the serving gateway in the window (failed ones too)' }),
        gatewayErrors: z.number().openapi({ description: 'Gateway calls that failed: model server errors, timeouts, unreachable, circuit open' }),
        gatewayErrorRate: num.openapi({ description: 'gatewayErrors / gatewayRequests; null without gateway calls' }),
      }),
    ),
  })
  .openapi('Traffic');

const HistogramSchema = z
  .object({
    feature: z.string(),
    kind: FeatureKindSchema,
    edges: z.array(z.number()).optional(),
    categories: z.array(z.string()).optional(),
    baselineCounts: z.array(z.number()),
    currentCounts: z.array(z.number()),
    windows: z.number().openapi({ description: 'Evaluated windows summed into currentCounts' }),
  })
  .openapi('Histogram');

type RangeInput = { from?: number | undefined; to?: number | undefined; version?: string | undefined };

const iso = (ms: number) => new Date(ms).toISOString();

export function windowRoutes({ store, models, detector, now }: { store: Store; models: ModelRepository; detector: DriftDetector; now: () => number }) {
  const traffic = new TrafficRepository(store);
  const gateway = new GatewayRequestRepository(store);
  return createRouter()
    .openapi(route('/v1/models/{model}/quality', 'Data quality per window: missing, out-of-range, new categories, refused values', QualitySchema), async (c) => {
      const { model } = c.req.valid('param');
      const query = c.req.valid('query') as RangeInput;
      const found = await modelOf(models, c, model);
      const range = rangeOf(query, now());
      const sizeMs = windowSizeMs(found.settings.windowSize);
      const [windows, rejections] = await Promise.all([
        detector.results.drift({ project: found.project, model: found.name, ...range, version: query.version }),
        traffic.rejections(found.project, found.name, range.fromMs, range.toMs, sizeMs),
      ]);
      const rejectedBy = new Map<number, Record<string, Record<string, number>>>();
      for (const r of rejections) {
        const w = rejectedBy.get(r.startMs) ?? {};
        (w[r.feature] ??= {})[r.reason] = r.count;
        rejectedBy.set(r.startMs, w);
      }
      return c.json(
        {
          windows: windows.map((w) => {
            const rejected = rejectedBy.get(w.startMs) ?? {};
            return {
              start: iso(w.startMs),
              end: iso(w.endMs),
              version: w.version,
              predictionCount: w.predictionCount,
              features: w.features.map((f) => ({
                feature: f.feature,
                kind: f.kind,
                currentMissingRate: f.statistics.currentMissingRate ?? null,
                outOfRangeRate: f.statistics.outOfRangeRate ?? null,
                newCategoryRate: f.statistics.newCategoryRate ?? null,
                rejected: Object.values(rejected[f.feature] ?? {}).reduce((s, n) => s + n, 0),
              })),
              rejected,
            };
          }),
        },
        200,
      );
    })
    .openapi(route('/v1/models/{model}/performance', 'Online performance per window once labels arrive, and its skew against the offline metrics', PerformanceSchema), async (c) => {
      const { model } = c.req.valid('param');
      const query = c.req.valid('query') as RangeInput;
      const found = await modelOf(models, c, model);
      const range = rangeOf(query, now());
      const windows = await detector.results.windows({ project: found.project, model: found.name, ...range, version: query.version });
      return c.json(
        { windows: windows.map((w) => ({ start: iso(w.startMs), end: iso(w.endMs), version: w.version, predictionCount: w.predictionCount, labeledCount: w.labeledCount, metrics: w.performance, skew: w.skew })) },
        200,
      );
    })
    .openapi(route('/v1/models/{model}/traffic', 'Predictions, rate, latency percentiles and refused values per window', TrafficSchema), async (c) => {
      const { model } = c.req.valid('param');
      const query = c.req.valid('query') as RangeInput;
      const found = await modelOf(models, c, model);
      const range = rangeOf(query, now());
      const sizeMs = windowSizeMs(found.settings.windowSize);
      const [rows, rejections, calls] = await Promise.all([
        traffic.windows(found.project, found.name, range.fromMs, range.toMs, sizeMs, query.version),
        query.version === undefined ? traffic.rejections(found.project, found.name, range.fromMs, range.toMs, sizeMs) : Promise.resolve([]),
        gateway.windows(found.project, found.name, range.fromMs, range.toMs, sizeMs),
      ]);
      const rejectedBy = new Map<number, number>();
      for (const r of rejections) rejectedBy.set(r.startMs, (rejectedBy.get(r.startMs) ?? 0) + r.count);
      // Gateway calls of every role (production, canary, shadow) per window and version; a
      // window whose calls all failed has no predictions but still shows.
      const callsBy = new Map<string, { startMs: number; version: string; requests: number; errors: number }>();
      for (const w of calls) {
        if (query.version !== undefined && w.version !== query.version) continue;
        const key = `${w.startMs}|${w.version}`;
        const sum = callsBy.get(key) ?? { startMs: w.startMs, version: w.version, requests: 0, errors: 0 };
        sum.requests += w.requests;
        sum.errors += w.errors;
        callsBy.set(key, sum);
      }
      const empty = { predictions: 0, latencyP50: null, latencyP90: null, latencyP99: null };
      const keys = new Map(rows.map((r) => [`${r.startMs}|${r.version}`, r]));
      const merged = [...rows, ...[...callsBy.values()].filter((c) => !keys.has(`${c.startMs}|${c.version}`)).map((c) => ({ ...empty, startMs: c.startMs, version: c.version }))].sort(
        (a, b) => a.startMs - b.startMs || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
      );
      return c.json(
        {
          windows: merged.map((r) => {
            const rejected = rejectedBy.get(r.startMs) ?? 0;
            const gatewayCalls = callsBy.get(`${r.startMs}|${r.version}`);
            return {
              start: iso(r.startMs),
              end: iso(r.startMs + sizeMs),
              version: r.version,
              predictions: r.predictions,
              ratePerSecond: r.predictions / (sizeMs / 1000),
              latencyP50: r.latencyP50,
              latencyP90: r.latencyP90,
              latencyP99: r.latencyP99,
              rejected,
              errorRate: r.predictions + rejected === 0 ? null : rejected / (r.predictions + rejected),
              gatewayRequests: gatewayCalls?.requests ?? 0,
              gatewayErrors: gatewayCalls?.errors ?? 0,
              gatewayErrorRate: gatewayCalls === undefined || gatewayCalls.requests === 0 ? null : gatewayCalls.errors / gatewayCalls.requests,
            };
          }),
        },
        200,
      );
    })
    .openapi(route('/v1/models/{model}/features/{feature}/histogram', "Baseline and current distribution on the baseline's bins, summed over the range's windows", HistogramSchema), async (c) => {
      const { model, feature } = c.req.valid('param') as { model: string; feature: string };
      const query = c.req.valid('query') as RangeInput;
      const found = await modelOf(models, c, model);
      const range = rangeOf(query, now());
      const windows = await detector.results.drift({ project: found.project, model: found.name, ...range, version: query.version, feature, withBins: true });
      const results = windows.flatMap((w) => w.features);
      const latest = results.at(-1);
      if (latest === undefined) throw new ApiError('not_found', `no evaluated window in the range has feature ${JSON.stringify(feature)}`);
      // Sum the windows judged on the same bins (the same baseline) as the latest one.
      const key = JSON.stringify(latest.kind === 'numeric' ? latest.edges : latest.categories);
      const same = results.filter((f) => JSON.stringify(f.kind === 'numeric' ? f.edges : f.categories) === key);
      const currentCounts = latest.currentCounts.map((_, i) => same.reduce((s, f) => s + (f.currentCounts[i] ?? 0), 0));
      return c.json(
        {
          feature,
          kind: latest.kind,
          ...(latest.kind === 'numeric' ? { edges: latest.edges } : { categories: latest.categories }),
          baselineCounts: latest.baselineCounts,
          currentCounts,
          windows: same.length,
        },
        200,
      );
    });
}
