export { Vigil, type DeliveryProblem, type VigilOptions, type VigilStats } from './client.js';
export { VigilValidationError, type FeatureValue, type FeedbackInput, type PredictionInput, type TimeInput } from './events.js';
export { feedbackLogRecord, predictionLogRecord, type OpenTelemetryLogger, type OpenTelemetryLogRecord, type OpenTelemetryValue } from './opentelemetry.js';
