import { createRoute, z } from '@hono/zod-openapi';
import type { ModelRecord, ModelRepository } from '../../store/models';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, conflictError, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';

const NameSchema = z
  .string()
  .min(1, 'expected a non-empty name')
  .max(256, 'expected at most 256 characters');

const FeatureSchema = z
  .object({
    name: NameSchema.openapi({ example: 'age' }),
    type: z.enum(['numeric', 'categorical']),
  })
  .openapi('Feature');

const ModelSettingsSchema = z
  .object({
    allowUnknownFeatures: z.boolean().default(false).openapi({ description: 'Accept and ignore features the model does not declare, instead of rejecting the item' }),
  })
  .openapi('ModelSettings');

const TaskSchema = z.enum(['binary_classification', 'multiclass_classification', 'regression']);

const CreateModelSchema = z
  .object({
    name: NameSchema.openapi({ example: 'fraud-detector' }),
    task: TaskSchema,
    features: z
      .array(FeatureSchema)
      .max(10_000)
      .default([])
      .superRefine((features, ctx) => {
        const seen = new Set<string>();
        features.forEach((feature, index) => {
          if (seen.has(feature.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `duplicate feature name ${JSON.stringify(feature.name)}` });
          seen.add(feature.name);
        });
      }),
    description: z.string().max(10_000).default(''),
    owner: z.string().max(256).default(''),
    tags: z.record(z.string().max(256), z.string().max(1024)).default({}).openapi({ example: { team: 'risk' } }),
    settings: ModelSettingsSchema.default({ allowUnknownFeatures: false }),
  })
  .openapi('CreateModel');

const ModelSchema = z
  .object({
    name: z.string(),
    task: TaskSchema,
    features: z.array(FeatureSchema),
    description: z.string(),
    owner: z.string(),
    tags: z.record(z.string(), z.string()),
    settings: ModelSettingsSchema,
    createdAt: z.string(),
    createdBy: z.string().openapi({ description: 'Id of the API key that created the model' }),
    updatedAt: z.string(),
  })
  .openapi('Model');

const ModelParams = z.object({ model: z.string().openapi({ param: { name: 'model', in: 'path' }, example: 'fraud-detector' }) });

const createModel = createRoute({
  method: 'post',
  path: '/v1/models',
  tags: ['models'],
  summary: 'Create a model: task and typed features',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { body: jsonBody(CreateModelSchema) },
  responses: { 201: jsonResponse(ModelSchema, 'The created model'), ...commonErrors, ...conflictError },
});

const listModels = createRoute({
  method: 'get',
  path: '/v1/models',
  tags: ['models'],
  summary: "List the project's models",
  security: bearerSecurity,
  middleware: [requireScope('read')],
  responses: { 200: jsonResponse(z.object({ models: z.array(ModelSchema) }), 'Models, by name'), ...commonErrors },
});

const getModel = createRoute({
  method: 'get',
  path: '/v1/models/{model}',
  tags: ['models'],
  summary: 'One model',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: ModelParams },
  responses: { 200: jsonResponse(ModelSchema, 'The model'), ...commonErrors, ...notFoundError },
});

/** A model as the API shows it: the project is implied by the key. */
function present(model: ModelRecord) {
  const { project: _project, ...shown } = model;
  return shown;
}

export function modelRoutes({ models, now }: { models: ModelRepository; now: () => number }) {
  return createRouter()
    .openapi(createModel, async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      const created = await models.create({ project: caller.project, createdBy: caller.keyId, ...body }, now());
      if (created === undefined) throw new ApiError('conflict', `model ${JSON.stringify(body.name)} already exists`);
      return c.json(present(created), 201);
    })
    .openapi(listModels, async (c) => {
      const list = await models.list(callerOf(c).project);
      return c.json({ models: list.map(present) }, 200);
    })
    .openapi(getModel, async (c) => {
      const { model } = c.req.valid('param');
      const found = await models.get(callerOf(c).project, model);
      if (found === undefined) throw new ApiError('not_found', `model ${JSON.stringify(model)} not found`);
      return c.json(present(found), 200);
    });
}
