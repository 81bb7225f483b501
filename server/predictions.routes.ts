import { createRoute, z } from '@hono/zod-openapi';
import type { TelemetryRepository, TelemetrySource } from '../store/telemetry';
import type { ModelRepository } from '../store/models';
import { callerOf, requireScope } from './auth/middleware';
import { ApiError } from './errors';
import { bearerSecurity, commonErrors, createRouter, everyMemberOf, jsonResponse, ModelParams, notFoundError, TimeQuery } from './openapi';

const StoredPredictionSchema = z
  .object({
    id: z.string(),
    model: z.string(),
    version: z.string().openapi({ description: 'Empty when neither the item nor a production alias named one' }),
    timestamp: z.string(),
    receivedAt: z.string(),
    features: z.record(z.string(), z.union([z.number(), z.string(), z.null()])),
    prediction: z.union([z.number(), z.string(), z.null()]),
    scores: z.record(z.string(), z.number()),
    latencyMs: z.number().nullable(),
    source: z.enum(everyMemberOf<TelemetrySource>()(['api', 'otlp', 'kafka', 'gateway'])).openapi({ description: 'How it arrived: the JSON API, OTLP logs, Kafka, or the serving gateway' }),
    label: z.union([z.number(), z.string(), z.null()]),
    labeledAt: z.string().nullable(),
  })
  .openapi('StoredPrediction');

const listPredictions = createRoute({
  method: 'get',
  path: '/v1/models/{model}/predictions',
  tags: ['telemetry'],
  summary: 'Browse stored predictions, newest first, with labels once known',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: {
    params: ModelParams,
    query: z.object({
      from: TimeQuery,
      to: TimeQuery,
      version: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
      cursor: z.string().optional().openapi({ description: 'The `nextCursor` of the previous page' }),
    }),
  },
  responses: {
    200: jsonResponse(z.object({ predictions: z.array(StoredPredictionSchema), nextCursor: z.string().nullable() }), 'One page'),
    ...commonErrors,
    ...notFoundError,
  },
});

const getPrediction = createRoute({
  method: 'get',
  path: '/v1/models/{model}/predictions/{id}',
  tags: ['telemetry'],
  summary: 'One prediction: inputs, output, version, latency, label',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: ModelParams.extend({ id: z.string() }) },
  responses: { 200: jsonResponse(StoredPredictionSchema, 'The prediction'), ...commonErrors, ...notFoundError },
});

const CursorSchema = z.object({ t: z.number().int(), id: z.string() });

function encodeCursor(last: { timestampMs: number; id: string }): string {
  return Buffer.from(JSON.stringify({ t: last.timestampMs, id: last.id })).toString('base64url');
}

function decodeCursor(cursor: string): { timestampMs: number; id: string } {
  try {
    const parsed = CursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { timestampMs: parsed.t, id: parsed.id };
  } catch {
    throw new ApiError('invalid_request', 'cursor is not one this API returned', [{ path: 'cursor', message: 'expected the nextCursor of a previous page' }]);
  }
}

export function predictionRoutes({ telemetry, models }: { telemetry: TelemetryRepository; models: ModelRepository }) {
  async function requireModel(project: string, model: string) {
    if ((await models.get(project, model)) === undefined) throw new ApiError('not_found', `model ${JSON.stringify(model)} not found`);
  }
  return createRouter()
    .openapi(listPredictions, async (c) => {
      const { model } = c.req.valid('param');
      const query = c.req.valid('query');
      const { project } = callerOf(c);
      await requireModel(project, model);
      const page = await telemetry.page({
        project,
        model,
        fromMs: query.from,
        toMs: query.to,
        version: query.version,
        limit: query.limit,
        after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
      });
      const nextCursor = page.items.length === query.limit && page.last ? encodeCursor(page.last) : null;
      return c.json({ predictions: page.items, nextCursor }, 200);
    })
    .openapi(getPrediction, async (c) => {
      const { model, id } = c.req.valid('param');
      const { project } = callerOf(c);
      await requireModel(project, model);
      const found = await telemetry.get(project, model, id);
      if (found === undefined) throw new ApiError('not_found', `prediction ${JSON.stringify(id)} of model ${JSON.stringify(model)} not found`);
      return c.json(found, 200);
    });
}
