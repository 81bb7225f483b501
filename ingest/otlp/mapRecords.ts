import { anyValueToPlain } from './anyValue';
import {
  EVENT_NAME_ATTRIBUTE,
  FEEDBACK_ATTRIBUTES,
  FEEDBACK_EVENT,
  PREDICTION_ATTRIBUTES,
  PREDICTION_EVENT,
  READ_ATTRIBUTES,
  RESOURCE_ATTRIBUTES,
  attributePath,
} from './attributes';
import { nanosToEpochMs } from './int64';
import type { AnyValueMessage, KeyValueMessage, LogRecordMessage, LogsRequestMessage } from './messages';
import type { LogRecordItem, OtlpDecodeSuccess, OtlpFeedbackInput, OtlpPredictionInput } from './types';

/** Each attribute read gets a slot number. */
const SLOT_OF: ReadonlyMap<string, number> = new Map(READ_ATTRIBUTES.map((key, slot) => [key, slot]));

function slotOf(key: string): number {
  const slot = SLOT_OF.get(key);
  if (slot === undefined) throw new Error(`attribute ${key} is not in READ_ATTRIBUTES`);
  return slot;
}

const EVENT_NAME_SLOT = slotOf(EVENT_NAME_ATTRIBUTE);

/**
 * The values of the attributes read from one attribute list, by slot: undefined when the
 * attribute is absent, null when it is present without a value. Two arrays (record, resource)
 * serve a whole request: a batch holds thousands of records, and only the items outlive them.
 */
type AttributeSlots = Array<AnyValueMessage | null | undefined>;

/** Fills `slots` from an attribute list in one pass; a repeated key keeps its last value. */
function fillSlots(attributes: readonly KeyValueMessage[], slots: AttributeSlots): void {
  slots.fill(undefined);
  for (const attribute of attributes) {
    const slot = SLOT_OF.get(attribute.key);
    if (slot !== undefined) slots[slot] = attribute.value ?? null;
  }
}

/** The record's event name: the LogRecord `eventName` field, else its `event.name` attribute. */
function eventNameOf(record: LogRecordMessage, slots: AttributeSlots): string | undefined {
  if (record.eventName) return record.eventName;
  const attribute = slots[EVENT_NAME_SLOT];
  return attribute?.value === 'stringValue' ? (attribute.stringValue ?? undefined) : undefined;
}

/** An item kind's fields: what each is called, its attribute's slot and path, and whether a resource may give it. */
type FieldSources = ReadonlyArray<{ field: string; slot: number; pathSuffix: string; fromResource: boolean }>;

function fieldSources(fields: Readonly<Record<string, string>>): FieldSources {
  return Object.entries(fields).map(([field, key]) => ({ field, slot: slotOf(key), pathSuffix: attributePath('', key), fromResource: RESOURCE_ATTRIBUTES.has(key) }));
}

const PREDICTION_FIELDS = fieldSources(PREDICTION_ATTRIBUTES);
const FEEDBACK_FIELDS = fieldSources(FEEDBACK_ATTRIBUTES);

/** Where a record and its resource are, and the attributes read from each. */
interface Origin {
  recordPath: string;
  record: AttributeSlots;
  resourcePath: string;
  resource: AttributeSlots;
}

/**
 * Reads an item's fields from the record's attributes, else (model name and version) from its
 * resource's, and notes where each field comes from or would come from.
 */
function readItem(fields: FieldSources, record: LogRecordMessage, origin: Origin) {
  const item: Record<string, unknown> = {};
  const fieldPaths: Record<string, string> = {};
  for (const { field, slot, pathSuffix, fromResource } of fields) {
    const own = origin.record[slot];
    const inherited = fromResource ? origin.resource[slot] : undefined;
    if (own !== undefined) item[field] = anyValueToPlain(own);
    else if (inherited !== undefined) item[field] = anyValueToPlain(inherited);
    fieldPaths[field] = (own === undefined && inherited !== undefined ? origin.resourcePath : origin.recordPath) + pathSuffix;
  }
  const time = nanosToEpochMs(record.timeUnixNano);
  const observed = time === undefined ? nanosToEpochMs(record.observedTimeUnixNano) : undefined;
  if (time !== undefined) item.timestamp = time;
  else if (observed !== undefined) item.timestamp = observed;
  fieldPaths.timestamp = `${origin.recordPath}.${observed === undefined ? 'timeUnixNano' : 'observedTimeUnixNano'}`;
  return { path: origin.recordPath, item, fieldPaths };
}

/**
 * Maps a decoded OTLP logs request to Vigil's items per API.md's OTLP log record conventions:
 * `ml.prediction` events become `/v1/predictions` items, `ml.feedback` events `/v1/feedback`
 * items, every other record is counted in `ignored`. Nothing is validated here.
 */
export function mapLogsRequest(request: LogsRequestMessage): OtlpDecodeSuccess {
  const result: OtlpDecodeSuccess = { ok: true, predictions: [], feedback: [], ignored: 0 };
  const origin: Origin = { recordPath: '', record: [], resourcePath: '', resource: [] };
  for (const [i, resourceLogs] of request.resourceLogs.entries()) {
    origin.resourcePath = `resourceLogs[${i}].resource`;
    fillSlots(resourceLogs.resource?.attributes ?? [], origin.resource);
    for (const [j, { logRecords }] of resourceLogs.scopeLogs.entries()) {
      for (const [k, record] of logRecords.entries()) {
        fillSlots(record.attributes, origin.record);
        const event = eventNameOf(record, origin.record);
        if (event !== PREDICTION_EVENT && event !== FEEDBACK_EVENT) {
          result.ignored += 1;
          continue;
        }
        origin.recordPath = `resourceLogs[${i}].scopeLogs[${j}].logRecords[${k}]`;
        if (event === PREDICTION_EVENT) result.predictions.push(readItem(PREDICTION_FIELDS, record, origin) as LogRecordItem<OtlpPredictionInput>);
        else result.feedback.push(readItem(FEEDBACK_FIELDS, record, origin) as LogRecordItem<OtlpFeedbackInput>);
      }
    }
  }
  return result;
}
