import type { FeedbackRecord, PredictionRecord } from './events.js';

/**
 * The part of an OpenTelemetry `Logger` (from `@opentelemetry/api-logs`) the SDK calls. Any
 * `logs.getLogger(name)` fits; declaring it here keeps the package free of a hard dependency.
 */
export interface OpenTelemetryLogger {
  emit(record: OpenTelemetryLogRecord): void;
}

/** An attribute value as `@opentelemetry/api-logs` types it (`AnyValue`): maps become key-value lists. */
export type OpenTelemetryValue = string | number | boolean | null | undefined | OpenTelemetryValue[] | { [key: string]: OpenTelemetryValue };

/** The fields of `@opentelemetry/api-logs`' `LogRecord` the SDK sets. */
export interface OpenTelemetryLogRecord {
  eventName?: string;
  timestamp?: number;
  severityNumber?: number;
  severityText?: string;
  body?: string;
  attributes?: Record<string, OpenTelemetryValue>;
}

/** `SeverityNumber.INFO` of the OpenTelemetry logs data model. */
const SEVERITY_INFO = 9;

/**
 * A prediction as the log record of API.md's OTLP conventions: event `ml.prediction`, the
 * record's time is the prediction's, features and scores as key-value lists. `event.name` is
 * also set as an attribute for loggers and collectors older than the record's `eventName`.
 */
export function predictionLogRecord(record: PredictionRecord): OpenTelemetryLogRecord {
  const attributes: Record<string, OpenTelemetryValue> = {
    'event.name': 'ml.prediction',
    'ml.model.name': record.model,
    'ml.prediction.id': record.id,
    'ml.features': record.features,
    'ml.prediction.value': record.prediction,
  };
  if (record.version !== undefined) attributes['ml.model.version'] = record.version;
  if (record.scores !== undefined) attributes['ml.prediction.scores'] = record.scores;
  if (record.latencyMs !== undefined) attributes['ml.latency_ms'] = record.latencyMs;
  return { eventName: 'ml.prediction', timestamp: Date.parse(record.timestamp), severityNumber: SEVERITY_INFO, severityText: 'INFO', body: 'ml.prediction', attributes };
}

/** A label as an `ml.feedback` log record. */
export function feedbackLogRecord(record: FeedbackRecord): OpenTelemetryLogRecord {
  return {
    eventName: 'ml.feedback',
    timestamp: Date.parse(record.timestamp),
    severityNumber: SEVERITY_INFO,
    severityText: 'INFO',
    body: 'ml.feedback',
    attributes: { 'event.name': 'ml.feedback', 'ml.model.name': record.model, 'ml.prediction.id': record.predictionId, 'ml.label': record.label },
  };
}
