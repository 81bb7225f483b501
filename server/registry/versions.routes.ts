import { createRoute, z } from '@hono/zod-openapi';
import type { BaselineRepository } from '../../store/baselines';
import type { ModelRepository } from '../../store/models';
import type { ModelVersionRecord, RegistryRepository } from '../../store/registry';
import { callerOf, requireScope } from '../auth/middleware';
import { bearerSecurity, commonErrors, conflictError, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import { versionNotFound, type RegistryChanges } from './changes';
import { modelOf } from './models.routes';
import { presentVersion } from './presenters';
import { ModelParams, RegisterVersionSchema, UpdateVersionSchema, VersionParams, VersionSchema } from './schemas';

const registerVersion = createRoute({
  method: 'post',
  path: '/v1/models/{model}/versions',
  tags: ['registry'],
  summary: 'Register a version (immutable once registered, tags aside)',
  description:
    'Answers 201 for a new version. Registering an existing version again with identical fields is a no-op answered 200 (safe for pipelines that retry); with different fields it is a 409 naming them.',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: ModelParams, body: jsonBody(RegisterVersionSchema) },
  responses: {
    201: jsonResponse(VersionSchema, 'Registered'),
    200: jsonResponse(VersionSchema, 'Already registered with exactly these fields; nothing changed'),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

const listVersions = createRoute({
  method: 'get',
  path: '/v1/models/{model}/versions',
  tags: ['registry'],
  summary: 'Versions of a model, oldest first, with baseline status',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: ModelParams },
  responses: { 200: jsonResponse(z.object({ versions: z.array(VersionSchema) }), 'Versions'), ...commonErrors, ...notFoundError },
});

const getVersion = createRoute({
  method: 'get',
  path: '/v1/models/{model}/versions/{version}',
  tags: ['registry'],
  summary: 'One version',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: VersionParams },
  responses: { 200: jsonResponse(VersionSchema, 'The version'), ...commonErrors, ...notFoundError },
});

const updateVersion = createRoute({
  method: 'patch',
  path: '/v1/models/{model}/versions/{version}',
  tags: ['registry'],
  summary: "Change a version's tags (replaced as a whole) or baselineFrom",
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: VersionParams, body: jsonBody(UpdateVersionSchema) },
  responses: { 200: jsonResponse(VersionSchema, 'The version after the change'), ...commonErrors, ...notFoundError },
});

export interface VersionRoutesDeps {
  models: ModelRepository;
  registry: RegistryRepository;
  baselines: BaselineRepository;
  changes: RegistryChanges;
}

export function versionRoutes({ models, registry, baselines, changes }: VersionRoutesDeps) {
  const withStatus = async (project: string, model: string, records: ModelVersionRecord[]) => {
    const statuses = await baselines.statuses(project, model, records.map((r) => r.version));
    return records.map((r) => presentVersion(r, statuses.get(r.version)));
  };
  const oneWithStatus = async (project: string, model: string, record: ModelVersionRecord) => {
    const statuses = await baselines.statuses(project, model, [record.version]);
    return presentVersion(record, statuses.get(record.version));
  };

  return createRouter()
    .openapi(registerVersion, async (c) => {
      const caller = callerOf(c);
      const { model } = c.req.valid('param');
      await modelOf(models, c, model);
      const { reason, ...body } = c.req.valid('json');
      const { created, version } = await changes.registerVersion(
        model,
        {
          version: body.version,
          artifactUri: body.artifactUri ?? null,
          endpoint: body.endpoint ?? null,
          metrics: body.metrics,
          params: body.params,
          datasetVersion: body.datasetVersion ?? null,
          gitCommit: body.gitCommit ?? null,
          tags: body.tags,
          baselineFrom: body.baselineFrom ?? null,
        },
        { project: caller.project, keyId: caller.keyId, reason: reason ?? null },
      );
      const shown = await oneWithStatus(caller.project, model, version);
      return created ? c.json(shown, 201) : c.json(shown, 200);
    })
    .openapi(listVersions, async (c) => {
      const { model } = c.req.valid('param');
      const found = await modelOf(models, c, model);
      return c.json({ versions: await withStatus(found.project, model, await registry.listVersions(found.project, model)) }, 200);
    })
    .openapi(getVersion, async (c) => {
      const { model, version } = c.req.valid('param');
      const found = await modelOf(models, c, model);
      const record = await registry.getVersion(found.project, model, version);
      if (record === undefined) throw versionNotFound(model, version);
      return c.json(await oneWithStatus(found.project, model, record), 200);
    })
    .openapi(updateVersion, async (c) => {
      const caller = callerOf(c);
      const { model, version } = c.req.valid('param');
      await modelOf(models, c, model);
      const { reason, ...change } = c.req.valid('json');
      const updated = await changes.updateVersion(model, version, change, { project: caller.project, keyId: caller.keyId, reason: reason ?? null });
      return c.json(await oneWithStatus(caller.project, model, updated), 200);
    });
}
