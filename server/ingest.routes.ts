import { createRoute } from '@hono/zod-openapi';
import type { IngestOutcome, IngestPipeline } from '../ingest/pipeline';
import { FeedbackBodySchema, IngestResultSchema, MAX_ITEMS_PER_REQUEST, PredictionsBodySchema } from '../ingest/schemas';
import type { IncomingItem, Rejection } from '../ingest/validation';
import { callerOf, requireScope } from './auth/middleware';
import { ApiError } from './errors';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse } from './openapi';

const ingestErrors = {
  ...commonErrors,
  413: { description: 'Body or batch too large; split it' },
  415: { description: 'Content-Type is not application/json' },
  429: { description: 'Ingest saturated; retry after `Retry-After` seconds' },
} as const;

const postPredictions = createRoute({
  method: 'post',
  path: '/v1/predictions',
  tags: ['telemetry'],
  summary: 'Send predictions (all-or-nothing; durable before 2xx; idempotent by id)',
  security: bearerSecurity,
  middleware: [requireScope('ingest')],
  request: { body: jsonBody(PredictionsBodySchema) },
  responses: { 200: jsonResponse(IngestResultSchema, 'Every item is stored'), ...ingestErrors },
});

const postFeedback = createRoute({
  method: 'post',
  path: '/v1/feedback',
  tags: ['telemetry'],
  summary: 'Send ground-truth labels, joined to predictions by id (before or after them)',
  security: bearerSecurity,
  middleware: [requireScope('ingest')],
  request: { body: jsonBody(FeedbackBodySchema) },
  responses: { 200: jsonResponse(IngestResultSchema.omit({ ids: true }), 'Every item is stored'), ...ingestErrors },
});

/** Details shown at most per 400; the message says how many there were in all. */
const MAX_DETAILS = 100;

/** A refused request as API.md's 400: the first problems by path, and their number. */
export function rejectionError(rejections: Rejection[]): ApiError {
  const details = rejections.slice(0, MAX_DETAILS).map(({ path, message }) => ({ path, message }));
  const first = details[0];
  const more = rejections.length > 1 ? ` (and ${rejections.length - 1} more problem${rejections.length > 2 ? 's' : ''})` : '';
  return new ApiError('invalid_request', `nothing was stored: ${first ? `${first.path}: ${first.message}` : 'invalid items'}${more}`, details);
}

/** Throws the request's refusal, or returns what was stored. */
export function stored(outcome: IngestOutcome): { accepted: number; duplicates: number; ids: string[] } {
  if (!outcome.ok) throw rejectionError(outcome.rejections);
  const { accepted, duplicates, ids } = outcome;
  return { accepted, duplicates, ids };
}

export function itemsOf(field: string, values: unknown[]): IncomingItem[] {
  if (values.length > MAX_ITEMS_PER_REQUEST) {
    throw new ApiError('payload_too_large', `${values.length} items in "${field}"; at most ${MAX_ITEMS_PER_REQUEST} per request: split the batch`);
  }
  return values.map((value, i) => ({ path: `${field}[${i}]`, value }));
}

export function ingestRoutes({ ingest }: { ingest: IngestPipeline }) {
  return createRouter()
    .openapi(postPredictions, async (c) => {
      const { predictions } = c.req.valid('json');
      const result = stored(await ingest.predictions(callerOf(c).project, itemsOf('predictions', predictions), 'api'));
      return c.json(result, 200);
    })
    .openapi(postFeedback, async (c) => {
      const { feedback } = c.req.valid('json');
      const { accepted, duplicates } = stored(await ingest.feedback(callerOf(c).project, itemsOf('feedback', feedback), 'api'));
      return c.json({ accepted, duplicates }, 200);
    });
}

