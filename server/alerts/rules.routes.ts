import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import type { AlertRule } from '../../alerts/rules/rule';
import type { ChannelRepository } from '../../store/alertsChannels';
import type { RuleRepository, StoredRule } from '../../store/alertsRules';
import type { ModelRepository } from '../../store/models';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import { IdParams, RuleInputSchema, RuleSchema } from './schemas';

export function presentRule(rule: StoredRule) {
  const { isDefault, ...shown } = rule;
  return { ...shown, default: isDefault };
}

const tags = ['alerts'];

const list = createRoute({
  method: 'get',
  path: '/v1/alert-rules',
  tags,
  summary: 'Alert rules, the default rules of every model with a baseline included',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { query: z.object({ model: z.string().optional().openapi({ description: 'Rules that apply to this model (its own and `*`)' }) }) },
  responses: { 200: jsonResponse(z.object({ rules: z.array(RuleSchema) }), 'Rules'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/v1/alert-rules/{id}',
  tags,
  summary: 'One rule',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: IdParams },
  responses: { 200: jsonResponse(RuleSchema, 'The rule'), ...commonErrors, ...notFoundError },
});

const create = createRoute({
  method: 'post',
  path: '/v1/alert-rules',
  tags,
  summary: 'Create a rule: metric op threshold for forWindows windows, per model (or `*`) and feature (or `*`)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { body: jsonBody(RuleInputSchema) },
  responses: { 201: jsonResponse(RuleSchema, 'Created'), ...commonErrors },
});

const replace = createRoute({
  method: 'put',
  path: '/v1/alert-rules/{id}',
  tags,
  summary: 'Replace a rule (default rules too)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: IdParams, body: jsonBody(RuleInputSchema) },
  responses: { 200: jsonResponse(RuleSchema, 'The rule now'), ...commonErrors, ...notFoundError },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/alert-rules/{id}',
  tags,
  summary: 'Delete a rule (a deleted default rule is not written again)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFoundError },
});

export function ruleRoutes({ rules, channels, models, now }: { rules: RuleRepository; channels: ChannelRepository; models: ModelRepository; now: () => number }) {
  const found = async (project: string, id: string) => {
    const rule = await rules.get(project, id);
    if (rule === undefined) throw new ApiError('not_found', `alert rule ${JSON.stringify(id)} not found`);
    return rule;
  };
  /** The rule's references must exist in the caller's project. */
  const check = async (project: string, input: { model: string; channels: string[] }) => {
    if (input.model !== '*' && (await models.get(project, input.model)) === undefined) {
      throw new ApiError('invalid_request', `model: ${JSON.stringify(input.model)} does not exist; create it first or use "*"`, [{ path: 'model', message: 'unknown model' }]);
    }
    const known = new Set((await channels.list(project)).map((ch) => ch.id));
    const unknown = input.channels.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new ApiError(
        'invalid_request',
        `channels: unknown channel ${unknown.map((id) => JSON.stringify(id)).join(', ')}; create channels with POST /v1/channels`,
        unknown.map((id) => ({ path: `channels[${input.channels.indexOf(id)}]`, message: 'unknown channel' })),
      );
    }
  };
  return createRouter()
    .openapi(list, async (c) => {
      const { project } = callerOf(c);
      await rules.ensureDefaults(project, now());
      return c.json({ rules: (await rules.list(project, c.req.valid('query').model)).map(presentRule) }, 200);
    })
    .openapi(get, async (c) => c.json(presentRule(await found(callerOf(c).project, c.req.valid('param').id)), 200))
    .openapi(create, async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      await check(caller.project, body);
      const rule: AlertRule = { ...body, id: `rule_${randomBytes(8).toString('hex')}`, isDefault: false };
      return c.json(presentRule(await rules.put(caller.project, rule, caller.keyId, now())), 201);
    })
    .openapi(replace, async (c) => {
      const caller = callerOf(c);
      const existing = await found(caller.project, c.req.valid('param').id);
      const body = c.req.valid('json');
      await check(caller.project, body);
      const rule: AlertRule = { ...body, id: existing.id, isDefault: existing.isDefault };
      return c.json(presentRule(await rules.put(caller.project, rule, caller.keyId, now(), Date.parse(existing.createdAt))), 200);
    })
    .openapi(remove, async (c) => {
      const caller = callerOf(c);
      await rules.delete(caller.project, await found(caller.project, c.req.valid('param').id), caller.keyId, now());
      return c.body(null, 204);
    });
}
