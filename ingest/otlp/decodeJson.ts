import type { DecodedRequest } from './decodeProtobuf';
import type { LogsRequestMessage } from './messages';
import { prepareOtlpJson } from './otlpJson';
import { exportLogsServiceRequestType } from './schema';

const utf8 = new TextDecoder('utf-8', { fatal: true });

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Decodes an OTLP/JSON `ExportLogsServiceRequest` (OTLP/HTTP `application/json`; API.md,
 * "Telemetry in"): UTF-8 JSON, checked and adjusted for OTLP's JSON exceptions by
 * `prepareOtlpJson`, then mapped onto the protobuf messages by protobufjs' `fromObject`, so both
 * encodings reach the mapping as the same message tree.
 */
export function decodeJsonRequest(body: Uint8Array): DecodedRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(body));
  } catch (error) {
    return { ok: false, message: `body is not valid UTF-8 JSON: ${reasonOf(error)}` };
  }
  const problem = prepareOtlpJson(parsed);
  if (problem !== undefined) return { ok: false, message: problem };
  try {
    const request = exportLogsServiceRequestType.fromObject(parsed as Record<string, unknown>) as unknown as LogsRequestMessage;
    return { ok: true, request };
  } catch (error) {
    return { ok: false, message: `body is not an OTLP/JSON ExportLogsServiceRequest: ${reasonOf(error)}` };
  }
}
