/**
 * What the OTLP logs decoder produces: items in the shape of the JSON bodies of
 * `POST /v1/predictions` and `POST /v1/feedback` (API.md, "Telemetry in"), not yet validated.
 * A field is present when its attribute was; its value is whatever the sender put there (see
 * `anyValueToPlain`), so the caller validates these exactly as it validates those JSON bodies.
 */

/** One `/v1/predictions` item read from an `ml.prediction` log record. */
export interface OtlpPredictionInput {
  /** `ml.model.name` of the record, else of the resource. */
  model?: unknown;
  /** `ml.model.version` of the record, else of the resource. */
  version?: unknown;
  /** `ml.prediction.id`. */
  id?: unknown;
  /** Whole epoch milliseconds from `timeUnixNano`, else `observedTimeUnixNano`. */
  timestamp?: number;
  /** `ml.features`: a `Record<string, unknown>` when it is a key-value list, as it should be. */
  features?: unknown;
  /** `ml.prediction.value`. */
  prediction?: unknown;
  /** `ml.prediction.scores`: a `Record<string, unknown>` when it is a key-value list. */
  scores?: unknown;
  /** `ml.latency_ms`. */
  latencyMs?: unknown;
}

/** One `/v1/feedback` item read from an `ml.feedback` log record. */
export interface OtlpFeedbackInput {
  /** `ml.model.name` of the record, else of the resource. */
  model?: unknown;
  /** `ml.prediction.id`. */
  predictionId?: unknown;
  /** `ml.label`. */
  label?: unknown;
  /** Whole epoch milliseconds from `timeUnixNano`, else `observedTimeUnixNano`. */
  timestamp?: number;
}

/**
 * An item with its origin. `path` names the log record (`resourceLogs[0].scopeLogs[1].logRecords[4]`);
 * `fieldPaths` names, for every field the item kind has (present or not), where that field is
 * or would be read from, e.g. `features` → `resourceLogs[0].scopeLogs[1].logRecords[4].attributes["ml.features"]`,
 * or `model` → `resourceLogs[0].resource.attributes["ml.model.name"]` when the resource gave it.
 * `sourcePath` turns a validation error's path into one of these.
 */
export interface LogRecordItem<T> {
  path: string;
  item: T;
  fieldPaths: Record<keyof T & string, string>;
}

/** A decoded OTLP logs request: its predictions and feedback, and how many other records it held. */
export interface OtlpDecodeSuccess {
  ok: true;
  predictions: LogRecordItem<OtlpPredictionInput>[];
  feedback: LogRecordItem<OtlpFeedbackInput>[];
  /** Log records that are neither `ml.prediction` nor `ml.feedback` events. */
  ignored: number;
}

/** A body that is not an OTLP logs request; `message` says what is wrong and where. */
export interface OtlpDecodeFailure {
  ok: false;
  message: string;
}

export type OtlpDecodeResult = OtlpDecodeSuccess | OtlpDecodeFailure;
