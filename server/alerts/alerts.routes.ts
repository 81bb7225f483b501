import { createRoute, z } from '@hono/zod-openapi';
import { summaryLine } from '../../alerts/dispatch/notification';
import type { AlertEvent, AlertRepository, StoredAlert } from '../../store/alerts';
import type { Delivery, DeliveryAttempt, DeliveryRepository } from '../../store/alertsDeliveries';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { TimeQuery } from '../monitoring/schemas';
import { bearerSecurity, commonErrors, createRouter, jsonResponse, notFoundError } from '../openapi';
import { AlertEventSchema, AlertSchema, AlertStateSchema, DeliverySchema, DeliveryStateSchema, IdParams } from './schemas';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function presentAlert(a: StoredAlert) {
  return {
    id: a.fingerprint,
    fingerprint: a.fingerprint,
    state: a.state,
    labels: { ...a.labels },
    rule: a.ruleId,
    value: a.value,
    details: a.details,
    activeSince: iso(a.activeSince),
    firedAt: iso(a.firedAt),
    resolvedAt: iso(a.resolvedAt),
    firstSeen: new Date(a.firstSeen).toISOString(),
    lastSeen: new Date(a.updatedAt).toISOString(),
    heldWindows: a.heldWindows,
    acknowledged: a.ackedAt === null ? null : { at: new Date(a.ackedAt).toISOString(), by: a.ackedBy },
    silencedBy: a.silencedBy,
    inhibitedBy: a.inhibitedBy === '' ? null : a.inhibitedBy,
  };
}

const presentEvent = (e: AlertEvent) => ({ alert: e.fingerprint, at: new Date(e.at).toISOString(), event: e.event, state: e.state, labels: { ...e.labels }, value: e.value, detail: e.detail });

export function presentDelivery(d: Delivery, attempts: readonly DeliveryAttempt[]) {
  return {
    id: d.id,
    channel: d.channelId,
    channelType: d.channelType,
    kind: d.kind,
    state: d.state,
    alerts: d.fingerprints,
    summary: summaryLine(d.payload),
    attempts: attempts
      .filter((a) => a.deliveryId === d.id)
      .map((a) => ({ attempt: a.attempt, startedAt: new Date(a.startedAt).toISOString(), durationMs: a.durationMs, outcome: a.outcome, retry: a.retry, statusCode: a.statusCode, error: a.error, nextAttemptAt: iso(a.nextAttemptAt) })),
    nextAttemptAt: d.state === 'pending' ? new Date(d.nextAttemptAt).toISOString() : null,
    lastError: d.lastError,
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
    messageId: d.payload.id,
  };
}

const tags = ['alerts'];

const list = createRoute({
  method: 'get',
  path: '/v1/alerts',
  tags,
  summary: 'Alert instances (pending, firing, resolved), newest change first',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { query: z.object({ state: AlertStateSchema.optional(), model: z.string().optional(), limit: z.coerce.number().int().min(1).max(1000).default(200) }) },
  responses: { 200: jsonResponse(z.object({ alerts: z.array(AlertSchema) }), 'Alerts'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/v1/alerts/{id}',
  tags,
  summary: 'One alert with its history and notification log (every delivery and attempt)',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: IdParams },
  responses: {
    200: jsonResponse(AlertSchema.extend({ history: z.array(AlertEventSchema), notifications: z.array(DeliverySchema) }), 'The alert'),
    ...commonErrors,
    ...notFoundError,
  },
});

const ack = createRoute({
  method: 'post',
  path: '/v1/alerts/{id}/ack',
  tags,
  summary: 'Acknowledge a firing alert: no more reminders while it fires (changes are still notified)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: IdParams, body: { required: false, content: { 'application/json': { schema: z.object({ comment: z.string().max(2000).optional() }) } } } },
  responses: { 200: jsonResponse(AlertSchema, 'The alert'), ...commonErrors, ...notFoundError },
});

const history = createRoute({
  method: 'get',
  path: '/v1/alert-history',
  tags,
  summary: 'Every alert event of the project in a time range, newest first',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { query: z.object({ from: TimeQuery, to: TimeQuery, model: z.string().optional(), limit: z.coerce.number().int().min(1).max(10_000).default(1000) }) },
  responses: { 200: jsonResponse(z.object({ events: z.array(AlertEventSchema) }), 'Events'), ...commonErrors },
});

const deliveries = createRoute({
  method: 'get',
  path: '/v1/deliveries',
  tags,
  summary: 'Notification deliveries with every attempt, newest first',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: {
    query: z.object({
      state: DeliveryStateSchema.optional(),
      channel: z.string().optional(),
      alert: z.string().optional(),
      limit: z.coerce.number().int().min(1).max(1000).default(100),
    }),
  },
  responses: { 200: jsonResponse(z.object({ deliveries: z.array(DeliverySchema) }), 'Deliveries'), ...commonErrors },
});

export function alertRoutes({ alerts, deliveries: queue, now }: { alerts: AlertRepository; deliveries: DeliveryRepository; now: () => number }) {
  const found = async (project: string, id: string) => {
    const alert = await alerts.get(project, id);
    if (alert === undefined) throw new ApiError('not_found', `alert ${JSON.stringify(id)} not found`);
    return alert;
  };
  const withAttempts = async (project: string, list: Delivery[]) => {
    const attempts = await queue.attempts(project, list.map((d) => d.id));
    return list.map((d) => presentDelivery(d, attempts));
  };
  return createRouter()
    .openapi(list, async (c) => {
      const { state, model, limit } = c.req.valid('query');
      return c.json({ alerts: (await alerts.list(callerOf(c).project, { state, model, limit })).map(presentAlert) }, 200);
    })
    .openapi(get, async (c) => {
      const { project } = callerOf(c);
      const alert = await found(project, c.req.valid('param').id);
      const [events, sent] = await Promise.all([alerts.events(project, alert.fingerprint), queue.list(project, { fingerprint: alert.fingerprint, limit: 200 })]);
      return c.json({ ...presentAlert(alert), history: events.map(presentEvent), notifications: await withAttempts(project, sent) }, 200);
    })
    .openapi(ack, async (c) => {
      const caller = callerOf(c);
      const alert = await found(caller.project, c.req.valid('param').id);
      if (alert.state !== 'firing' && alert.state !== 'pending') throw new ApiError('conflict', `alert ${alert.fingerprint} is ${alert.state}; only pending or firing alerts can be acknowledged`);
      const at = now();
      const comment = (await c.req.json().catch(() => ({}))) as { comment?: string };
      const acked = { ...alert, ackedAt: at, ackedBy: caller.keyId };
      await alerts.put(caller.project, [acked], at);
      await alerts.appendEvents(caller.project, [{ fingerprint: alert.fingerprint, at, event: 'acknowledged', state: alert.state, labels: alert.labels, value: null, detail: `by ${caller.keyId}${comment.comment ? `: ${comment.comment}` : ''}` }]);
      return c.json(presentAlert({ ...acked, updatedAt: at }), 200);
    })
    .openapi(history, async (c) => {
      const q = c.req.valid('query');
      const to = q.to ?? now();
      const from = q.from ?? to - 7 * 86_400_000;
      return c.json({ events: (await alerts.history(callerOf(c).project, from, to, q.limit, q.model)).map(presentEvent) }, 200);
    })
    .openapi(deliveries, async (c) => {
      const { project } = callerOf(c);
      const q = c.req.valid('query');
      return c.json({ deliveries: await withAttempts(project, await queue.list(project, { state: q.state, channelId: q.channel, fingerprint: q.alert, limit: q.limit })) }, 200);
    });
}
