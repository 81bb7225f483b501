import type { Context, MiddlewareHandler } from 'hono';
import type { ApiKeyRepository } from '../../store/apiKeys';
import type { RequestAuth } from '../context';
import { ApiError } from '../errors';
import { hashApiKey } from './apiKey';
import { SCOPES, hasScope, type Scope } from './scopes';

/** How long a looked-up key is trusted before it is read again (bounds revocation delay across replicas). */
const KEY_CACHE_TTL_MS = 10_000;
const KEY_CACHE_MAX_ENTRIES = 10_000;

export interface KeyAuthenticator {
  /** The caller of a request, or an `ApiError` 401. */
  authenticate(authorization: string | undefined): Promise<RequestAuth>;
  /** Drops cached keys, e.g. after a revocation, so it takes effect at once in this process. */
  forget(): void;
}

export function keyAuthenticator(keys: ApiKeyRepository, now: () => number = Date.now): KeyAuthenticator {
  const cache = new Map<string, { auth: RequestAuth; expiresAt: number }>();
  return {
    async authenticate(authorization) {
      const match = authorization === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1]) {
        throw new ApiError('unauthorized', 'missing API key: send the header "Authorization: Bearer <api key>"');
      }
      const keyHash = hashApiKey(match[1]);
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
}

/** Authenticates every request it guards and puts the caller on the context as `auth`. */
export function authentication(authenticator: KeyAuthenticator): MiddlewareHandler {
  return async (c, next) => {
    c.set('auth', await authenticator.authenticate(c.req.header('authorization')));
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
