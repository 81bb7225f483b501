import { z } from '@hono/zod-openapi';
import { verbatimRecord } from '../../ingest/verbatimRecord';
import { AUDIT_ACTIONS } from '../../store/registryAudit';
import { everyMemberOf, ModelParams } from '../openapi';
import type { BaselineFormat } from './baselineRows';

/** Version and alias names travel in URL paths: letters, digits and `._+-`. */
const PATH_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;
const PATH_NAME_MESSAGE = 'expected 1-128 letters, digits, ".", "_", "+" or "-", starting with a letter or digit';

export const VersionNameSchema = z.string().regex(PATH_NAME, PATH_NAME_MESSAGE).openapi({ example: '3' });
export const AliasNameSchema = z.string().regex(PATH_NAME, PATH_NAME_MESSAGE).openapi({ example: 'production' });
export const ReasonSchema = z.string().max(2000).openapi({ description: 'Why: kept in the audit log', example: 'offline AUC +0.02' });

export { ModelParams };
export const VersionParams = ModelParams.extend({ version: VersionNameSchema.openapi({ param: { name: 'version', in: 'path' } }) });
export const AliasParams = ModelParams.extend({ alias: AliasNameSchema.openapi({ param: { name: 'alias', in: 'path' } }) });

export const TagsSchema = verbatimRecord(z.string().max(256), z.string().max(1024)).openapi({ example: { stage: 'candidate' } });

export const RegisterVersionSchema = z
  .object({
    version: VersionNameSchema,
    artifactUri: z.string().min(1).max(2048).optional().openapi({ example: 's3://models/fraud/3/model.onnx' }),
    endpoint: z
      .url({ protocol: /^https?$/, message: 'expected an http(s) URL of a server speaking the Open Inference Protocol v2' })
      .max(2048)
      .optional()
      .openapi({ example: 'http://fraud-v3.models.svc:8080' }),
    metrics: verbatimRecord(z.string().max(256), z.number()).default({}).openapi({ description: 'Offline evaluation', example: { accuracy: 0.91, auc: 0.95 } }),
    params: verbatimRecord(z.string().max(256), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()])).default({}).openapi({ example: { maxDepth: 6, learningRate: 0.1 } }),
    datasetVersion: z.string().min(1).max(256).optional().openapi({ example: '2024-05-01' }),
    gitCommit: z.string().min(1).max(256).optional().openapi({ example: '9fceb02d0ae598e95dc970b74767f19372d61af8' }),
    tags: TagsSchema.default({}),
    baselineFrom: VersionNameSchema.optional().openapi({ description: 'Use this other version\'s baseline while this one has none of its own' }),
    reason: ReasonSchema.optional(),
  })
  .openapi('RegisterVersion');

export const UpdateVersionSchema = z
  .object({
    tags: TagsSchema.optional().openapi({ description: 'Replaces all tags' }),
    baselineFrom: VersionNameSchema.nullable().optional().openapi({ description: 'Another version whose baseline to use; null removes the link' }),
    reason: ReasonSchema.optional(),
  })
  .openapi('UpdateVersion');

export const BaselineStatusSchema = z
  .object({
    status: z.enum(['own', 'inherited', 'none']).openapi({ description: '`own`: uploaded for this version; `inherited`: through `baselineFrom`' }),
    baselineId: z.string().nullable(),
    fromVersion: z.string().nullable().openapi({ description: 'The version whose baseline is used' }),
    rowCount: z.number().nullable(),
    uploadedAt: z.string().nullable(),
  })
  .openapi('BaselineStatus');

export const VersionSchema = z
  .object({
    version: z.string(),
    artifactUri: z.string().nullable(),
    endpoint: z.string().nullable(),
    metrics: z.record(z.string(), z.number()),
    params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    datasetVersion: z.string().nullable(),
    gitCommit: z.string().nullable(),
    tags: z.record(z.string(), z.string()),
    baselineFrom: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string().openapi({ description: 'Id of the API key that registered the version' }),
    updatedAt: z.string(),
    baseline: BaselineStatusSchema,
  })
  .openapi('ModelVersion');

export const SetAliasSchema = z.object({ version: VersionNameSchema, reason: ReasonSchema.optional() }).openapi('SetAlias');

export const AliasSchema = z
  .object({
    alias: z.string(),
    version: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string().openapi({ description: 'Id of the API key that last moved the alias' }),
  })
  .openapi('Alias');

const NumericProfileSchema = z.object({
  name: z.string(),
  kind: z.literal('numeric'),
  count: z.number(),
  missing: z.number(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  mean: z.number().nullable(),
  std: z.number().nullable().openapi({ description: 'Population standard deviation (ddof = 0)' }),
  edges: z.array(z.number()).openapi({ description: 'Interior bin edges: quantiles at k/bins with linear interpolation, duplicates dropped (STATISTICS.md)' }),
});

const CategoricalProfileSchema = z.object({
  name: z.string(),
  kind: z.literal('categorical'),
  count: z.number(),
  missing: z.number(),
  distinct: z.number(),
  categories: z.array(z.object({ value: z.string(), count: z.number() })).openapi({ description: 'The most frequent categories (up to 1,000)' }),
  otherCount: z.number(),
});

const ColumnProfileSchema = z.discriminatedUnion('kind', [NumericProfileSchema, CategoricalProfileSchema]).openapi('ColumnProfile');

export const BaselineSchema = z
  .object({
    version: z.string().openapi({ description: 'The version asked for' }),
    baselineId: z.string(),
    source: z.enum(['own', 'inherited']),
    fromVersion: z.string().openapi({ description: 'The version the baseline was uploaded for' }),
    format: z.enum(everyMemberOf<BaselineFormat>()(['csv', 'ndjson'])),
    rowCount: z.number(),
    uploadedAt: z.string(),
    uploadedBy: z.string(),
    profile: z.object({
      rowCount: z.number(),
      bins: z.number(),
      features: z.array(ColumnProfileSchema),
      // A union rather than `.nullable()`: zod-to-openapi drops the null from a nullable named schema's $ref.
      prediction: z.union([ColumnProfileSchema, z.null()]).openapi({ description: 'null when the rows have no `prediction` column' }),
      label: z.union([ColumnProfileSchema, z.null()]).openapi({ description: 'null when the rows have no `label` column' }),
    }),
  })
  .openapi('Baseline');

export const AuditEntrySchema = z
  .object({
    id: z.string(),
    at: z.string(),
    keyId: z.string().openapi({ description: 'Who: the API key that made the change' }),
    action: z.enum(AUDIT_ACTIONS),
    target: z.string().openapi({ description: 'The model, version or alias changed' }),
    before: z.unknown(),
    after: z.unknown(),
    reason: z.string().nullable(),
  })
  .openapi('AuditEntry');
