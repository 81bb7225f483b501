/**
 * Checks and adjusts a parsed OTLP/JSON logs body before protobufjs' `fromObject` reads it.
 *
 * OTLP/JSON is the protobuf JSON mapping with exceptions (OTLP specification, "JSON Protobuf
 * Encoding"): `traceId` and `spanId` are hex strings, not base64; enums are integers; 64-bit
 * integers may be numbers or decimal strings. `fromObject` does the mapping itself, but reads
 * every `bytes` string as base64 and coerces instead of refusing (`"boolValue": "false"` would
 * become `true`, `"intValue": "abc"` 0). So this pass turns the hex ids into bytes and refuses,
 * with their path, wrongly typed values in the parts Vigil reads: record and resource
 * attributes, timestamps, the event name. Unknown fields are left alone, as OTLP requires.
 */

/** Attribute values nest a few levels at most; protobufjs itself stops at 100 nested messages. */
const MAX_VALUE_DEPTH = 32;

const ANY_VALUE_MEMBERS = [
  'stringValue',
  'boolValue',
  'intValue',
  'doubleValue',
  'arrayValue',
  'kvlistValue',
  'bytesValue',
  'stringValueStrindex',
] as const;

/** An integer type's bounds, exact (bigint) and as numbers, and how errors name it. */
interface IntegerRange {
  min: bigint;
  max: bigint;
  minNumber: number;
  maxNumber: number;
  expected: string;
}

function integerRange(min: bigint, max: bigint, name: string): IntegerRange {
  return { min, max, minNumber: Number(min), maxNumber: Number(max), expected: `${name}, an integer from ${min} to ${max} (number or decimal string)` };
}

const INT32 = integerRange(-(2n ** 31n), 2n ** 31n - 1n, 'an int32');
const INT64 = integerRange(-(2n ** 63n), 2n ** 63n - 1n, 'an int64');
const UINT64 = integerRange(0n, 2n ** 64n - 1n, 'a uint64');

type JsonObject = Record<string, unknown>;

const NO_VALUES: readonly unknown[] = [];

/**
 * A wrong shape, thrown inside this module only and returned as a message by `prepareOtlpJson`.
 * Its path is built while the error unwinds, so valid bodies (nearly all) build no path strings.
 */
class ShapeError extends Error {
  private readonly segments: string[] = [];

  at(segment: string): this {
    this.segments.unshift(segment);
    return this;
  }

  /** `resourceLogs[0].scopeLogs[0].logRecords[3].attributes[2].value.intValue: expected ...` */
  describe(): string {
    const path = this.segments.join('').replace(/^\./, '');
    return `${path === '' ? 'body' : path}: ${this.message}`;
  }
}

/** Adds the segment of the value being checked to a ShapeError thrown while checking it. */
function rethrowAt(error: unknown, segment: string): never {
  if (error instanceof ShapeError) throw error.at(segment);
  throw error;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function refusal(expected: string, got: unknown): ShapeError {
  return new ShapeError(`expected ${expected}, got ${describe(got)}`);
}

function asObject(value: unknown): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw refusal('an object', value);
  return value as JsonObject;
}

/** The array in `owner[field]`; absent or null is an empty list, as in protobuf. */
function listAt(owner: JsonObject, field: string): readonly unknown[] {
  const value = owner[field];
  if (value == null) return NO_VALUES;
  if (!Array.isArray(value)) throw refusal('an array', value).at(`.${field}`);
  return value;
}

function isInteger(value: unknown, range: IntegerRange): boolean {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value >= range.minNumber && value <= range.maxNumber;
    // Beyond 2^53 the number bounds are rounded (2^63 - 1 becomes 2^63): compare exactly.
    return Number.isInteger(value) && BigInt(value) >= range.min && BigInt(value) <= range.max;
  }
  if (typeof value !== 'string' || !/^-?\d{1,20}$/.test(value)) return false;
  const big = BigInt(value);
  return big >= range.min && big <= range.max;
}

function checkInteger(owner: JsonObject, field: string, range: IntegerRange): void {
  const value = owner[field];
  if (value != null && !isInteger(value, range)) throw refusal(range.expected, value).at(`.${field}`);
}

function isDouble(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value !== 'string') return false;
  return value === 'NaN' || (value.trim() !== '' && !Number.isNaN(Number(value)));
}

/** Hex ids become bytes, so `fromObject` does not read them as base64. */
function hexIdToBytes(owner: JsonObject, field: string, bytes: number): void {
  const value = owner[field];
  if (value == null || value === '') return;
  if (typeof value !== 'string' || value.length !== bytes * 2 || !/^[0-9a-fA-F]+$/.test(value)) {
    throw refusal(`${bytes * 2} hex digits`, value).at(`.${field}`);
  }
  owner[field] = Buffer.from(value, 'hex');
}

function checkValues(owner: JsonObject, check: (value: unknown, depth: number) => void, depth: number): void {
  const values = listAt(owner, 'values');
  for (let n = 0; n < values.length; n++) {
    try {
      check(values[n], depth);
    } catch (error) {
      rethrowAt(error, `.values[${n}]`);
    }
  }
}

function checkMember(member: (typeof ANY_VALUE_MEMBERS)[number], any: JsonObject, depth: number): void {
  const content = any[member];
  switch (member) {
    case 'stringValue':
      if (typeof content !== 'string') throw refusal('a string', content);
      return;
    case 'boolValue':
      if (typeof content !== 'boolean') throw refusal('true or false', content);
      return;
    case 'intValue':
      if (!isInteger(content, INT64)) throw refusal(INT64.expected, content);
      return;
    case 'doubleValue':
      if (!isDouble(content)) throw refusal('a number', content);
      return;
    case 'bytesValue':
      if (typeof content !== 'string' || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(content)) throw refusal('base64', content);
      return;
    case 'stringValueStrindex':
      if (!isInteger(content, INT32)) throw refusal(INT32.expected, content);
      return;
    case 'arrayValue':
      checkValues(asObject(content), checkAnyValue, depth + 1);
      return;
    case 'kvlistValue':
      checkValues(asObject(content), checkKeyValue, depth + 1);
      return;
  }
}

function checkAnyValue(value: unknown, depth: number): void {
  if (value == null) return;
  if (depth > MAX_VALUE_DEPTH) throw new ShapeError(`values nested deeper than ${MAX_VALUE_DEPTH} levels`);
  const any = asObject(value);
  let member: (typeof ANY_VALUE_MEMBERS)[number] | undefined;
  for (const name of ANY_VALUE_MEMBERS) {
    if (any[name] == null) continue;
    if (member !== undefined) throw new ShapeError(`expected one value, got ${member} and ${name}`);
    member = name;
  }
  if (member === undefined) return;
  try {
    checkMember(member, any, depth);
  } catch (error) {
    rethrowAt(error, `.${member}`);
  }
}

function checkKeyValue(value: unknown, depth: number): void {
  const keyValue = asObject(value);
  if (keyValue.key != null && typeof keyValue.key !== 'string') throw refusal('a string', keyValue.key).at('.key');
  try {
    checkAnyValue(keyValue.value, depth);
  } catch (error) {
    rethrowAt(error, '.value');
  }
}

/** Checks each element of `owner[field]` (a list of objects), naming the element on failure. */
function checkList(owner: JsonObject, field: string, check: (item: JsonObject) => void): void {
  const list = listAt(owner, field);
  for (let n = 0; n < list.length; n++) {
    try {
      check(asObject(list[n]));
    } catch (error) {
      rethrowAt(error, `.${field}[${n}]`);
    }
  }
}

function checkAttributes(owner: JsonObject): void {
  checkList(owner, 'attributes', (attribute) => checkKeyValue(attribute, 0));
}

function prepareLogRecord(record: JsonObject): void {
  checkInteger(record, 'timeUnixNano', UINT64);
  checkInteger(record, 'observedTimeUnixNano', UINT64);
  if (record.eventName != null && typeof record.eventName !== 'string') throw refusal('a string', record.eventName).at('.eventName');
  hexIdToBytes(record, 'traceId', 16);
  hexIdToBytes(record, 'spanId', 8);
  checkAttributes(record);
}

function prepareResourceLogs(resourceLogs: JsonObject): void {
  if (resourceLogs.resource != null) {
    try {
      checkAttributes(asObject(resourceLogs.resource));
    } catch (error) {
      rethrowAt(error, '.resource');
    }
  }
  checkList(resourceLogs, 'scopeLogs', (scopeLogs) => checkList(scopeLogs, 'logRecords', prepareLogRecord));
}

/**
 * Checks a parsed OTLP/JSON `ExportLogsServiceRequest` (see the module comment) and converts its
 * hex `traceId`/`spanId` to bytes in place. Returns what is wrong and where, e.g.
 * `resourceLogs[0].scopeLogs[0].logRecords[3].attributes[2].value.intValue: expected an integer ...`,
 * or undefined when `fromObject` may read it.
 */
export function prepareOtlpJson(body: unknown): string | undefined {
  try {
    checkList(asObject(body), 'resourceLogs', prepareResourceLogs);
    return undefined;
  } catch (error) {
    if (error instanceof ShapeError) return error.describe();
    throw error;
  }
}
