/**
 * One place that classifies storage failures, by ClickHouse's numeric exception codes and
 * Node's `error.code`; message text is read only where ClickHouse gives no other sign (see
 * WRAPPED_FOREIGN_CODES). Callers ask `isStorageUnavailable`
 * to decide between a retry / 503 and a bug.
 */

/** ClickHouse exception codes (src/Common/ErrorCodes.cpp) that mean "try again later". */
const TRANSIENT_CLICKHOUSE_CODES = new Set<number>([
  3, // UNEXPECTED_END_OF_FILE
  23, // CANNOT_READ_FROM_ISTREAM
  24, // CANNOT_WRITE_TO_OSTREAM
  32, // ATTEMPT_TO_READ_AFTER_EOF
  74, // CANNOT_READ_FROM_FILE_DESCRIPTOR
  75, // CANNOT_WRITE_TO_FILE_DESCRIPTOR
  76, // CANNOT_OPEN_FILE
  77, // CANNOT_CLOSE_FILE
  88, // CANNOT_TRUNCATE_FILE
  159, // TIMEOUT_EXCEEDED
  164, // READONLY
  172, // CANNOT_CREATE_DIRECTORY
  204, // CANNOT_FSYNC
  202, // TOO_MANY_SIMULTANEOUS_QUERIES
  209, // SOCKET_TIMEOUT
  210, // NETWORK_ERROR
  241, // MEMORY_LIMIT_EXCEEDED
  242, // TABLE_IS_READ_ONLY
  243, // NOT_ENOUGH_SPACE
  252, // TOO_MANY_PARTS
  275, // AIO_WRITE_ERROR
  279, // ALL_CONNECTION_TRIES_FAILED
  285, // TOO_FEW_LIVE_REPLICAS
  294, // CANNOT_WRITE_TO_FILE
  319, // UNKNOWN_STATUS_OF_INSERT
  394, // QUERY_WAS_CANCELLED
  425, // SYSTEM_ERROR
  586, // CANNOT_CREATE_FILE
  641, // CANNOT_APPEND_TO_FILE
  999, // KEEPER_EXCEPTION
]);

/**
 * ClickHouse codes that wrap a foreign exception (POCO_EXCEPTION, STD_EXCEPTION) and keep its
 * OS error only in the text: a part directory that cannot be created on a read-only file
 * system arrives as `Code: 1001 ... filesystem error: in create_directories: Read-only file
 * system` (chDB 26, measured by test/hardening-storage.integration.test.ts). Only these two
 * codes are read further, and only for the strerror texts of the errnos below.
 */
const WRAPPED_FOREIGN_CODES = new Set<number>([1000, 1001]);

/** strerror(3) texts (glibc, libc++) of EROFS, ENOSPC, EDQUOT and EIO: the disk, not the query. */
const STORAGE_ERRNO_TEXTS = ['Read-only file system', 'No space left on device', 'Disk quota exceeded', 'Input/output error'];

/** Node socket / file-system error codes that mean the storage is unreachable or full. */
const TRANSIENT_NODE_CODES = new Set<string>([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ENOSPC',
  'EROFS',
  'EACCES',
  'UND_ERR_SOCKET',
]);

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? String(code) : undefined;
}

/**
 * The ClickHouse exception code of an error, when it carries one: `@clickhouse/client` puts it
 * in `code` (as text), chDB's native errors in `clickhouseCode`.
 */
export function clickhouseCode(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'clickhouseCode' in error && typeof error.clickhouseCode === 'number') return error.clickhouseCode;
  const code = errorCode(error);
  return code !== undefined && /^\d+$/.test(code) ? Number(code) : undefined;
}

/** True when the failure is the storage being down, busy or full, not a bad query. */
export function isStorageUnavailable(error: unknown): boolean {
  if (error instanceof StorageError) return error.unavailable;
  const chCode = clickhouseCode(error);
  if (chCode !== undefined && WRAPPED_FOREIGN_CODES.has(chCode)) return error instanceof Error && STORAGE_ERRNO_TEXTS.some((text) => error.message.includes(text));
  if (chCode !== undefined) return TRANSIENT_CLICKHOUSE_CODES.has(chCode);
  const code = errorCode(error);
  if (code !== undefined && TRANSIENT_NODE_CODES.has(code)) return true;
  // The client wraps socket failures; look one level down.
  if (error instanceof Error && error.cause !== undefined && error.cause !== error) return isStorageUnavailable(error.cause);
  return false;
}

/** A storage failure as the rest of Vigil sees it: which query, and whether to retry. */
export class StorageError extends Error {
  readonly unavailable: boolean;
  readonly clickhouseCode: number | undefined;

  constructor(tag: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause);
    super(`storage query "${tag}" failed: ${message}`, { cause });
    this.name = 'StorageError';
    this.unavailable = isStorageUnavailable(cause);
    this.clickhouseCode = clickhouseCode(cause);
  }
}
