import { randomUUID } from 'node:crypto';
import { z, type ZodType } from 'zod';
import type { ModelRecord } from '../store/models';
import type { FeedbackRow, PredictionRow, TelemetrySource } from '../store/telemetry';
import { formatPath, type ErrorDetail } from './paths';
import { FeedbackInputSchema, PredictionInputSchema, type FeedbackInput } from './schemas';

/** An item to validate, with where it came from (`predictions[3]`, `resourceLogs[0]...`). */
export interface IncomingItem {
  path: string;
  value: unknown;
}

/** Why an item was refused; counted per model and feature (see `ingest_rejections`). */
export type RejectionReason = 'invalid_item' | 'unknown_model' | 'wrong_type' | 'unknown_feature' | 'wrong_prediction_type' | 'wrong_label_type' | 'invalid_timestamp';

export interface Rejection extends ErrorDetail {
  reason: RejectionReason;
  /** The model, when the item named one that exists. */
  model?: string;
  feature?: string;
}

export interface ValidationContext {
  project: string;
  source: TelemetrySource;
  /** Arrival time, epoch ms: the default timestamp. */
  now: number;
  model(name: string): Promise<ModelRecord | undefined>;
  /** The version the model's `production` alias points at, if any. */
  productionVersion(model: ModelRecord): Promise<string | undefined>;
}

export type Validated<Row> = { ok: true; rows: Row[] } | { ok: false; rejections: Rejection[] };

/**
 * The structural check of a prediction: the documented shape (`PredictionInputSchema`), except
 * that `features` is only checked to be an object. `featureMaps` reads the sent object itself,
 * so zod's copy of the record was thrown away; making it was half of validation's time.
 */
const PredictionStructureSchema = PredictionInputSchema.extend({
  features: z
    .custom<Record<string, unknown>>((value) => typeof value === 'object' && value !== null && !Array.isArray(value), { message: 'expected an object of feature values' })
    .optional(),
});

/** Latest accepted event time: a day ahead of the server clock covers any sane clock skew. */
const MAX_FUTURE_MS = 24 * 3600 * 1000;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value;
}

function at(path: string, ...rest: PropertyKey[]): string {
  const tail = formatPath(rest);
  return tail === '' ? path : tail.startsWith('[') ? `${path}${tail}` : `${path}.${tail}`;
}

function parseStructure<T>(schema: ZodType<T>, item: IncomingItem, out: Rejection[]): T | undefined {
  const parsed = schema.safeParse(item.value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) out.push({ path: at(item.path, ...issue.path), message: issue.message, reason: 'invalid_item' });
  return undefined;
}

function eventTime(value: string | number | undefined, path: string, ctx: ValidationContext, out: Rejection[], model: string): number | undefined {
  if (value === undefined) return ctx.now;
  const ms = typeof value === 'number' ? value : Date.parse(value);
  if (!Number.isFinite(ms) || ms < 0 || ms > ctx.now + MAX_FUTURE_MS) {
    out.push({ path: at(path, 'timestamp'), message: `expected a time between 1970 and 24 hours from now, got ${describe(value)}`, reason: 'invalid_timestamp', model });
    return undefined;
  }
  return ms;
}

async function knownModel(name: string, path: string, ctx: ValidationContext, out: Rejection[]): Promise<ModelRecord | undefined> {
  const model = await ctx.model(name);
  if (model === undefined) out.push({ path: at(path, 'model'), message: `unknown model ${JSON.stringify(name)}; create it first with POST /v1/models`, reason: 'unknown_model' });
  return model;
}

/**
 * The item's features as sent, after the structural check passed. The sent object is read
 * rather than zod's copy because zod leaves a `__proto__` key out of the records it builds (a
 * guard for its own output), and a feature may have any name; lookups are of own properties
 * only, so a feature called `toString` or `constructor` is not found on Object.prototype.
 */
function sentFeatures(item: IncomingItem): Record<string, unknown> {
  const features = (item.value as { features?: unknown }).features;
  return typeof features === 'object' && features !== null ? (features as Record<string, unknown>) : {};
}

function featureMaps(item: IncomingItem, model: ModelRecord, path: string, out: Rejection[]) {
  const features = sentFeatures(item);
  // Null-prototype maps: assigning a feature named `__proto__` makes an own property, as it must.
  const num: Record<string, number | null> = Object.create(null) as Record<string, number | null>;
  const cat: Record<string, string | null> = Object.create(null) as Record<string, string | null>;
  for (const feature of model.features) {
    const value = Object.hasOwn(features, feature.name) ? features[feature.name] : undefined;
    if (value === undefined || value === null) {
      (feature.type === 'numeric' ? num : cat)[feature.name] = null;
    } else if (feature.type === 'numeric' && typeof value === 'number' && Number.isFinite(value)) {
      num[feature.name] = value;
    } else if (feature.type === 'categorical' && typeof value === 'string') {
      cat[feature.name] = value;
    } else {
      const expected = feature.type === 'numeric' ? 'a number or null' : 'a string or null';
      out.push({ path: at(path, 'features', feature.name), message: `expected ${expected}, got ${describe(value)}`, reason: 'wrong_type', model: model.name, feature: feature.name });
    }
  }
  if (!model.settings.allowUnknownFeatures) {
    const declared = new Set(model.features.map((f) => f.name));
    for (const name of Object.keys(features)) {
      if (declared.has(name)) continue;
      const names = model.features.map((f) => f.name);
      const listed = names.length === 0 ? 'none' : `${names.slice(0, 10).join(', ')}${names.length > 10 ? ', …' : ''}`;
      out.push({ path: at(path, 'features', name), message: `unknown feature; model ${JSON.stringify(model.name)} declares: ${listed}`, reason: 'unknown_feature', model: model.name, feature: name });
    }
  }
  return { num, cat };
}

/**
 * A model output or label as stored: regression needs a number; classification takes a class
 * as a number or string, kept as text (and as a number when it is one).
 */
function outcome(value: number | string, model: ModelRecord): { num: number | null; cat: string | null } | undefined {
  if (model.task === 'regression') return typeof value === 'number' ? { num: value, cat: null } : undefined;
  return { num: typeof value === 'number' ? value : null, cat: String(value) };
}

/** Checks predictions against their models; all-or-nothing: rows only when every item is valid. */
export async function validatePredictions(items: IncomingItem[], ctx: ValidationContext): Promise<Validated<PredictionRow>> {
  const rejections: Rejection[] = [];
  const rows: PredictionRow[] = [];
  for (const item of items) {
    const input = parseStructure(PredictionStructureSchema, item, rejections);
    if (input === undefined) continue;
    const model = await knownModel(input.model, item.path, ctx, rejections);
    if (model === undefined) continue;
    const before = rejections.length;
    const features = featureMaps(item, model, item.path, rejections);
    const prediction = outcome(input.prediction, model);
    if (prediction === undefined) {
      rejections.push({ path: at(item.path, 'prediction'), message: `expected a number for a regression model, got ${describe(input.prediction)}`, reason: 'wrong_prediction_type', model: model.name });
    }
    const timestamp = eventTime(input.timestamp, item.path, ctx, rejections, model.name);
    if (rejections.length > before || prediction === undefined || timestamp === undefined) continue;
    rows.push({
      project: ctx.project,
      model: model.name,
      version: input.version ?? (await ctx.productionVersion(model)) ?? '',
      id: input.id ?? randomUUID(),
      timestamp,
      received_at: ctx.now,
      num_features: features.num,
      cat_features: features.cat,
      prediction_num: prediction.num,
      prediction_cat: prediction.cat,
      scores: input.scores ?? {},
      latency_ms: input.latencyMs ?? null,
      source: ctx.source,
    });
  }
  return rejections.length > 0 ? { ok: false, rejections } : { ok: true, rows };
}

/** Checks labels against their models' tasks; all-or-nothing like predictions. */
export async function validateFeedback(items: IncomingItem[], ctx: ValidationContext): Promise<Validated<FeedbackRow>> {
  const rejections: Rejection[] = [];
  const rows: FeedbackRow[] = [];
  for (const item of items) {
    const input: FeedbackInput | undefined = parseStructure(FeedbackInputSchema, item, rejections);
    if (input === undefined) continue;
    const model = await knownModel(input.model, item.path, ctx, rejections);
    if (model === undefined) continue;
    const label = outcome(input.label, model);
    if (label === undefined) {
      rejections.push({ path: at(item.path, 'label'), message: `expected a number for a regression model, got ${describe(input.label)}`, reason: 'wrong_label_type', model: model.name });
    }
    const timestamp = eventTime(input.timestamp, item.path, ctx, rejections, model.name);
    if (label === undefined || timestamp === undefined) continue;
    rows.push({ project: ctx.project, model: model.name, prediction_id: input.predictionId, label_num: label.num, label_cat: label.cat, timestamp, received_at: ctx.now, source: ctx.source });
  }
  return rejections.length > 0 ? { ok: false, rejections } : { ok: true, rows };
}
