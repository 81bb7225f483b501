/**
 * The OTLP log record conventions of API.md ("Telemetry in"): which event names are Vigil's and
 * which attribute each item field comes from.
 */

export const PREDICTION_EVENT = 'ml.prediction';
export const FEEDBACK_EVENT = 'ml.feedback';

/** The attribute that names a log record's event when the LogRecord `eventName` field is empty. */
export const EVENT_NAME_ATTRIBUTE = 'event.name';

/** Prediction item field → attribute it is read from. */
export const PREDICTION_ATTRIBUTES = {
  model: 'ml.model.name',
  version: 'ml.model.version',
  id: 'ml.prediction.id',
  features: 'ml.features',
  prediction: 'ml.prediction.value',
  scores: 'ml.prediction.scores',
  latencyMs: 'ml.latency_ms',
} as const;

/** Feedback item field → attribute it is read from. */
export const FEEDBACK_ATTRIBUTES = {
  model: 'ml.model.name',
  predictionId: 'ml.prediction.id',
  label: 'ml.label',
} as const;

/** Attributes a resource may carry for all its records; a record's own attribute wins. */
export const RESOURCE_ATTRIBUTES: ReadonlySet<string> = new Set([PREDICTION_ATTRIBUTES.model, PREDICTION_ATTRIBUTES.version]);

/** Every attribute the mapping reads from a record, each once. */
export const READ_ATTRIBUTES: readonly string[] = [
  ...new Set([EVENT_NAME_ATTRIBUTE, ...Object.values(PREDICTION_ATTRIBUTES), ...Object.values(FEEDBACK_ATTRIBUTES)]),
];

/** How a path names an attribute of its owner (a record or resource): `attributes["ml.features"]`. */
export function attributePath(owner: string, key: string): string {
  return `${owner}.attributes[${JSON.stringify(key)}]`;
}
