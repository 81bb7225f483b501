import { createRoute } from '@hono/zod-openapi';
import type { ModelRollback } from '../../alerts/channels/rollback/rollback';
import type { ModelRepository } from '../../store/models';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, conflictError, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import { modelOf } from '../registry/models.routes';
import { ModelParams, RollbackInputSchema, RollbackSchema } from './schemas';

const rollback = createRoute({
  method: 'post',
  path: '/v1/models/{model}/rollback',
  tags: ['alerts'],
  summary: 'Roll an alias (default `production`) back to the version it was moved forward from, with a reason',
  description:
    'The same action as a rollback channel, by hand: the alias moves through the registry with an audit entry carrying the reason. 409 when the alias is not set or has no previous version.',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: ModelParams, body: jsonBody(RollbackInputSchema) },
  responses: { 200: jsonResponse(RollbackSchema, 'Rolled back'), ...commonErrors, ...notFoundError, ...conflictError },
});

export function rollbackRoutes({ models, rollbacks }: { models: ModelRepository; rollbacks: ModelRollback }) {
  return createRouter().openapi(rollback, async (c) => {
    const caller = callerOf(c);
    const model = await modelOf(models, c, c.req.valid('param').model);
    const body = c.req.valid('json');
    const result = await rollbacks.rollBack({ project: caller.project, model: model.name, alias: body.alias, reason: body.reason, keyId: caller.keyId, channelId: '', fingerprints: [] });
    if (result.kind === 'refused') throw new ApiError('conflict', result.reason);
    return c.json({ alias: result.alias, fromVersion: result.fromVersion, toVersion: result.toVersion, at: new Date(result.at).toISOString() }, 200);
  });
}
