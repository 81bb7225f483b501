import { createRoute, z } from '@hono/zod-openapi';
import type { ModelRepository } from '../../store/models';
import type { RegistryRepository } from '../../store/registry';
import { callerOf, requireScope } from '../auth/middleware';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import type { RegistryChanges } from './changes';
import { modelOf } from './models.routes';
import { AliasParams, AliasSchema, ModelParams, ReasonSchema, SetAliasSchema } from './schemas';

const listAliases = createRoute({
  method: 'get',
  path: '/v1/models/{model}/aliases',
  tags: ['registry'],
  summary: 'Aliases of a model and the versions they point at',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: ModelParams },
  responses: { 200: jsonResponse(z.object({ aliases: z.array(AliasSchema) }), 'Aliases, by name'), ...commonErrors, ...notFoundError },
});

const setAlias = createRoute({
  method: 'put',
  path: '/v1/models/{model}/aliases/{alias}',
  tags: ['registry'],
  summary: 'Point an alias at a registered version (one atomic change)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: AliasParams, body: jsonBody(SetAliasSchema) },
  responses: {
    200: jsonResponse(AliasSchema.extend({ previousVersion: z.string().nullable().openapi({ description: 'Where the alias pointed before; null if it was not set' }) }), 'The alias now'),
    ...commonErrors,
    ...notFoundError,
  },
});

const deleteAlias = createRoute({
  method: 'delete',
  path: '/v1/models/{model}/aliases/{alias}',
  tags: ['registry'],
  summary: 'Remove an alias',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: AliasParams, query: z.object({ reason: ReasonSchema.optional() }) },
  responses: { 204: { description: 'Removed' }, ...commonErrors, ...notFoundError },
});

export interface AliasRoutesDeps {
  models: ModelRepository;
  registry: RegistryRepository;
  changes: RegistryChanges;
}

export function aliasRoutes({ models, registry, changes }: AliasRoutesDeps) {
  return createRouter()
    .openapi(listAliases, async (c) => {
      const { model } = c.req.valid('param');
      const found = await modelOf(models, c, model);
      return c.json({ aliases: await registry.listAliases(found.project, model) }, 200);
    })
    .openapi(setAlias, async (c) => {
      const caller = callerOf(c);
      const { model, alias } = c.req.valid('param');
      await modelOf(models, c, model);
      const body = c.req.valid('json');
      const result = await changes.setAlias(model, alias, body.version, { project: caller.project, keyId: caller.keyId, reason: body.reason ?? null });
      return c.json({ ...result.alias, previousVersion: result.previousVersion }, 200);
    })
    .openapi(deleteAlias, async (c) => {
      const caller = callerOf(c);
      const { model, alias } = c.req.valid('param');
      await modelOf(models, c, model);
      await changes.deleteAlias(model, alias, { project: caller.project, keyId: caller.keyId, reason: c.req.valid('query').reason ?? null });
      return c.body(null, 204);
    });
}
