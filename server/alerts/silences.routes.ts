import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { matcherProblem } from '../../alerts/silences/silences';
import type { SilenceRepository, StoredSilence } from '../../store/alertsSilences';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import { IdParams, SilenceInputSchema, SilenceSchema } from './schemas';

function presentSilence(s: StoredSilence, now: number) {
  return {
    id: s.id,
    matchers: s.matchers,
    startsAt: new Date(s.startsAt).toISOString(),
    endsAt: new Date(s.endsAt).toISOString(),
    createdBy: s.createdBy,
    comment: s.comment,
    state: now < s.startsAt ? ('pending' as const) : now < s.endsAt ? ('active' as const) : ('expired' as const),
  };
}

const tags = ['alerts'];

const create = createRoute({
  method: 'post',
  path: '/v1/silences',
  tags,
  summary: 'Silence alerts by label matchers for a time range (Alertmanager\'s matchers: `=`, `!=`, `=~`, `!~`)',
  description: 'A silenced alert still changes state and is recorded; it is not notified. When a silence ends over alerts still firing, their channels are told.',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { body: jsonBody(SilenceInputSchema) },
  responses: { 201: jsonResponse(SilenceSchema, 'Created'), ...commonErrors },
});

const list = createRoute({
  method: 'get',
  path: '/v1/silences',
  tags,
  summary: 'Silences: pending and active ones, and with `expired=true` those ended in the last 7 days',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { query: z.object({ expired: z.enum(['true', 'false']).optional() }) },
  responses: { 200: jsonResponse(z.object({ silences: z.array(SilenceSchema) }), 'Silences, newest first'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/v1/silences/{id}',
  tags,
  summary: 'One silence',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: IdParams },
  responses: { 200: jsonResponse(SilenceSchema, 'The silence'), ...commonErrors, ...notFoundError },
});

const expire = createRoute({
  method: 'delete',
  path: '/v1/silences/{id}',
  tags,
  summary: 'End a silence now (it stays listed as expired)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: IdParams },
  responses: { 204: { description: 'Expired' }, ...commonErrors, ...notFoundError },
});

const toMs = (t: string | number | undefined) => (t === undefined ? undefined : typeof t === 'number' ? t : Date.parse(t));

export function silenceRoutes({ silences, now }: { silences: SilenceRepository; now: () => number }) {
  const found = async (project: string, id: string) => {
    const silence = await silences.get(project, id);
    if (silence === undefined) throw new ApiError('not_found', `silence ${JSON.stringify(id)} not found`);
    return silence;
  };
  return createRouter()
    .openapi(create, async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      const problems = body.matchers.flatMap((m, i) => {
        const problem = matcherProblem(m);
        return problem === null ? [] : [{ path: `matchers[${i}].${m.name === '' ? 'name' : 'value'}`, message: problem }];
      });
      const at = now();
      const startsAt = toMs(body.startsAt) ?? at;
      const endsAt = toMs(body.endsAt) ?? (body.durationMs === undefined ? undefined : startsAt + body.durationMs);
      if (endsAt === undefined) problems.push({ path: 'endsAt', message: 'give endsAt or durationMs' });
      else if (endsAt <= startsAt) problems.push({ path: 'endsAt', message: 'must be after startsAt' });
      else if (endsAt <= at) problems.push({ path: 'endsAt', message: 'must be in the future' });
      if (problems.length > 0 || endsAt === undefined) throw new ApiError('invalid_request', problems.map((p) => `${p.path}: ${p.message}`).join('; '), problems);
      const silence: StoredSilence = { id: `sil_${randomBytes(8).toString('hex')}`, matchers: body.matchers, startsAt, endsAt, createdBy: caller.keyId, comment: body.comment, expiryNoticed: false, createdAt: at };
      await silences.put(caller.project, silence, at);
      return c.json(presentSilence(silence, at), 201);
    })
    .openapi(list, async (c) => {
      const at = now();
      const since = c.req.valid('query').expired === 'true' ? at - 7 * 86_400_000 : at;
      return c.json({ silences: (await silences.list(callerOf(c).project, since)).map((s) => presentSilence(s, at)) }, 200);
    })
    .openapi(get, async (c) => c.json(presentSilence(await found(callerOf(c).project, c.req.valid('param').id), now()), 200))
    .openapi(expire, async (c) => {
      const caller = callerOf(c);
      const silence = await found(caller.project, c.req.valid('param').id);
      const at = now();
      if (silence.endsAt > at) await silences.put(caller.project, { ...silence, endsAt: Math.max(at, silence.startsAt) }, at);
      return c.body(null, 204);
    });
}
