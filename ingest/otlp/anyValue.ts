import { int64ToNumber } from './int64';
import type { AnyValueMessage, KeyValueMessage } from './messages';

/**
 * Converts an OTLP AnyValue to the value a client would have written in a JSON body of
 * `/v1/predictions` (API.md, "Telemetry in"), so the same validation applies to both:
 *
 * - `stringValue` → string; `intValue`, `doubleValue` → number (`intValue` beyond ±2^53 loses
 *   precision; `doubleValue` may be NaN or ±Infinity, which validation refuses as numbers);
 * - empty AnyValue (no member set) → `null`, i.e. a missing feature value;
 * - `boolValue` → boolean, kept as is: a feature is a number, a string or null, so validation
 *   refuses it with "got boolean" rather than this decoder guessing 0/1 or "true";
 * - `kvlistValue` → plain object, `arrayValue` → array, converted member by member (depth is
 *   bounded by the decoders: protobufjs stops at 100 nested messages);
 * - `bytesValue` → Uint8Array; `stringValueStrindex` (a profiles-only string table reference,
 *   meaningless in logs) → undefined. Validation refuses both.
 *
 * @example anyValueToPlain({ value: 'kvlistValue', kvlistValue: { values: [{ key: 'age', value: { value: 'doubleValue', doubleValue: 41 } }] } }) // { age: 41 }
 */
export function anyValueToPlain(value: AnyValueMessage | null | undefined): unknown {
  if (value == null) return null;
  switch (value.value) {
    case undefined:
      return null;
    case 'stringValue':
      return value.stringValue;
    case 'boolValue':
      return value.boolValue;
    case 'intValue':
      return value.intValue == null ? null : int64ToNumber(value.intValue);
    case 'doubleValue':
      return value.doubleValue;
    case 'kvlistValue':
      return keyValuesToRecord(value.kvlistValue?.values ?? []);
    case 'arrayValue':
      return (value.arrayValue?.values ?? []).map(anyValueToPlain);
    case 'bytesValue':
      return value.bytesValue;
    default:
      return undefined;
  }
}

/**
 * Converts a key-value list to a plain object; a repeated key keeps its last value. A `__proto__`
 * key becomes an ordinary own property: assigning it would replace the object's prototype.
 */
export function keyValuesToRecord(values: readonly KeyValueMessage[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { key, value } of values) {
    if (key === '__proto__') Object.defineProperty(record, key, { value: anyValueToPlain(value), enumerable: true, writable: true, configurable: true });
    else record[key] = anyValueToPlain(value);
  }
  return record;
}
