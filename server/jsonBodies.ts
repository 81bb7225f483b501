import type { MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON request bodies are UTF-8 and uncompressed (API.md): a body that is not valid UTF-8 is a
 * 400 rather than stored with replacement characters, and a compressed one is a 415 rather
 * than parsed as text. Routes that decode their own bodies (OTLP's `/v1/logs` takes gzip and
 * deflate; baseline uploads stream) are left out by `skip`. Runs after the body limit, so the
 * body it reads is bounded; later readers get it from Hono's cache.
 */
export function strictJsonBodies(skip: (method: string, path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    if (!BODY_METHODS.has(c.req.method) || !/^application\/(.+\+)?json\b/i.test(c.req.header('content-type') ?? '') || skip(c.req.method, c.req.path)) return next();
    const encoding = (c.req.header('content-encoding') ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      throw new ApiError('unsupported_media_type', `Content-Encoding ${JSON.stringify(encoding)} is not accepted for JSON bodies here; send them uncompressed (OTLP's /v1/logs takes gzip and deflate)`);
    }
    try {
      strictUtf8.decode(await c.req.arrayBuffer());
    } catch {
      throw new ApiError('invalid_request', 'the body is not valid UTF-8; JSON bodies are UTF-8', [{ path: '(body)', message: 'invalid UTF-8' }]);
    }
    await next();
  };
}
