import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/** Where the vendored opentelemetry-proto files live (see proto/README.md). */
const PROTO_DIR = fileURLToPath(new URL('./proto/', import.meta.url));

/**
 * Loads `ExportLogsServiceRequest` from the vendored opentelemetry-proto v1.11.0 definitions.
 * protobufjs camelCases field names on load, which is exactly OTLP/JSON's naming, so the same
 * type reads binary bodies (`decode`) and parsed JSON bodies (`fromObject`).
 */
function loadLogsRequestType(): protobuf.Type {
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => PROTO_DIR + target;
  root.loadSync('opentelemetry/proto/collector/logs/v1/logs_service.proto');
  root.resolveAll();
  return root.lookupType('opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest');
}

/** The OTLP logs export request type (opentelemetry-proto `collector/logs/v1/logs_service.proto`). */
export const exportLogsServiceRequestType = loadLogsRequestType();
