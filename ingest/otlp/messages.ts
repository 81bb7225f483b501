/**
 * The shapes protobufjs hands back for an `ExportLogsServiceRequest`, limited to the fields Vigil
 * reads. Both decoders (binary and JSON) produce these, so the mapping is written once. Field
 * names are the camelCase ones of opentelemetry-proto's logs, common and resource protos.
 */

/**
 * A 64-bit integer as protobufjs gives it: a `long` Long (two 32-bit halves, `high` stored as a
 * signed int32 even when `unsigned`), or a plain number when no Long implementation is present.
 */
export type Int64 = number | { readonly low: number; readonly high: number; readonly unsigned: boolean };

/** Names of the members of AnyValue's `value` oneof. */
export type AnyValueKind =
  | 'stringValue'
  | 'boolValue'
  | 'intValue'
  | 'doubleValue'
  | 'arrayValue'
  | 'kvlistValue'
  | 'bytesValue'
  | 'stringValueStrindex';

/** `opentelemetry.proto.common.v1.AnyValue`; `value` names the member that is set, if any. */
export interface AnyValueMessage {
  readonly value?: AnyValueKind;
  readonly stringValue?: string | null;
  readonly boolValue?: boolean | null;
  readonly intValue?: Int64 | null;
  readonly doubleValue?: number | null;
  readonly arrayValue?: { readonly values: readonly AnyValueMessage[] } | null;
  readonly kvlistValue?: { readonly values: readonly KeyValueMessage[] } | null;
  readonly bytesValue?: Uint8Array | null;
}

/** `opentelemetry.proto.common.v1.KeyValue`. */
export interface KeyValueMessage {
  readonly key: string;
  readonly value?: AnyValueMessage | null;
}

/** `opentelemetry.proto.logs.v1.LogRecord` (fields Vigil reads). */
export interface LogRecordMessage {
  readonly timeUnixNano: Int64;
  readonly observedTimeUnixNano: Int64;
  /** Field 12, added in opentelemetry-proto v1.5.0; `''` when the sender predates it. */
  readonly eventName: string;
  readonly attributes: readonly KeyValueMessage[];
}

/** `opentelemetry.proto.logs.v1.ScopeLogs` (fields Vigil reads). */
export interface ScopeLogsMessage {
  readonly logRecords: readonly LogRecordMessage[];
}

/** `opentelemetry.proto.logs.v1.ResourceLogs` (fields Vigil reads). */
export interface ResourceLogsMessage {
  readonly resource?: { readonly attributes: readonly KeyValueMessage[] } | null;
  readonly scopeLogs: readonly ScopeLogsMessage[];
}

/** `opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest`. */
export interface LogsRequestMessage {
  readonly resourceLogs: readonly ResourceLogsMessage[];
}
