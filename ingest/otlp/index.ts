/**
 * Vigil's OTLP logs decoder: `POST /v1/logs` bodies and Kafka OTLP messages (API.md, "Telemetry
 * in") to prediction and feedback items, for the caller to validate as `/v1/predictions` and
 * `/v1/feedback` items. Pure: no I/O beyond loading the .proto files at import.
 */
import { decodeJsonRequest } from './decodeJson';
import { decodeProtobufRequest } from './decodeProtobuf';
import { mapLogsRequest } from './mapRecords';
import type { OtlpDecodeResult } from './types';

export { sourcePath } from './sourcePath';
export type {
  LogRecordItem,
  OtlpDecodeFailure,
  OtlpDecodeResult,
  OtlpDecodeSuccess,
  OtlpFeedbackInput,
  OtlpPredictionInput,
} from './types';

/** The two OTLP/HTTP encodings: `application/x-protobuf` and `application/json`. */
export type OtlpEncoding = 'protobuf' | 'json';

/**
 * Decodes an OTLP `ExportLogsServiceRequest` and maps its log records per API.md's OTLP log
 * record conventions: `ml.prediction` events (LogRecord `eventName`, else the `event.name`
 * attribute) become prediction items, `ml.feedback` events feedback items, all else is counted
 * in `ignored`. Each item carries the path of its record and of each field's attribute.
 *
 * Never throws for any body: an undecodable one gives `{ ok: false, message }` saying what is
 * wrong and where. Items are not validated against the model (the caller does that).
 *
 * @example decodeOtlpLogs(new TextEncoder().encode('{"resourceLogs":[]}'), 'json') // { ok: true, predictions: [], feedback: [], ignored: 0 }
 */
export function decodeOtlpLogs(body: Uint8Array, encoding: OtlpEncoding): OtlpDecodeResult {
  const decoded = encoding === 'protobuf' ? decodeProtobufRequest(body) : decodeJsonRequest(body);
  if (!decoded.ok) return decoded;
  try {
    return mapLogsRequest(decoded.request);
  } catch (error) {
    // The mapping only reads what the decoders produced; reaching here is a bug, not bad input.
    return { ok: false, message: `log records could not be mapped: ${error instanceof Error ? error.message : String(error)}` };
  }
}
