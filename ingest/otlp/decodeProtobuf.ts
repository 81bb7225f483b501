import type { LogsRequestMessage } from './messages';
import { exportLogsServiceRequestType } from './schema';
import type { OtlpDecodeFailure } from './types';

export type DecodedRequest = { ok: true; request: LogsRequestMessage } | OtlpDecodeFailure;

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Decodes a binary protobuf `ExportLogsServiceRequest` (OTLP/HTTP `application/x-protobuf`, and
 * the OpenTelemetry Collector's Kafka exporter format; API.md, "Telemetry in") with protobufjs.
 * Truncated or malformed messages, invalid UTF-8 in strings and more than 100 nested messages
 * are refused; unknown fields are skipped, as protobuf requires.
 */
export function decodeProtobufRequest(body: Uint8Array): DecodedRequest {
  try {
    // The type is loaded from logs_service.proto; its decoded messages have the shape declared in messages.ts.
    const request = exportLogsServiceRequestType.decode(body) as unknown as LogsRequestMessage;
    return { ok: true, request };
  } catch (error) {
    return { ok: false, message: `body is not a protobuf OTLP ExportLogsServiceRequest: ${reasonOf(error)}` };
  }
}
