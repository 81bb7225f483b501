import { createRoute, z } from '@hono/zod-openapi';
import type { ModelRepository } from '../../store/models';
import type { RegistryAuditLog } from '../../store/registryAudit';
import { requireScope } from '../auth/middleware';
import { bearerSecurity, commonErrors, createRouter, jsonResponse, notFoundError } from '../openapi';
import { modelOf } from './models.routes';
import { AuditEntrySchema, ModelParams } from './schemas';

const AuditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100).openapi({ description: 'Entries per page (1-1000)' }),
  // Positions are safe integers (store/revision.ts); a longer number would lose digits on its way to SQL.
  cursor: z
    .string()
    .regex(/^\d{1,16}$/, 'expected the nextCursor of a previous page')
    .refine((v) => Number.isSafeInteger(Number(v)), 'expected the nextCursor of a previous page')
    .optional()
    .openapi({ description: '`nextCursor` of the previous page' }),
  order: z.enum(['asc', 'desc']).default('asc').openapi({ description: '`asc` (default): oldest first, the history as it happened; `desc`: newest first' }),
});

const listAudit = createRoute({
  method: 'get',
  path: '/v1/models/{model}/audit',
  tags: ['registry'],
  summary: "The model's append-only registry history: who, when, what, why",
  description:
    'Every registry change (model created, version registered or updated, alias set or deleted, baseline uploaded) with the API key that made it, the state before and after, and the reason given. Oldest first unless `order=desc`; page with `limit` and `cursor`. Nothing in the API can change or delete entries.',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: ModelParams, query: AuditQuery },
  responses: {
    200: jsonResponse(z.object({ entries: z.array(AuditEntrySchema), nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page; null at the end' }) }), 'One page of entries'),
    ...commonErrors,
    ...notFoundError,
  },
});

export function auditRoutes({ models, audit }: { models: ModelRepository; audit: RegistryAuditLog }) {
  return createRouter().openapi(listAudit, async (c) => {
    const { model } = c.req.valid('param');
    const query = c.req.valid('query');
    const found = await modelOf(models, c, model);
    const page = await audit.page(found.project, model, { order: query.order, limit: query.limit, after: query.cursor === undefined ? undefined : Number(query.cursor) });
    return c.json(
      { entries: page.entries.map(({ seq: _seq, ...entry }) => entry), nextCursor: page.next === null ? null : String(page.next) },
      200,
    );
  });
}
