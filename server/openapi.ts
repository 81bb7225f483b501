import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { TimestampInputSchema } from '../ingest/schemas';
import { ApiError, formatPath } from './errors';

/** The error shape of API.md, as documented in /openapi.json. */
export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_request' }),
      message: z.string(),
      details: z.array(z.object({ path: z.string().openapi({ example: 'predictions[3].features.age' }), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  })
  .openapi('Error');

export const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ErrorSchema } } });

/** The error responses every authenticated route can give; spread into a route's `responses`. */
export const commonErrors = {
  400: errorResponse('Invalid request: `details` names each wrong field'),
  401: errorResponse('No API key, or an unknown or revoked one'),
  403: errorResponse('The API key lacks the scope this endpoint needs'),
  // Node's HTTP parser answers before any route when the request line and headers pass its 16 KB limit.
  431: { description: 'The URL or headers are larger than 16 KB: refused by the HTTP server, without a body' },
  503: errorResponse('Storage unavailable; retry after `Retry-After` seconds'),
} as const;

export const notFoundError = { 404: errorResponse('Not found in the caller\'s project') } as const;
export const conflictError = { 409: errorResponse('Conflicts with what exists') } as const;

export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return { required: true, description, content: { 'application/json': { schema } } };
}

export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

/** The `{model}` path parameter every model route shares. */
export const ModelParams = z.object({ model: z.string().openapi({ param: { name: 'model', in: 'path' }, example: 'churn' }) });

/** Query-string time: RFC 3339 or epoch milliseconds given as digits; optional. */
export const TimeQuery = z
  .string()
  .transform((v, ctx) => {
    const parsed = TimestampInputSchema.safeParse(/^\d+$/.test(v) ? Number(v) : v);
    if (!parsed.success) {
      ctx.addIssue({ code: 'custom', message: 'expected an RFC 3339 timestamp or epoch milliseconds' });
      return z.NEVER;
    }
    return typeof parsed.data === 'number' ? parsed.data : Date.parse(parsed.data);
  })
  .optional();

/**
 * Every member of the string union `T`, as a list for `z.enum`, checked by the compiler both
 * ways: a value outside the union, or a member the list leaves out, fails the type check. For
 * the unions the code declares as types only (alert states, event kinds, window statuses).
 *
 * @example everyMemberOf<'a' | 'b'>()(['a', 'b']) // ['a', 'b']; (['a']) does not compile
 */
export const everyMemberOf =
  <T extends string>() =>
  <const L extends readonly [T, ...T[]]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): L =>
    list;

/** Bearer-key security requirement for a route's OpenAPI entry. */
export const bearerSecurity = [{ bearerAuth: [] }];

/**
 * A router whose request validation failures become API.md's 400, with one detail per
 * wrong field (`features[2].type: Invalid option: expected one of "numeric"|"categorical"`).
 */
export function createRouter(): OpenAPIHono {
  return new OpenAPIHono({
    defaultHook: (result) => {
      if (!result.success) {
        const details = result.error.issues.map((issue) => ({ path: formatPath(issue.path) || '(body)', message: issue.message }));
        const summary = details.map((d) => `${d.path}: ${d.message}`).slice(0, 3).join('; ');
        throw new ApiError('invalid_request', `invalid ${result.target}: ${summary}${details.length > 3 ? '; …' : ''}`, details);
      }
    },
  });
}
