/**
 * Test support: OTLP logs request bodies made by the real OpenTelemetry JS SDK (sdk-logs and the
 * serializers its OTLP exporters use), so tests decode what SDKs actually send.
 */
import type { LogRecord } from '@opentelemetry/api-logs';
import { JsonLogsSerializer, ProtobufLogsSerializer } from '@opentelemetry/otlp-transformer';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor, type ReadableLogRecord } from '@opentelemetry/sdk-logs';

/** A log record as an application emits it, and the name of the logger (scope) emitting it. */
export type EmittedRecord = LogRecord & { scope?: string };

/** Log records emitted through one LoggerProvider whose resource has `resourceAttributes`. */
export async function emitWithSdk(records: readonly EmittedRecord[], resourceAttributes: Record<string, string> = {}): Promise<ReadableLogRecord[]> {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({
    resource: resourceFromAttributes({ 'service.name': 'vigil-test', ...resourceAttributes }),
    processors: [new SimpleLogRecordProcessor({ exporter })],
  });
  for (const { scope, ...record } of records) provider.getLogger(scope ?? 'vigil-test-scope', '1.0.0').emit(record);
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

/** The `application/x-protobuf` body the OTLP proto exporter sends for these records. */
export function protobufBody(records: ReadableLogRecord[]): Uint8Array {
  const body = ProtobufLogsSerializer.serializeRequest(records);
  if (body === undefined) throw new Error('the protobuf serializer produced nothing');
  return body;
}

/** The `application/json` body the OTLP HTTP exporter sends for these records. */
export function jsonBody(records: ReadableLogRecord[]): Uint8Array {
  const body = JsonLogsSerializer.serializeRequest(records);
  if (body === undefined) throw new Error('the JSON serializer produced nothing');
  return body;
}

/** A UTF-8 body from a JSON value, for hand-written OTLP/JSON requests. */
export function jsonText(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
