import { anyValueToPlain } from './anyValue';
import {
  ATTRIBUTE_PATH_SUFFIX,
  EVENT_NAME_ATTRIBUTE,
  FEEDBACK_ATTRIBUTES,
  FEEDBACK_EVENT,
  PREDICTION_ATTRIBUTES,
  PREDICTION_EVENT,
  RECORD_ATTRIBUTES,
  RESOURCE_ATTRIBUTES,
} from './attributes';
import { nanosToEpochMs } from './int64';
import type { AnyValueMessage, KeyValueMessage, LogRecordMessage, LogsRequestMessage } from './messages';
import type { LogRecordItem, OtlpDecodeSuccess, OtlpFeedbackInput, OtlpPredictionInput } from './types';

/** Values of the attributes Vigil reads, by attribute key; absent keys are not in it. */
type Attributes = Map<string, AnyValueMessage | null | undefined>;

/** The wanted attributes of a list, in one pass; a repeated key keeps its last value. */
function findAttributes(attributes: readonly KeyValueMessage[], wanted: ReadonlySet<string>, into: Attributes): Attributes {
  into.clear();
  for (const attribute of attributes) if (wanted.has(attribute.key)) into.set(attribute.key, attribute.value);
  return into;
}

/** The record's event name: the LogRecord `eventName` field, else its `event.name` attribute. */
function eventNameOf(record: LogRecordMessage, attributes: Attributes): string | undefined {
  if (record.eventName) return record.eventName;
  const attribute = attributes.get(EVENT_NAME_ATTRIBUTE);
  return attribute?.value === 'stringValue' ? (attribute.stringValue ?? undefined) : undefined;
}

/** An item kind's fields: [field, attribute key, `.attributes["key"]`, may the resource give it]. */
type FieldSources = ReadonlyArray<readonly [field: string, key: string, pathSuffix: string, fromResource: boolean]>;

function fieldSources(fields: Readonly<Record<string, string>>): FieldSources {
  return Object.entries(fields).map(([field, key]) => [field, key, ATTRIBUTE_PATH_SUFFIX.get(key) ?? '', RESOURCE_ATTRIBUTES.has(key)] as const);
}

const PREDICTION_FIELDS = fieldSources(PREDICTION_ATTRIBUTES);
const FEEDBACK_FIELDS = fieldSources(FEEDBACK_ATTRIBUTES);

/**
 * Reads an item's fields from the record's attributes, else (model name and version) from its
 * resource's, and notes where each field comes from or would come from.
 */
function readItem(fields: FieldSources, record: LogRecordMessage, recordPath: string, attributes: Attributes, resourcePath: string, resource: Attributes) {
  const item: Record<string, unknown> = {};
  const fieldPaths: Record<string, string> = {};
  for (const [field, key, pathSuffix, fromResource] of fields) {
    if (attributes.has(key)) {
      item[field] = anyValueToPlain(attributes.get(key));
      fieldPaths[field] = recordPath + pathSuffix;
    } else if (fromResource && resource.has(key)) {
      item[field] = anyValueToPlain(resource.get(key));
      fieldPaths[field] = resourcePath + pathSuffix;
    } else {
      fieldPaths[field] = recordPath + pathSuffix;
    }
  }
  const time = nanosToEpochMs(record.timeUnixNano);
  const observed = time === undefined ? nanosToEpochMs(record.observedTimeUnixNano) : undefined;
  if (time !== undefined) item.timestamp = time;
  else if (observed !== undefined) item.timestamp = observed;
  fieldPaths.timestamp = observed === undefined ? `${recordPath}.timeUnixNano` : `${recordPath}.observedTimeUnixNano`;
  return { path: recordPath, item, fieldPaths };
}

/**
 * Maps a decoded OTLP logs request to Vigil's items per API.md's OTLP log record conventions:
 * `ml.prediction` events become `/v1/predictions` items, `ml.feedback` events `/v1/feedback`
 * items, every other record is counted in `ignored`. Nothing is validated here.
 */
export function mapLogsRequest(request: LogsRequestMessage): OtlpDecodeSuccess {
  const result: OtlpDecodeSuccess = { ok: true, predictions: [], feedback: [], ignored: 0 };
  // Reused for every record: a batch holds thousands, and only the items outlive the loop.
  const attributes: Attributes = new Map();
  const resource: Attributes = new Map();
  for (const [i, resourceLogs] of request.resourceLogs.entries()) {
    const resourcePath = `resourceLogs[${i}].resource`;
    findAttributes(resourceLogs.resource?.attributes ?? [], RESOURCE_ATTRIBUTES, resource);
    for (const [j, scopeLogs] of resourceLogs.scopeLogs.entries()) {
      for (const [k, record] of scopeLogs.logRecords.entries()) {
        findAttributes(record.attributes, RECORD_ATTRIBUTES, attributes);
        const event = eventNameOf(record, attributes);
        if (event !== PREDICTION_EVENT && event !== FEEDBACK_EVENT) {
          result.ignored += 1;
          continue;
        }
        const recordPath = `resourceLogs[${i}].scopeLogs[${j}].logRecords[${k}]`;
        if (event === PREDICTION_EVENT) {
          const item = readItem(PREDICTION_FIELDS, record, recordPath, attributes, resourcePath, resource);
          result.predictions.push(item as LogRecordItem<OtlpPredictionInput>);
        } else {
          const item = readItem(FEEDBACK_FIELDS, record, recordPath, attributes, resourcePath, resource);
          result.feedback.push(item as LogRecordItem<OtlpFeedbackInput>);
        }
      }
    }
  }
  return result;
}
