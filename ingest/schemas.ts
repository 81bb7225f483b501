import { z } from '@hono/zod-openapi';
import { verbatimRecord } from './verbatimRecord';

/**
 * The JSON shapes of API.md's "Telemetry in", checked structurally here; checks against the
 * model's schema (feature names and types, task) follow in `validation.ts`.
 */

/** RFC 3339 string or epoch milliseconds, as API.md allows on input. */
export const TimestampInputSchema = z
  .union([z.iso.datetime({ offset: true, message: 'expected an RFC 3339 timestamp or epoch milliseconds' }), z.number().int('expected integer epoch milliseconds')])
  .openapi({ example: '2026-11-23T17:00:00Z' });

const NameSchema = z.string().min(1, 'expected a non-empty string').max(256, 'expected at most 256 characters');

export const PredictionInputSchema = z
  .object({
    model: NameSchema.openapi({ example: 'churn' }),
    version: z.string().min(1).max(128).optional().openapi({ description: "Default: the version the model's production alias points at on arrival" }),
    id: z.string().min(1).max(256).optional().openapi({ description: 'Prediction id, unique per model; generated when absent. Re-sending an id stores it once.' }),
    timestamp: TimestampInputSchema.optional().openapi({ description: 'Event time; default: arrival time' }),
    features: z
      .record(z.string(), z.unknown().openapi({ description: 'number (numeric feature), string (categorical) or null (missing)' }))
      .default({})
      .openapi({ example: { tenure_months: 14, plan: 'pro' } }),
    prediction: z.union([z.number(), z.string()]).openapi({ description: 'number (regression, or class index) or string (class)', example: 1 }),
    scores: verbatimRecord(z.string(), z.number()).optional().openapi({ example: { '0': 0.2, '1': 0.8 } }),
    latencyMs: z.number().nonnegative().optional(),
  })
  .openapi('PredictionInput');

export const FeedbackInputSchema = z
  .object({
    model: NameSchema.openapi({ example: 'churn' }),
    predictionId: z.string().min(1).max(256),
    label: z.union([z.number(), z.string()]).openapi({ description: 'Ground truth: number (regression, class index) or string (class)', example: 0 }),
    timestamp: TimestampInputSchema.optional().openapi({ description: 'When the label was observed; default: arrival time' }),
  })
  .openapi('FeedbackInput');

export type PredictionInput = z.infer<typeof PredictionInputSchema>;
export type FeedbackInput = z.infer<typeof FeedbackInputSchema>;

/** Items per request at most; larger batches are refused with 413 and should be split. */
export const MAX_ITEMS_PER_REQUEST = 50_000;

export const PredictionsBodySchema = z
  .object({ predictions: z.array(z.unknown()).min(1, 'expected at least one prediction') })
  .openapi('PredictionsBody', { description: `{"predictions": [PredictionInput, ...]}, at most ${MAX_ITEMS_PER_REQUEST} items` });

export const FeedbackBodySchema = z
  .object({ feedback: z.array(z.unknown()).min(1, 'expected at least one feedback item') })
  .openapi('FeedbackBody', { description: `{"feedback": [FeedbackInput, ...]}, at most ${MAX_ITEMS_PER_REQUEST} items` });

export const IngestResultSchema = z
  .object({
    accepted: z.number().int().openapi({ description: 'Items in the request, all stored (or already stored)' }),
    duplicates: z.number().int().openapi({ description: 'Items whose id was already stored; stored once' }),
    ids: z.array(z.string()).optional().openapi({ description: 'Prediction ids in request order, including generated ones' }),
  })
  .openapi('IngestResult');
