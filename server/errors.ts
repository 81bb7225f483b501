import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { formatPath, type ErrorDetail } from '../ingest/paths';
import { QueueFullError, WriterClosedError } from '../ingest/writer';
import { StorageError } from '../store/errors';

/** The `error.code` values of API.md, each tied to one HTTP status. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  storage_unavailable: 503,
} as const satisfies Record<string, ContentfulStatusCode>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export { formatPath, type ErrorDetail };

/** Seconds a client should wait before retrying when storage is unavailable. */
export const STORAGE_RETRY_AFTER_SECONDS = 5;
/** Seconds a client should wait when ingest queues are full. */
export const QUEUE_RETRY_AFTER_SECONDS = 1;

/**
 * An expected failure with its status and code, rendered by `renderError` in the shape of
 * API.md: `{"error": {"code", "message", "details"?}}`.
 */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = ERROR_STATUS[code];
  }
}

export function errorBody(code: ErrorCode, message: string, details?: ErrorDetail[], requestId?: string) {
  return { error: { code, message, ...(details && details.length > 0 ? { details } : {}), ...(requestId ? { requestId } : {}) } };
}

/** Hono's own exceptions (malformed JSON, 415 from the validator) mapped onto our codes. */
function codeForStatus(status: number): ErrorCode {
  const found = (Object.entries(ERROR_STATUS) as [ErrorCode, number][]).find(([, s]) => s === status);
  return found ? found[0] : status >= 500 ? 'internal' : 'invalid_request';
}

/** The one place that turns any thrown error into a response. Internal errors are logged, never shown. */
export function renderError(error: unknown, c: Context, logger: Logger): Response {
  const requestId = c.get('requestId');
  if (error instanceof ApiError) {
    for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
    return c.json(errorBody(error.code, error.message, error.details), error.status);
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    const message = status === 415 ? `unsupported Content-Type ${JSON.stringify(c.req.header('content-type') ?? '')}; expected application/json` : error.message;
    return c.json(errorBody(codeForStatus(status), message || 'request failed'), status);
  }
  if (error instanceof QueueFullError) {
    c.header('Retry-After', String(QUEUE_RETRY_AFTER_SECONDS));
    return c.json(errorBody('rate_limited', `ingest is saturated (the ${error.writer} queue is full); retry after ${QUEUE_RETRY_AFTER_SECONDS} s`), 429);
  }
  if (error instanceof WriterClosedError) {
    c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
    return c.json(errorBody('storage_unavailable', 'Vigil is shutting down; retry against another instance or after restart'), 503);
  }
  if (error instanceof StorageError && error.unavailable) {
    logger.warn({ err: error, requestId }, 'storage unavailable');
    c.header('Retry-After', String(STORAGE_RETRY_AFTER_SECONDS));
    return c.json(errorBody('storage_unavailable', 'storage is unavailable; retry later'), 503);
  }
  logger.error({ err: error, requestId, method: c.req.method, path: c.req.path }, 'unhandled error');
  return c.json(errorBody('internal', 'internal error; quote the request id when reporting it', undefined, requestId), 500);
}
