import { z } from '@hono/zod-openapi';
import { CATEGORICAL_STATISTICS, NUMERIC_STATISTICS, VERDICT_LETTERS, type WindowStatus } from '../../store/detections';
import { ApiError } from '../errors';
import { everyMemberOf, ModelParams, TimeQuery } from '../openapi';

export { ModelParams, TimeQuery };

export const RangeQuery = z.object({
  from: TimeQuery.openapi({ description: 'Windows starting at or after this (default: 7 days before `to`)', example: '2026-11-20T00:00:00Z' }),
  to: TimeQuery.openapi({ description: 'Windows starting before this (default: now)' }),
  version: z.string().optional().openapi({ description: 'Only windows of this model version (default: every version, each window names its version)' }),
});

export const DEFAULT_RANGE_MS = 7 * 86_400_000;
/** Backfills longer than this many windows are refused: split them. */
export const MAX_RUN_WINDOWS = 10_000;

/** [from, to) of a request, defaulted, or a 400 naming the problem. */
export function rangeOf(query: { from?: number | undefined; to?: number | undefined }, now: number): { fromMs: number; toMs: number } {
  const toMs = query.to ?? now;
  const fromMs = query.from ?? toMs - DEFAULT_RANGE_MS;
  if (!(fromMs < toMs)) throw new ApiError('invalid_request', `from must be before to (got from=${new Date(fromMs).toISOString()}, to=${new Date(toMs).toISOString()})`, [{ path: 'from', message: 'must be before to' }]);
  return { fromMs, toMs };
}

/** A feature's type, as declared on the model. */
export const FeatureKindSchema = z.enum(['numeric', 'categorical']);

export type Verdict = keyof typeof VERDICT_LETTERS;
/** A feature's drift verdict in a window: the keys of the matrix's verdict letters. */
export const VerdictSchema = z.enum(Object.keys(VERDICT_LETTERS) as [Verdict, ...Verdict[]]);

/** Whether a window was judged: `insufficient_data` and `no_baseline` windows say why in `reason`. */
export const WindowStatusSchema = z.enum(everyMemberOf<WindowStatus>()(['ok', 'insufficient_data', 'no_baseline']));

/** The statistics a drift matrix can show: those stored for numeric or categorical features. */
export const MATRIX_STATISTICS = [...new Set<(typeof NUMERIC_STATISTICS)[number] | (typeof CATEGORICAL_STATISTICS)[number]>([...NUMERIC_STATISTICS, ...CATEGORICAL_STATISTICS])];

const StatisticsShape = {
  psi: z.number().nullable().optional(),
  jsDistance: z.number().nullable().optional(),
  ksStatistic: z.number().nullable().optional(),
  ksPValue: z.number().nullable().optional(),
  ksPValueAdjusted: z.number().nullable().optional(),
  wasserstein: z.number().nullable().optional(),
  wassersteinNormed: z.number().nullable().optional(),
  chi2Statistic: z.number().nullable().optional(),
  chi2PValue: z.number().nullable().optional(),
  chi2Dof: z.number().nullable().optional(),
  chi2PValueAdjusted: z.number().nullable().optional(),
  newCategoryRate: z.number().nullable().optional(),
  baselineMissingRate: z.number().nullable().optional(),
  currentMissingRate: z.number().nullable().optional(),
  outOfRangeRate: z.number().nullable().optional(),
};

export const FeatureDriftSchema = z
  .object({
    feature: z.string().openapi({ description: 'A feature name, or `__prediction` for prediction drift' }),
    kind: FeatureKindSchema,
    baselineCount: z.number(),
    currentCount: z.number(),
    verdict: VerdictSchema,
    ...StatisticsShape,
    edges: z.array(z.number()).optional(),
    categories: z.array(z.string()).optional(),
    baselineCounts: z.array(z.number()).optional(),
    currentCounts: z.array(z.number()).optional(),
  })
  .openapi('FeatureDrift');

export const DriftWindowSchema = z
  .object({
    start: z.string(),
    end: z.string(),
    version: z.string(),
    status: WindowStatusSchema,
    reason: z.string().optional(),
    predictionCount: z.number(),
    baselineId: z.string().nullable(),
    evaluatedAt: z.string(),
    features: z.array(FeatureDriftSchema),
  })
  .openapi('DriftWindow');

export const DriftResponseSchema = z.object({ windows: z.array(DriftWindowSchema) }).openapi('Drift');
