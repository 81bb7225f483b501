import type { ModelHealthRepository} from '../../store/modelHealth';
import { NO_HEALTH } from '../../store/modelHealth';
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { BaselineRepository } from '../../store/baselines';
import type { ModelRecord, ModelRepository } from '../../store/models';
import type { TelemetryRepository } from '../../store/telemetry';
import type { RegistryRepository } from '../../store/registry';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { WindowStatusSchema } from '../monitoring/schemas';
import { bearerSecurity, commonErrors, conflictError, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import type { RegistryChanges } from './changes';
import { presentVersion } from './presenters';
import { AliasSchema, ModelParams, TagsSchema, VersionSchema } from './schemas';

/**
 * Model and feature names are free text, but they travel in URL paths (`/v1/models/{model}`,
 * `.../features/{feature}/histogram`), where "." and ".." are path segments that URL parsers
 * remove, even percent-encoded: a model or feature so named could never be read again.
 */
const NameSchema = z
  .string()
  .min(1, 'expected a non-empty name')
  .max(256, 'expected at most 256 characters')
  .refine((name) => name !== '.' && name !== '..', 'expected a name other than "." and "..", which cannot be written in a URL path');

const FeatureSchema = z
  .object({
    name: NameSchema.openapi({ example: 'age' }),
    type: z.enum(['numeric', 'categorical']),
  })
  .openapi('Feature');

const ModelSettingsSchema = z
  .object({
    allowUnknownFeatures: z.boolean().default(false).openapi({ description: 'Accept and ignore features the model does not declare, instead of rejecting the item (or the baseline column)' }),
    windowSize: z.string().regex(/^[1-9]\d{0,4}[mhd]$/, 'expected a window size such as "15m", "1h" or "1d"').default('1h').openapi({ description: 'Detector window: tumbling, aligned to the epoch in UTC' }),
    allowedLatenessMs: z.number().int().min(0).max(30 * 86_400_000).default(300_000).openapi({ description: 'A window is evaluated once its end plus this much has passed; later data re-evaluates it' }),
    minSamples: z.number().int().min(1).default(100).openapi({ description: 'Windows with fewer current values get insufficient_data' }),
    psiDrift: z.number().positive().default(0.2),
    psiModerate: z.number().positive().default(0.1),
    adjustedPValue: z.number().gt(0).lt(1).default(0.05),
    wassersteinNormedMin: z.number().min(0).default(0.1),
    jsDistanceMin: z.number().min(0).max(1).default(0.1),
    positiveClass: z.string().nullable().default(null).openapi({ description: 'Positive class of a binary classifier; default "1" (also 1 and "true")' }),
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
    tags: TagsSchema.default({}).openapi({ example: { team: 'risk' } }),
    settings: ModelSettingsSchema.prefault({}),
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

const ModelSummarySchema = ModelSchema.extend({
  summary: z.object({
    versionCount: z.number(),
    latestVersion: z.string().nullable().openapi({ description: 'The most recently registered version' }),
    aliases: z.record(z.string(), z.string()).openapi({ description: 'Alias → version', example: { production: '3', canary: '4' } }),
    health: z
      .object({
        latestWindow: z.object({ start: z.string(), end: z.string(), status: WindowStatusSchema }).nullable().openapi({ description: 'The newest evaluated window, any version' }),
        driftedFeatures: z.array(z.string()).openapi({ description: 'Verdict `drift` in the newest window (`__prediction`: the model output)' }),
        moderateFeatures: z.array(z.string()),
        firingAlerts: z.number().int(),
        pendingAlerts: z.number().int(),
        predictions24h: z.number().int(),
        lastPredictionAt: z.string().nullable(),
      })
      .openapi({ description: 'The model at a glance: latest drift verdicts, open alerts, traffic' }),
  }),
}).openapi('ModelSummary');

const SeenVersionSchema = z
  .object({
    version: z.string().openapi({ description: 'Empty when predictions named no version and no production alias existed' }),
    registered: z.boolean(),
    predictions: z.number().int(),
    firstSeen: z.string(),
    lastSeen: z.string(),
  })
  .openapi('SeenVersion');

const ModelDetailSchema = ModelSchema.extend({
  versions: z.array(VersionSchema).openapi({ description: 'Registered versions, oldest first, each with its baseline status' }),
  aliases: z.array(AliasSchema),
  seenVersions: z.array(SeenVersionSchema).openapi({ description: 'Versions predictions were logged under, registered or not, by first prediction time' }),
}).openapi('ModelDetail');

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
  summary: "List the project's models with a registry and health summary",
  security: bearerSecurity,
  middleware: [requireScope('read')],
  responses: { 200: jsonResponse(z.object({ models: z.array(ModelSummarySchema) }), 'Models, by name'), ...commonErrors },
});

const getModel = createRoute({
  method: 'get',
  path: '/v1/models/{model}',
  tags: ['models'],
  summary: 'One model with its versions, aliases and baseline status',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: ModelParams },
  responses: { 200: jsonResponse(ModelDetailSchema, 'The model'), ...commonErrors, ...notFoundError },
});

/** A model as the API shows it: the project is implied by the key. */
export function presentModel(model: ModelRecord) {
  const { project: _project, ...shown } = model;
  return shown;
}

/** The caller's model of that name, or 404: keys of another project never see it. */
export async function modelOf(models: ModelRepository, c: Context, name: string): Promise<ModelRecord> {
  const found = await models.get(callerOf(c).project, name);
  if (found === undefined) throw new ApiError('not_found', `model ${JSON.stringify(name)} not found`);
  return found;
}

export interface ModelRoutesDeps {
  models: ModelRepository;
  telemetry: TelemetryRepository;
  registry: RegistryRepository;
  baselines: BaselineRepository;
  changes: RegistryChanges;
  modelHealth: ModelHealthRepository;
  now: () => number;
}

export function modelRoutes({ models, telemetry, registry, baselines, changes, modelHealth, now }: ModelRoutesDeps) {
  return createRouter()
    .openapi(createModel, async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      const created = await models.create({ project: caller.project, createdBy: caller.keyId, ...body }, now());
      if (created === undefined) throw new ApiError('conflict', `model ${JSON.stringify(body.name)} already exists`);
      await changes.modelCreated(presentModel(created), { project: caller.project, keyId: caller.keyId, reason: null });
      return c.json(presentModel(created), 201);
    })
    .openapi(listModels, async (c) => {
      const project = callerOf(c).project;
      const [list, summaries, health] = await Promise.all([models.list(project), registry.summaries(project), modelHealth.health(project, now())]);
      return c.json(
        {
          models: list.map((m) => ({
            ...presentModel(m),
            summary: { ...(summaries.get(m.name) ?? { versionCount: 0, latestVersion: null, aliases: {} }), health: health.get(m.name) ?? NO_HEALTH },
          })),
        },
        200,
      );
    })
    .openapi(getModel, async (c) => {
      const { model } = c.req.valid('param');
      const found = await modelOf(models, c, model);
      const [versions, aliases, seen] = await Promise.all([
        registry.listVersions(found.project, model),
        registry.listAliases(found.project, model),
        telemetry.versionsSeen(found.project, model),
      ]);
      const statuses = await baselines.statuses(found.project, model, versions.map((v) => v.version));
      const registered = new Set(versions.map((v) => v.version));
      return c.json(
        {
          ...presentModel(found),
          versions: versions.map((v) => presentVersion(v, statuses.get(v.version))),
          aliases,
          seenVersions: seen.map((v) => ({ ...v, registered: registered.has(v.version) })),
        },
        200,
      );
    });
}
