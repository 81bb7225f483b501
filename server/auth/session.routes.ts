import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse } from '../openapi';
import { callerOf, SESSION_COOKIE, type KeyAuthenticator } from './middleware';
import { SCOPES } from './scopes';

/** A dashboard session lasts a working day; the key's revocation ends it sooner. */
const SESSION_MAX_AGE_S = 12 * 3600;

/** Answered to POST /v1/session unauthenticated, so it is not behind the authentication middleware. */
export const SESSION_PATH = '/v1/session';

const CallerSchema = z
  .object({
    keyId: z.string(),
    project: z.string(),
    scopes: z.array(z.enum(SCOPES)).openapi({ example: ['read'] }),
  })
  .openapi('Caller');

const SignInSchema = z.object({ key: z.string().min(1, 'expected an API key').openapi({ example: 'vgl_…' }) }).openapi('SignIn');

const signIn = createRoute({
  method: 'post',
  path: SESSION_PATH,
  tags: ['keys'],
  summary: 'Sign in to the dashboard: exchange an API key for an httpOnly session cookie',
  description: `Sets the cookie \`${SESSION_COOKIE}\` (httpOnly, SameSite=Strict, Secure over HTTPS, ${SESSION_MAX_AGE_S / 3600} h). Requests carrying it need no Authorization header; those that change something must also send the header \`x-vigil-csrf\`.`,
  request: { body: jsonBody(SignInSchema) },
  responses: { 200: jsonResponse(CallerSchema, 'Signed in: the key\'s project and scopes'), ...commonErrors },
});

const whoAmI = createRoute({
  method: 'get',
  path: SESSION_PATH,
  tags: ['keys'],
  summary: 'The caller: project and scopes of the key (of the session cookie or the Authorization header)',
  security: bearerSecurity,
  responses: { 200: jsonResponse(CallerSchema, 'The caller'), ...commonErrors },
});

const signOut = createRoute({
  method: 'delete',
  path: SESSION_PATH,
  tags: ['keys'],
  summary: 'Sign out of the dashboard: clears the session cookie (the key itself stays valid)',
  responses: { 204: { description: 'Signed out' } },
});

const secure = (c: Context) => new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

export function sessionRoutes({ authenticator }: { authenticator: KeyAuthenticator }) {
  return createRouter()
    .openapi(signIn, async (c) => {
      const { key } = c.req.valid('json');
      const caller = await authenticator.verify(key.trim());
      setCookie(c, SESSION_COOKIE, key.trim(), { httpOnly: true, sameSite: 'Strict', secure: secure(c), path: '/', maxAge: SESSION_MAX_AGE_S });
      c.header('Cache-Control', 'no-store');
      return c.json({ keyId: caller.keyId, project: caller.project, scopes: caller.scopes }, 200);
    })
    .openapi(whoAmI, (c) => {
      const caller = callerOf(c);
      return c.json({ keyId: caller.keyId, project: caller.project, scopes: caller.scopes }, 200);
    })
    .openapi(signOut, (c) => {
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c) });
      return c.body(null, 204);
    });
}
