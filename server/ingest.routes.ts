import { createRoute, z } from '@hono/zod-openapi';
import { gunzipSync, inflateSync } from 'node:zlib';
import { ItemTooLargeError, structuralRejections, withIds, type KafkaPublisher } from '../ingest/kafka';
import { decodeOtlpLogs, sourcePath, type LogRecordItem } from '../ingest/otlp';
import type { IngestMetrics } from '../ingest/metrics';
import type { IngestOutcome, IngestPipeline } from '../ingest/pipeline';
import { FeedbackBodySchema, FeedbackInputSchema, IngestResultSchema, MAX_ITEMS_PER_REQUEST, PredictionInputSchema, PredictionsBodySchema } from '../ingest/schemas';
import type { IncomingItem, Rejection } from '../ingest/validation';
import { hashApiKey } from './auth/apiKey';
import { callerOf, requireScope } from './auth/middleware';
import { ApiError, STORAGE_RETRY_AFTER_SECONDS } from './errors';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse } from './openapi';

const ingestErrors = {
  ...commonErrors,
  413: { description: 'Body or batch too large; split it' },
  415: { description: 'Content-Type is not application/json' },
  429: { description: 'Ingest saturated; retry after `Retry-After` seconds' },
} as const;

/**
 * The items' schemas, documented as components. The bodies take items of any shape: the pipeline
 * checks each item itself, structurally and against its model, and refuses the request with
 * every wrong item named by path (API.md), where a body schema checking the items would stop
 * at the framework with a different answer. So the document shows the items' shape by
 * reference while the route validates only the envelope.
 */
const ITEM_SCHEMAS = { PredictionInput: PredictionInputSchema, FeedbackInput: FeedbackInputSchema };
const documentedItems = (name: keyof typeof ITEM_SCHEMAS) => ({ items: { $ref: `#/components/schemas/${name}` } });
const itemChecks = `The items are checked one by one once the request is taken, structurally and against their model's features, output and label types: a request with any wrong item stores nothing and answers 400 naming each wrong item by path (with INGEST_MODE=kafka, the checks against the model happen in the consumer, which dead-letters what fails them). At most ${MAX_ITEMS_PER_REQUEST} items.`;

const PredictionsBody = z
  .object({ predictions: PredictionsBodySchema.shape.predictions.openapi(documentedItems('PredictionInput')) })
  .openapi('PredictionsBody', { description: `{"predictions": [PredictionInput, ...]}. ${itemChecks}` });

const FeedbackBody = z
  .object({ feedback: FeedbackBodySchema.shape.feedback.openapi(documentedItems('FeedbackInput')) })
  .openapi('FeedbackBody', { description: `{"feedback": [FeedbackInput, ...]}. ${itemChecks}` });

const postPredictions = createRoute({
  method: 'post',
  path: '/v1/predictions',
  tags: ['telemetry'],
  summary: 'Send predictions (all-or-nothing; durable before 2xx; idempotent by id)',
  security: bearerSecurity,
  middleware: [requireScope('ingest')],
  request: { body: jsonBody(PredictionsBody) },
  responses: { 200: jsonResponse(IngestResultSchema, 'Every item is stored'), ...ingestErrors },
});

const postFeedback = createRoute({
  method: 'post',
  path: '/v1/feedback',
  tags: ['telemetry'],
  summary: 'Send ground-truth labels, joined to predictions by id (before or after them)',
  security: bearerSecurity,
  middleware: [requireScope('ingest')],
  request: { body: jsonBody(FeedbackBody) },
  responses: { 200: jsonResponse(IngestResultSchema.omit({ ids: true }), 'Every item is stored'), ...ingestErrors },
});

const postLogs = createRoute({
  method: 'post',
  path: '/v1/logs',
  tags: ['telemetry'],
  summary: 'OTLP/HTTP logs: ml.prediction and ml.feedback log records become predictions and labels',
  description:
    'An OpenTelemetry `ExportLogsServiceRequest` as `application/x-protobuf` or `application/json`. Records follow the conventions of the API contract (`event.name` = `ml.prediction` or `ml.feedback`, attributes `ml.model.name`, `ml.features`, ...); other records are counted and ignored. All-or-nothing like `/v1/predictions`.',
  security: bearerSecurity,
  middleware: [requireScope('ingest')],
  request: {
    body: {
      required: true,
      content: {
        'application/x-protobuf': { schema: { type: 'string', format: 'binary' } },
        'application/json': { schema: { type: 'object', description: 'OTLP/JSON ExportLogsServiceRequest' } },
      },
    },
  },
  responses: {
    200: { description: 'Stored: an empty ExportLogsServiceResponse, in the encoding of the request' },
    ...ingestErrors,
  },
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

/** The OTLP/HTTP encoding of a Content-Type, or a 415. */
function otlpEncoding(contentType: string | undefined): 'protobuf' | 'json' {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType === 'application/x-protobuf' || mediaType === 'application/protobuf') return 'protobuf';
  if (mediaType === 'application/json') return 'json';
  throw new ApiError('unsupported_media_type', `unsupported Content-Type ${JSON.stringify(contentType ?? '')}; OTLP/HTTP logs are application/x-protobuf or application/json`);
}

/** Items of decoded log records, keyed by their record path so errors can name the attribute. */
function logItems(entries: LogRecordItem<object>[], byPath: Map<string, LogRecordItem<object>>) {
  return entries.map((entry) => {
    byPath.set(entry.path, entry);
    return { path: entry.path, value: entry.item };
  });
}

/**
 * The body as sent before `Content-Encoding`: OpenTelemetry exporters gzip by default. The
 * inflated size is bounded like any body, so a small bomb cannot expand without limit.
 */
function decompressed(body: Uint8Array, contentEncoding: string | undefined, maxBytes: number): Uint8Array {
  const coding = (contentEncoding ?? 'identity').trim().toLowerCase();
  if (coding === 'identity' || coding === '') return body;
  if (coding !== 'gzip' && coding !== 'deflate') {
    throw new ApiError('unsupported_media_type', `unsupported Content-Encoding ${JSON.stringify(contentEncoding)}; send gzip, deflate or none`);
  }
  try {
    return coding === 'gzip' ? gunzipSync(body, { maxOutputLength: maxBytes }) : inflateSync(body, { maxOutputLength: maxBytes });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ApiError('payload_too_large', `the ${coding} body inflates beyond the limit of ${maxBytes} bytes; send smaller batches`);
    }
    throw new ApiError('invalid_request', `the body is not valid ${coding}: ${(error as Error).message}`);
  }
}

/** The caller's key as the consumer will look it up: its SHA-256, never the key itself. */
function callerKeyHash(authorization: string | undefined): string {
  return hashApiKey(/^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1] ?? '');
}

/**
 * INGEST_MODE=kafka: what needs no model is checked here (400 as in direct mode), ids are
 * given, and the items are published; the answer means Kafka has them (acks=all). Checks
 * against the model happen in the consumer, which dead-letters what fails them.
 */
async function publish(
  publisher: KafkaPublisher,
  authorization: string | undefined,
  source: 'api' | 'otlp',
  items: { predictions: IncomingItem[]; feedback: IncomingItem[] },
  senderPath: (r: Rejection) => string = (r) => r.path,
): Promise<{ accepted: number; duplicates: number; ids: string[] }> {
  const rejections = [...structuralRejections(items.predictions, 'prediction'), ...structuralRejections(items.feedback, 'feedback')];
  if (rejections.length > 0) throw rejectionError(rejections.map((r) => ({ ...r, path: senderPath(r) })));
  const predictions = withIds(items.predictions);
  try {
    await publisher.publish(callerKeyHash(authorization), source, { predictions: predictions.items, feedback: items.feedback });
  } catch (error) {
    if (error instanceof ItemTooLargeError) throw new ApiError('payload_too_large', error.message);
    // Not acknowledged: possibly partly published, so the client retries (ids make that harmless).
    throw new ApiError('storage_unavailable', `Kafka did not acknowledge the items: ${(error as Error).message}; retry later`, undefined, { 'Retry-After': String(STORAGE_RETRY_AFTER_SECONDS) });
  }
  return { accepted: items.predictions.length + items.feedback.length, duplicates: 0, ids: predictions.ids };
}

export function ingestRoutes({ ingest, metrics, maxBodyBytes, publisher }: { ingest: IngestPipeline; metrics: IngestMetrics; maxBodyBytes: number; publisher?: KafkaPublisher }) {
  const router = createRouter();
  for (const [name, schema] of Object.entries(ITEM_SCHEMAS)) router.openAPIRegistry.register(name, schema);
  return router
    .openapi(postPredictions, async (c) => {
      const { predictions } = c.req.valid('json');
      if (publisher !== undefined) return c.json(await publish(publisher, c.req.header('authorization'), 'api', { predictions: itemsOf('predictions', predictions), feedback: [] }), 200);
      const result = stored(await ingest.predictions(callerOf(c).project, itemsOf('predictions', predictions), 'api'));
      return c.json(result, 200);
    })
    .openapi(postFeedback, async (c) => {
      const { feedback } = c.req.valid('json');
      if (publisher !== undefined) {
        const { accepted } = await publish(publisher, c.req.header('authorization'), 'api', { predictions: [], feedback: itemsOf('feedback', feedback) });
        return c.json({ accepted, duplicates: 0 }, 200);
      }
      const { accepted, duplicates } = stored(await ingest.feedback(callerOf(c).project, itemsOf('feedback', feedback), 'api'));
      return c.json({ accepted, duplicates }, 200);
    })
    .openapi(postLogs, async (c) => {
      const encoding = otlpEncoding(c.req.header('content-type'));
      const body = decompressed(new Uint8Array(await c.req.arrayBuffer()), c.req.header('content-encoding'), maxBodyBytes);
      const decoded = decodeOtlpLogs(body, encoding);
      if (!decoded.ok) throw new ApiError('invalid_request', `not an OTLP logs request: ${decoded.message}`);
      metrics.otlpIgnored.inc(decoded.ignored);
      if (decoded.predictions.length + decoded.feedback.length > MAX_ITEMS_PER_REQUEST) {
        throw new ApiError('payload_too_large', `more than ${MAX_ITEMS_PER_REQUEST} ml log records in one request: export smaller batches`);
      }
      const byPath = new Map<string, LogRecordItem<object>>();
      const items = { predictions: logItems(decoded.predictions, byPath), feedback: logItems(decoded.feedback, byPath) };
      // Point each problem at the attribute the sender wrote, not at Vigil's item shape.
      const senderPath = (r: Rejection) => {
        const record = /^resourceLogs\[\d+\]\.scopeLogs\[\d+\]\.logRecords\[\d+\]/.exec(r.path)?.[0];
        const entry = record === undefined ? undefined : byPath.get(record);
        return entry === undefined ? r.path : sourcePath(entry, r.path);
      };
      if (publisher !== undefined) {
        await publish(publisher, c.req.header('authorization'), 'otlp', items, senderPath);
      } else {
        const outcome = await ingest.mixed(callerOf(c).project, items, 'otlp');
        if (!outcome.ok) throw rejectionError(outcome.rejections.map((r) => ({ ...r, path: senderPath(r) })));
      }
      // OTLP/HTTP: an empty ExportLogsServiceResponse in the request's encoding (zero bytes in protobuf).
      return encoding === 'json' ? c.json({}, 200) : c.body(new Uint8Array(0), 200, { 'Content-Type': 'application/x-protobuf' });
    });
}

