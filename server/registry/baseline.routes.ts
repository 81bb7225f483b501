import { createRoute, z } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { LABEL_FEATURE, PREDICTION_FEATURE, type BaselineRepository } from '../../store/baselines';
import type { ModelRecord, ModelRepository } from '../../store/models';
import type { RegistryRepository } from '../../store/registry';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, createRouter, jsonResponse, notFoundError } from '../openapi';
import { BaselineInputError, baselineRows, type BaselineFilePlan, type BaselineFormat } from './baselineRows';
import { versionNotFound, type RegistryChanges } from './changes';
import { modelOf } from './models.routes';
import { presentBaseline } from './presenters';
import { BaselineSchema, ReasonSchema, VersionParams } from './schemas';

/** Content types of baseline uploads and how each is read. */
const FORMATS: Record<string, BaselineFormat> = {
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/jsonl': 'ndjson',
  'application/jsonlines': 'ndjson',
  'application/x-jsonlines': 'ndjson',
};

const uploadBaseline = createRoute({
  method: 'post',
  path: '/v1/models/{model}/versions/{version}/baseline',
  tags: ['registry'],
  summary: "Upload a version's training baseline (CSV or NDJSON, streamed, any size)",
  description: [
    'Columns: every feature of the model (all required), plus optional `prediction` and `label`. CSV has a header line; an empty cell (or `NaN`, `NA`) is a missing value.',
    'NDJSON has one object per line; `null` or an absent key is missing. Numeric features take numbers; categorical ones strings (classifiers\' `prediction` / `label` may also be numbers or booleans).',
    'The file is streamed into storage as it arrives. A wrong type, unknown column, missing feature column, truncated line or empty file is a 400 naming the row and column, and nothing of that upload is kept.',
    'Only a complete upload replaces the version\'s baseline, in one step: readers see the old baseline or the new one. Answers with the profile computed from the stored rows.',
  ].join('\n\n'),
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: {
    params: VersionParams,
    query: z.object({ reason: ReasonSchema.optional() }),
    body: {
      required: true,
      content: {
        'text/csv': { schema: z.string().openapi({ example: 'age,plan,prediction,label\n41,basic,1,0\n' }) },
        'application/x-ndjson': { schema: z.string().openapi({ example: '{"age": 41, "plan": "basic", "prediction": 1, "label": 0}\n' }) },
      },
    },
  },
  responses: {
    201: jsonResponse(BaselineSchema, 'Stored; the version now uses this baseline'),
    ...commonErrors,
    ...notFoundError,
    415: jsonResponse(z.object({ error: z.object({ code: z.string(), message: z.string() }) }), 'Not CSV or NDJSON, or compressed'),
  },
});

const getBaseline = createRoute({
  method: 'get',
  path: '/v1/models/{model}/versions/{version}/baseline',
  tags: ['registry'],
  summary: "A version's baseline and profile: its own, or the one named by baselineFrom",
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: VersionParams },
  responses: { 200: jsonResponse(BaselineSchema, 'The baseline the version is judged against'), ...commonErrors, ...notFoundError },
});

/**
 * The columns a model's baseline file may have: its features as declared, then the model's
 * output and ground truth, numeric for regression and categorical (class labels) otherwise.
 */
export function baselinePlan(model: ModelRecord): BaselineFilePlan {
  const outputKind: 'numeric' | 'categorical' = model.task === 'regression' ? 'numeric' : 'categorical';
  const features = model.features.map((f) => ({ input: f.name, feature: f.name, kind: f.type, required: true }));
  const declared = new Set(model.features.map((f) => f.name));
  // A feature literally named `prediction` or `label` keeps its name; the output column then
  // cannot be given under that name.
  const outputs = [
    { input: 'prediction', feature: PREDICTION_FEATURE },
    { input: 'label', feature: LABEL_FEATURE },
  ]
    .filter((o) => !declared.has(o.input))
    .map((o) => ({ ...o, kind: outputKind, required: false, scalarsAsCategories: true }));
  return { columns: [...features, ...outputs], ignoreUnknownColumns: model.settings.allowUnknownFeatures };
}

/**
 * Uploads are read as sent: a compressed body would otherwise be parsed as text and refused
 * for what its bytes look like (not UTF-8, unknown columns) rather than for its encoding.
 */
function checkUncompressed(contentEncoding: string | undefined): void {
  const coding = (contentEncoding ?? '').trim().toLowerCase();
  if (coding !== '' && coding !== 'identity') {
    throw new ApiError('unsupported_media_type', `unsupported Content-Encoding ${JSON.stringify(contentEncoding)}; send the baseline uncompressed (it is streamed, so any size is fine)`);
  }
}

function formatOf(contentType: string | undefined): BaselineFormat {
  const essence = (contentType ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
  const format = FORMATS[essence];
  if (format === undefined) {
    throw new ApiError('unsupported_media_type', `unsupported Content-Type ${JSON.stringify(contentType ?? '')}; send the baseline as text/csv or application/x-ndjson`);
  }
  return format;
}

export interface BaselineRoutesDeps {
  models: ModelRepository;
  registry: RegistryRepository;
  baselines: BaselineRepository;
  changes: RegistryChanges;
  now: () => number;
  logger: Logger;
}

export function baselineRoutes({ models, registry, baselines, changes, now, logger }: BaselineRoutesDeps) {
  return createRouter()
    .openapi(uploadBaseline, async (c) => {
      const caller = callerOf(c);
      const { model, version } = c.req.valid('param');
      const format = formatOf(c.req.header('content-type'));
      checkUncompressed(c.req.header('content-encoding'));
      const found = await modelOf(models, c, model);
      if ((await registry.getVersion(found.project, model, version)) === undefined) throw versionNotFound(model, version);
      const body = c.req.raw.body;
      if (body === null) throw new ApiError('invalid_request', 'the file is empty; send the baseline rows as the request body', [{ path: 'file', message: 'empty' }]);

      const plan = baselinePlan(found);
      const present = new Set<string>();
      let upload;
      try {
        upload = await baselines.write(
          {
            project: found.project,
            model,
            version,
            format,
            columns: plan.columns,
            profiledColumns: () => plan.columns.filter((column) => column.required || present.has(column.input)),
            rows: baselineRows(body, format, plan, present),
            uploadedBy: caller.keyId,
            now,
          },
          (error) => logger.warn({ err: error, model, version }, 'could not delete the rows of a failed baseline upload; no baseline points at them'),
        );
      } catch (error) {
        if (error instanceof BaselineInputError) throw new ApiError('invalid_request', `baseline rejected, nothing was kept: ${error.message}`, [{ path: error.where, message: error.problem }]);
        throw error;
      }
      await changes.baselineUploaded(model, upload, { project: caller.project, keyId: caller.keyId, reason: c.req.valid('query').reason ?? null });
      return c.json(presentBaseline(version, { ...upload, source: 'own', fromVersion: version }), 201);
    })
    .openapi(getBaseline, async (c) => {
      const { model, version } = c.req.valid('param');
      const found = await modelOf(models, c, model);
      if ((await registry.getVersion(found.project, model, version)) === undefined) throw versionNotFound(model, version);
      const baseline = await baselines.resolve(found.project, model, version);
      if (baseline === undefined) {
        throw new ApiError('not_found', `version ${JSON.stringify(version)} of model ${JSON.stringify(model)} has no baseline: upload one, or name another version's with baselineFrom`);
      }
      return c.json(presentBaseline(version, baseline), 200);
    });
}
