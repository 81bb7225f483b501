/**
 * What a caller logs, checked and normalised before it is queued. The SDK does not know the
 * model's schema (the server checks that); it checks what any model needs, so that a bug in the
 * caller's code is an exception at the call site rather than a batch refused minutes later.
 */

/** A feature value as Vigil stores it: a number (numeric), a string (categorical), or missing. */
export type FeatureValue = number | string | null | undefined;

/** A time: a `Date`, epoch milliseconds, or an RFC 3339 string. Sent as UTC. */
export type TimeInput = Date | number | string;

export interface PredictionInput {
  /** The model's name in Vigil. */
  model: string;
  /** The model version that answered; without it, Vigil records the `production` alias's version. */
  version?: string;
  /** Unique per model; generated (UUID v4) when absent. Keep it to send the label later. */
  id?: string;
  /** When the prediction was made; defaults to the moment `logPrediction` is called. */
  timestamp?: TimeInput;
  features: Record<string, FeatureValue>;
  /** A number for regression, a class (number or string) for classifiers. */
  prediction: number | string;
  /** Class probabilities, e.g. `{ "0": 0.2, "1": 0.8 }`. */
  scores?: Record<string, number>;
  latencyMs?: number;
}

export interface FeedbackInput {
  model: string;
  /** The id `logPrediction` returned (or the one you gave it). */
  predictionId: string;
  /** The ground truth: a number or a class name. */
  label: number | string;
  /** When the truth became known; defaults to the moment `logFeedback` is called. */
  timestamp?: TimeInput;
}

/** A prediction as sent to `POST /v1/predictions`: id and timestamp always set, times in UTC. */
export interface PredictionRecord {
  model: string;
  version?: string;
  id: string;
  timestamp: string;
  features: Record<string, number | string | null>;
  prediction: number | string;
  scores?: Record<string, number>;
  latencyMs?: number;
}

/** A label as sent to `POST /v1/feedback`. */
export interface FeedbackRecord {
  model: string;
  predictionId: string;
  label: number | string;
  timestamp: string;
}

/** Thrown synchronously for a caller's bug; the message names the field and what was wrong. */
export class VigilValidationError extends TypeError {
  constructor(
    /** Where, e.g. `features.age`. */
    readonly path: string,
    message: string,
  ) {
    super(`${path}: ${message}`);
    this.name = 'VigilValidationError';
  }
}

/** `"old"`, `NaN`, `true`, `an object`: enough of a value to recognise it in an error message. */
function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

function requireName(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new VigilValidationError(path, `expected a non-empty string, got ${describe(value)}`);
  return value;
}

function requireFinite(value: unknown, path: string, what = 'a finite number'): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new VigilValidationError(path, `expected ${what}, got ${describe(value)}`);
  return value;
}

function requireNumberOrString(value: unknown, path: string): number | string {
  if (typeof value === 'string') return value;
  return requireFinite(value, path, 'a finite number or a string');
}

/** Any accepted time as an RFC 3339 UTC string (`toISOString`). */
export function utcTimestamp(value: TimeInput | undefined, path: string, now: () => number): string {
  if (value === undefined) return new Date(now()).toISOString();
  let ms: number;
  if (value instanceof Date) ms = value.getTime();
  else if (typeof value === 'number') ms = value;
  else if (typeof value === 'string') {
    // Date.parse reads "2026-01-01" as UTC but "2026-01-01T10:00" as local time: insist on a zone.
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
      throw new VigilValidationError(path, `expected an RFC 3339 time with a zone (e.g. "2026-11-23T17:00:00Z"), got ${describe(value)}`);
    }
    ms = Date.parse(value);
  } else throw new VigilValidationError(path, `expected a Date, epoch milliseconds or an RFC 3339 string, got ${describe(value)}`);
  if (!Number.isFinite(ms)) throw new VigilValidationError(path, `expected a valid time, got ${describe(value)}`);
  return new Date(ms).toISOString();
}

/**
 * Checks a prediction and fills in what the caller may omit: the id (a random UUID) and the
 * timestamp (now). Throws `VigilValidationError` for anything that can never be stored.
 */
export function toPredictionRecord(input: PredictionInput, newId: () => string, now: () => number): PredictionRecord {
  if (!isPlainObject(input)) throw new VigilValidationError('prediction', `expected an object, got ${describe(input)}`);
  const model = requireName(input.model, 'model');
  if (!isPlainObject(input.features)) throw new VigilValidationError('features', `expected an object of feature name to value, got ${describe(input.features)}`);
  const features: Record<string, number | string | null> = {};
  for (const [name, value] of Object.entries(input.features)) {
    if (name.trim() === '') throw new VigilValidationError('features', 'feature names must be non-empty strings');
    if (value === undefined) continue;
    if (value === null || typeof value === 'string') features[name] = value;
    else features[name] = requireFinite(value, `features.${name}`, 'a finite number, a string or null');
  }
  if (input.prediction === undefined) throw new VigilValidationError('prediction', 'is required (the model output: a number or a class)');
  const record: PredictionRecord = {
    model,
    id: input.id === undefined ? newId() : requireName(input.id, 'id'),
    timestamp: utcTimestamp(input.timestamp, 'timestamp', now),
    features,
    prediction: requireNumberOrString(input.prediction, 'prediction'),
  };
  if (input.version !== undefined) record.version = requireName(input.version, 'version');
  if (input.scores !== undefined) {
    if (!isPlainObject(input.scores)) throw new VigilValidationError('scores', `expected an object of class to probability, got ${describe(input.scores)}`);
    record.scores = {};
    for (const [label, score] of Object.entries(input.scores)) record.scores[label] = requireFinite(score, `scores.${label}`);
  }
  if (input.latencyMs !== undefined) {
    record.latencyMs = requireFinite(input.latencyMs, 'latencyMs', 'a finite number of milliseconds');
    if (record.latencyMs < 0) throw new VigilValidationError('latencyMs', `expected 0 or more, got ${record.latencyMs}`);
  }
  return record;
}

/** Checks a label; the timestamp defaults to now. */
export function toFeedbackRecord(input: FeedbackInput, now: () => number): FeedbackRecord {
  if (!isPlainObject(input)) throw new VigilValidationError('feedback', `expected an object, got ${describe(input)}`);
  return {
    model: requireName(input.model, 'model'),
    predictionId: requireName(input.predictionId, 'predictionId'),
    label: requireNumberOrString(input.label, 'label'),
    timestamp: utcTimestamp(input.timestamp, 'timestamp', now),
  };
}
