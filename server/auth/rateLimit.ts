import type { MiddlewareHandler } from 'hono';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiError } from '../errors';
import { callerOf } from './middleware';

/** Requests are counted over windows of this length, so a batch client's bursts average out. */
const WINDOW_SECONDS = 10;

/**
 * Per-key request limits (VIGIL_RATE_LIMIT_PER_KEY, requests per second averaged over
 * 10-second windows): one noisy key gets 429 with `Retry-After` while the others go on. Counted
 * in this process: N instances behind a balancer allow up to N times the rate. Runs after
 * authentication; undefined when the limit is off.
 */
export function perKeyRateLimit(perSecond: number): MiddlewareHandler | undefined {
  if (perSecond <= 0) return undefined;
  const limiter = new RateLimiterMemory({ points: Math.max(1, Math.round(perSecond * WINDOW_SECONDS)), duration: WINDOW_SECONDS });
  return async (c, next) => {
    try {
      await limiter.consume(callerOf(c).keyId);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new ApiError('rate_limited', `this API key sent more than ${perSecond} requests per second (over ${WINDOW_SECONDS} s); retry after ${seconds} s`, undefined, { 'Retry-After': String(seconds) });
    }
    await next();
  };
}
