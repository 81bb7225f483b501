import { createRoute, z } from '@hono/zod-openapi';
import type { ApiKeyRepository } from '../../store/apiKeys';
import type { ProjectRepository } from '../../store/projects';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import { generateApiKey, generateKeyId } from './apiKey';
import { callerOf, requireScope, type KeyAuthenticator } from './middleware';
import { SCOPES } from './scopes';

export const ProjectNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected 1-128 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .openapi({ example: 'team-a' });

const CreateKeySchema = z
  .object({
    scopes: z.array(z.enum(SCOPES)).min(1, 'expected at least one scope').openapi({ example: ['ingest'] }),
    project: ProjectNameSchema.optional().openapi({ description: "The key's project; default: the caller's. Naming a new project creates it." }),
    name: z.string().max(200).optional().openapi({ example: 'fraud-model ingest' }),
  })
  .openapi('CreateApiKey');

const ApiKeySchema = z
  .object({
    id: z.string(),
    project: z.string(),
    name: z.string(),
    scopes: z.array(z.enum(SCOPES)),
    keyPrefix: z.string().openapi({ description: 'The first characters of the key, to recognise it' }),
    createdAt: z.string(),
    createdBy: z.string(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiKey');

const CreatedKeySchema = ApiKeySchema.extend({ key: z.string().openapi({ description: 'The key itself, shown only in this response' }) }).openapi('CreatedApiKey');

const admin = [requireScope('admin')];

const createKey = createRoute({
  method: 'post',
  path: '/v1/keys',
  tags: ['keys'],
  summary: 'Create an API key (shown once)',
  security: bearerSecurity,
  middleware: admin,
  request: { body: jsonBody(CreateKeySchema) },
  responses: { 201: jsonResponse(CreatedKeySchema, 'The new key; store it now, it is not shown again'), ...commonErrors },
});

const listKeys = createRoute({
  method: 'get',
  path: '/v1/keys',
  tags: ['keys'],
  summary: "List the project's API keys (without the keys themselves)",
  security: bearerSecurity,
  middleware: admin,
  responses: { 200: jsonResponse(z.object({ keys: z.array(ApiKeySchema) }), 'Keys of the caller\'s project'), ...commonErrors },
});

const revokeKey = createRoute({
  method: 'delete',
  path: '/v1/keys/{id}',
  tags: ['keys'],
  summary: 'Revoke an API key',
  security: bearerSecurity,
  middleware: admin,
  request: { params: z.object({ id: z.string() }) },
  responses: { 204: { description: 'Revoked' }, ...commonErrors, ...notFoundError },
});

export interface KeyRoutesDeps {
  keys: ApiKeyRepository;
  projects: ProjectRepository;
  authenticator: KeyAuthenticator;
  now: () => number;
}

export function keyRoutes({ keys, projects, authenticator, now }: KeyRoutesDeps) {
  return createRouter()
    .openapi(createKey, async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      const project = body.project ?? caller.project;
      if (project !== caller.project) {
        // A key may open a new project, but never reach into one that exists: keys of one
        // project must not see another's data.
        const created = await projects.ensure(project, now());
        if (!created) {
          throw new ApiError('forbidden', `project "${project}" exists and is not this key's project ("${caller.project}"); ask one of its admins for a key`);
        }
      }
      const generated = generateApiKey();
      const record = await keys.put(
        { id: generateKeyId(), project, name: body.name ?? '', scopes: [...new Set(body.scopes)], keyHash: generated.keyHash, keyPrefix: generated.keyPrefix, createdBy: caller.keyId },
        now(),
      );
      return c.json({ ...record, key: generated.key }, 201);
    })
    .openapi(listKeys, async (c) => {
      return c.json({ keys: await keys.list(callerOf(c).project) }, 200);
    })
    .openapi(revokeKey, async (c) => {
      const { id } = c.req.valid('param');
      if (!(await keys.revoke(callerOf(c).project, id, now()))) throw new ApiError('not_found', `no active API key "${id}" in this project`);
      authenticator.forget();
      return c.body(null, 204);
    });
}
