import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ApiKeyRepository } from '../../store/apiKeys';
import type { RequestAuth } from '../context';
import { ApiError } from '../errors';
import { hashApiKey } from './apiKey';
import { SCOPES, hasScope, type Scope } from './scopes';

/** How long a looked-up key is trusted before it is read again (bounds revocation delay across replicas). */
const KEY_CACHE_TTL_MS = 10_000;
const KEY_CACHE_MAX_ENTRIES = 10_000;

/** The dashboard's session cookie: the API key itself, httpOnly, set by POST /v1/session. */
export const SESSION_COOKIE = 'vigil_session';
/** The header every state-changing cookie-authenticated request must carry (a cross-site form cannot send it). */
export const CSRF_HEADER = 'x-vigil-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface KeyAuthenticator {
  /** The caller of a request, or an `ApiError` 401. */
  authenticate(authorization: string | undefined): Promise<RequestAuth>;
  /** The caller holding `key`, or an `ApiError` 401. */
  verify(key: string): Promise<RequestAuth>;
  /** Drops cached keys, e.g. after a revocation, so it takes effect at once in this process. */
  forget(): void;
}

export function keyAuthenticator(keys: ApiKeyRepository, now: () => number = Date.now): KeyAuthenticator {
  const cache = new Map<string, { auth: RequestAuth; expiresAt: number }>();
  const authenticator: KeyAuthenticator = {
    async authenticate(authorization) {
      const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) {
        throw new ApiError('unauthorized', 'missing API key: send the header "Authorization: Bearer <api key>"');
      }
      return authenticator.verify(match[1]);
    },
    async verify(key) {
      const keyHash = hashApiKey(key);
      const cached = cache.get(keyHash);
      if (cached && cached.expiresAt > now()) return cached.auth;
      const record = await keys.findActiveByHash(keyHash);
      if (record === undefined) throw new ApiError('unauthorized', 'unknown or revoked API key');
      const auth: RequestAuth = {
        keyId: record.id,
        project: record.project,
        scopes: record.scopes.filter((s): s is Scope => (SCOPES as readonly string[]).includes(s)),
      };
      if (cache.size >= KEY_CACHE_MAX_ENTRIES) cache.clear();
      cache.set(keyHash, { auth, expiresAt: now() + KEY_CACHE_TTL_MS });
      return auth;
    },
    forget() {
      cache.clear();
    },
  };
  return authenticator;
}

/**
 * Authenticates every request it guards and puts the caller on the context as `auth`: by the
 * `Authorization` header, or else (the dashboard) by the session cookie, which changes state
 * only together with the CSRF header.
 */
export function authentication(authenticator: KeyAuthenticator): MiddlewareHandler {
  return async (c, next) => {
    const authorization = c.req.header('authorization');
    const sessionKey = authorization === undefined ? getCookie(c, SESSION_COOKIE) : undefined;
    if (sessionKey === undefined) {
      c.set('auth', await authenticator.authenticate(authorization));
    } else {
      c.set('auth', await authenticator.verify(sessionKey));
      if (!SAFE_METHODS.has(c.req.method) && c.req.header(CSRF_HEADER) === undefined) {
        throw new ApiError('forbidden', `a request signed in by the session cookie that changes something must carry the header "${CSRF_HEADER}" (the dashboard sends it); API clients send "Authorization: Bearer <api key>"`);
      }
    }
    await next();
  };
}

/** Route middleware: the caller's key must carry `scope` (or `admin`). */
export function requireScope(scope: Scope): MiddlewareHandler {
  return async (c, next) => {
    const { scopes } = callerOf(c);
    if (!hasScope(scopes, scope)) {
      throw new ApiError('forbidden', `this endpoint needs an API key with scope "${scope}"; this key has: ${scopes.join(', ') || 'none'}`);
    }
    await next();
  };
}

/** The authenticated caller; a programming error if the route is not behind `authentication`. */
export function callerOf(c: Context): RequestAuth {
  const auth = c.get('auth');
  if (auth === undefined) throw new Error(`route ${c.req.path} is not behind the authentication middleware`);
  return auth;
}
