import { createRoute, z } from '@hono/zod-openapi';
import type { DriftDetector } from '../../detectors/evaluate';
import { windowSizeMs } from '../../detectors/windows';
import type { StoredFeatureResult, WindowWithFeatures } from '../../store/detections';
import type { ModelRepository } from '../../store/models';
import { requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import { modelOf } from '../registry/models.routes';
import { driftMatrix, VERDICT_LETTERS } from './matrix';
import { DriftResponseSchema, FeatureKindSchema, MATRIX_STATISTICS, MAX_RUN_WINDOWS, ModelParams, RangeQuery, TimeQuery, WindowStatusSchema, rangeOf, type Verdict } from './schemas';

const getDrift = createRoute({
  method: 'get',
  path: '/v1/models/{model}/drift',
  tags: ['monitoring'],
  summary: 'Stored drift results per window and feature',
  description:
    'Reads stored results only (the scheduler and POST .../drift/run compute them). Windows are per model version: each (window, version) is judged against that version\'s baseline. `bins=true` adds edges, categories and counts.',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: {
    params: ModelParams,
    query: RangeQuery.extend({
      feature: z.string().optional().openapi({ description: 'Only this feature (`__prediction` for the model output)' }),
      bins: z.enum(['true', 'false']).optional().openapi({ description: 'Include edges/categories and baseline/current counts' }),
    }),
  },
  responses: { 200: jsonResponse(DriftResponseSchema, 'Windows, oldest first'), ...commonErrors, ...notFoundError },
});

/** The letters of a feature's `verdicts`, one per window; `-` where the feature has no result. */
const VERDICT_CELLS = new RegExp(`^[${Object.values(VERDICT_LETTERS).join('')}-]*$`);

const DriftMatrixSchema = z
  .object({
    statistic: z.enum(MATRIX_STATISTICS).openapi({ description: 'The statistic in the cells, as asked for' }),
    windows: z.array(z.object({ start: z.string(), end: z.string(), version: z.string(), status: WindowStatusSchema })).openapi({ description: 'The columns: stored windows, oldest first, one per (window, version)' }),
    features: z.array(
      z.object({
        feature: z.string(),
        kind: FeatureKindSchema,
        values: z.array(z.number().nullable()).openapi({ description: 'The statistic per column (4 significant digits; GET .../drift has exact values); null where absent' }),
        verdicts: z.string().regex(VERDICT_CELLS).openapi({ description: `One letter per column: ${Object.entries(VERDICT_LETTERS).map(([v, code]) => `${code} = ${v}`).join(', ')}, - = no result`, example: 'nnnmdd' }),
        driftedWindows: z.number().int(),
      }),
    ),
  })
  .openapi('DriftMatrix');

const getDriftMatrix = createRoute({
  method: 'get',
  path: '/v1/models/{model}/drift/matrix',
  tags: ['monitoring'],
  summary: 'One statistic of every feature in every window, compactly: the heatmap of drift',
  description: 'The same stored results as GET .../drift, laid out as features x windows with one statistic and a verdict letter per cell: a 90-day x 50-feature range of hourly windows is a few hundred kilobytes.',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: {
    params: ModelParams,
    query: RangeQuery.extend({ statistic: z.enum(MATRIX_STATISTICS).default('psi').openapi({ description: 'The statistic in the cells' }) }),
  },
  responses: { 200: jsonResponse(DriftMatrixSchema, 'Features x windows'), ...commonErrors, ...notFoundError },
});

const RunSchema = z
  .object({
    from: TimeQuery.unwrap().or(z.number().int()).openapi({ example: '2026-11-20T00:00:00Z' }),
    to: TimeQuery.unwrap().or(z.number().int()).openapi({ example: '2026-11-21T00:00:00Z' }),
    window: z.string().optional().openapi({ description: 'Window size (`15m`, `1h`, `1d`) instead of the model\'s, or `all` for one window over [from, to)' }),
    version: z.string().optional(),
  })
  .openapi('DriftRun');

const runDrift = createRoute({
  method: 'post',
  path: '/v1/models/{model}/drift/run',
  tags: ['monitoring'],
  summary: 'Evaluate (or re-evaluate) the windows of a range now: backfill',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: ModelParams, body: jsonBody(RunSchema) },
  responses: { 200: jsonResponse(DriftResponseSchema, 'The evaluated windows (those with predictions), oldest first'), ...commonErrors, ...notFoundError },
});

const iso = (ms: number) => new Date(ms).toISOString();

function presentFeature(f: StoredFeatureResult, withBins: boolean) {
  return {
    feature: f.feature,
    kind: f.kind,
    baselineCount: f.baselineCount,
    currentCount: f.currentCount,
    verdict: f.verdict as Verdict,
    ...f.statistics,
    ...(withBins ? (f.kind === 'numeric' ? { edges: f.edges } : { categories: f.categories }) : {}),
    ...(withBins ? { baselineCounts: f.baselineCounts, currentCounts: f.currentCounts } : {}),
  };
}

export function presentWindow(w: WindowWithFeatures, withBins: boolean) {
  return {
    start: iso(w.startMs),
    end: iso(w.endMs),
    version: w.version,
    status: w.status,
    ...(w.reason === '' ? {} : { reason: w.reason }),
    predictionCount: w.predictionCount,
    baselineId: w.baselineId === '' ? null : w.baselineId,
    evaluatedAt: iso(w.evaluatedAtMs),
    features: w.features.map((f) => presentFeature(f, withBins)),
  };
}

export function driftRoutes({ models, detector, now }: { models: ModelRepository; detector: DriftDetector; now: () => number }) {
  return createRouter()
    .openapi(getDrift, async (c) => {
      const { model } = c.req.valid('param');
      const query = c.req.valid('query');
      const found = await modelOf(models, c, model);
      const range = rangeOf(query, now());
      const withBins = query.bins === 'true';
      const windows = await detector.results.drift({ project: found.project, model: found.name, ...range, version: query.version, feature: query.feature, withBins });
      return c.json({ windows: windows.map((w) => presentWindow(w, withBins)) }, 200);
    })
    .openapi(getDriftMatrix, async (c) => {
      const { model } = c.req.valid('param');
      const query = c.req.valid('query');
      const found = await modelOf(models, c, model);
      const scope = { project: found.project, model: found.name, ...rangeOf(query, now()), version: query.version };
      const [windows, cells] = await Promise.all([detector.results.windows(scope), detector.results.matrix(scope, query.statistic)]);
      return c.json(driftMatrix(query.statistic, windows, cells), 200);
    })
    .openapi(runDrift, async (c) => {
      const { model } = c.req.valid('param');
      const body = c.req.valid('json');
      const found = await modelOf(models, c, model);
      const range = rangeOf({ from: body.from, to: body.to }, now());
      if (body.window !== undefined && body.window !== 'all') {
        let size: number;
        try {
          size = windowSizeMs(body.window);
        } catch (error) {
          throw new ApiError('invalid_request', `window: ${(error as Error).message}, or "all"`, [{ path: 'window', message: (error as Error).message }]);
        }
        if ((range.toMs - range.fromMs) / size > MAX_RUN_WINDOWS) throw new ApiError('invalid_request', `the range holds more than ${MAX_RUN_WINDOWS} windows; split it`);
      }
      const windows = await detector.run(found, range.fromMs, range.toMs, { window: body.window, version: body.version });
      return c.json({ windows: windows.map((w) => presentWindow(w, false)) }, 200);
    });
}
