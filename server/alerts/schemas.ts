import { z } from '@hono/zod-openapi';
import { everyMemberOf, ModelParams } from '../openapi';
import { FeatureKindSchema, VerdictSchema } from '../monitoring/schemas';
import { AlertmanagerConfigSchema, CHANNEL_TYPES, EmailConfigSchema, RollbackConfigSchema, WebhookConfigSchema } from '../../alerts/channels/config';
import type { Notification } from '../../alerts/dispatch/notification';
import { METRIC_NAMES, OPERATORS, SEVERITIES } from '../../alerts/rules/rule';
import type { AlertState } from '../../alerts/state/machine';
import type { AlertEventKind } from '../../store/alerts';
import type { DeliveryAttempt, DeliveryState } from '../../store/alertsDeliveries';

const Name = z.string().min(1).max(200);
const base = { name: Name, default: z.boolean().default(false).openapi({ description: 'Notified by rules that name no channel' }) };
const Secret = z.string().optional().openapi({ description: 'Signing secret in the Standard Webhooks form `whsec_<base64>`; generated (and shown once, in this answer) when absent' });

export const ChannelInputSchema = z
  .discriminatedUnion('type', [
    z.object({ ...base, type: z.literal('email'), config: EmailConfigSchema }),
    z.object({ ...base, type: z.literal('webhook'), config: WebhookConfigSchema, secret: Secret }),
    z.object({ ...base, type: z.literal('retrain'), config: WebhookConfigSchema, secret: Secret }),
    z.object({ ...base, type: z.literal('alertmanager'), config: AlertmanagerConfigSchema }),
    z.object({ ...base, type: z.literal('rollback'), config: RollbackConfigSchema.default({ alias: 'production', cooldownMs: 3_600_000, maxPerDay: 3 }) }),
  ])
  .openapi('ChannelInput');

/**
 * A channel's config as answered: as the input schema stored it (defaults filled in), with the
 * password of a URL shown as `…` and header values shown by prefix only.
 */
const RedactedHeaders = z.record(z.string(), z.string()).openapi({ description: 'Header values shown by prefix only' });
const RedactedUrl = z.string().openapi({ description: 'As given, a password in it shown as `…`' });
const ReceiverConfigAnswer = z.object({ url: RedactedUrl, headers: RedactedHeaders });
const channelAnswer = {
  id: z.string(),
  name: z.string(),
  secretPrefix: z.string().nullable().openapi({ description: 'The first characters of the signing secret; null for channel types that sign nothing' }),
  secret: z.string().optional().openapi({ description: 'The generated secret: only in the answer that created the channel' }),
  default: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
};

export const ChannelSchema = z
  .discriminatedUnion('type', [
    z.object({ ...channelAnswer, type: z.literal('email'), config: z.object({ recipients: z.array(z.string()), smtpUrl: RedactedUrl.optional() }) }),
    z.object({ ...channelAnswer, type: z.literal('webhook'), config: ReceiverConfigAnswer }),
    z.object({ ...channelAnswer, type: z.literal('retrain'), config: ReceiverConfigAnswer }),
    z.object({ ...channelAnswer, type: z.literal('alertmanager'), config: ReceiverConfigAnswer }),
    z.object({ ...channelAnswer, type: z.literal('rollback'), config: z.object({ alias: z.string(), cooldownMs: z.number().int(), maxPerDay: z.number().int() }) }),
  ])
  .openapi('Channel');

export const RuleInputSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'expected a name of letters, digits and "_" (it becomes the alertname label)').openapi({ example: 'FeatureDrift' }),
    model: Name.default('*').openapi({ description: 'A model, or `*` for every model of the project' }),
    metric: z.enum(METRIC_NAMES).openapi({ example: 'psi' }),
    feature: Name.default('*').openapi({ description: 'A feature, or `*`; only for per-feature metrics' }),
    op: z.enum(OPERATORS),
    threshold: z.number().refine(Number.isFinite, 'expected a finite number'),
    forWindows: z.number().int().min(1).max(1000).default(1).openapi({ description: 'Consecutive windows the condition must hold before firing' }),
    severity: z.enum(SEVERITIES).default('warning'),
    channels: z.array(z.string()).max(20).default([]).openapi({ description: 'Channel ids; empty: the default channels' }),
    enabled: z.boolean().default(true),
  })
  .openapi('AlertRuleInput');

export const RuleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    model: z.string(),
    metric: z.enum(METRIC_NAMES),
    feature: z.string(),
    op: z.enum(OPERATORS),
    threshold: z.number(),
    forWindows: z.number(),
    severity: z.enum(SEVERITIES),
    channels: z.array(z.string()),
    enabled: z.boolean(),
    default: z.boolean().openapi({ description: 'One of the rules Vigil writes for a model with a baseline' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi('AlertRule');

export const AlertStateSchema = z.enum(everyMemberOf<AlertState>()(['inactive', 'pending', 'firing', 'resolved']));

/** What the evaluator records about the window in which a rule's condition last held. */
const AlertDetailsSchema = z
  .looseObject({
    windowStart: z.number().int().optional().openapi({ description: 'Start of the window, epoch milliseconds' }),
    windowEnd: z.number().int().optional().openapi({ description: 'End of the window (exclusive), epoch milliseconds' }),
    feature: z.string().optional().openapi({ description: 'Per-feature rules: the feature' }),
    kind: FeatureKindSchema.optional(),
    verdict: VerdictSchema.optional().openapi({ description: 'Per-feature rules: the feature\'s drift verdict in the window' }),
    statistics: z.record(z.string(), z.number().nullable()).optional().openapi({ description: 'Per-feature rules: the feature\'s statistics in the window, named as in FeatureDrift' }),
  })
  .openapi('AlertDetails');

export const AlertSchema = z
  .object({
    id: z.string().openapi({ description: 'The fingerprint of the labels' }),
    fingerprint: z.string(),
    state: AlertStateSchema,
    labels: z.record(z.string(), z.string()),
    rule: z.string(),
    value: z.number().nullable(),
    // A union rather than `.nullable()`: zod-to-openapi drops the null from a nullable named schema's $ref.
    details: z.union([AlertDetailsSchema, z.null()]).openapi({ description: 'The window in which the condition last held, with the feature\'s statistics; null before it first held' }),
    activeSince: z.string().nullable(),
    firedAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    heldWindows: z.number(),
    acknowledged: z.object({ at: z.string(), by: z.string() }).nullable(),
    silencedBy: z.array(z.string()),
    inhibitedBy: z.string().nullable().openapi({ description: 'The firing data-quality alert holding this one back' }),
  })
  .openapi('Alert');

const ALERT_EVENT_KINDS = everyMemberOf<AlertEventKind>()(['pending', 'firing', 'resolved', 'dropped', 'reset', 'acknowledged', 'silenced', 'unsilenced', 'inhibited', 'uninhibited']);

export const AlertEventSchema = z
  .object({
    alert: z.string(),
    at: z.string(),
    event: z.enum(ALERT_EVENT_KINDS).openapi({
      description:
        'What happened: a change of state (`pending`, `firing`, `resolved`; `dropped`: the condition cleared while pending; `reset`: pending no more because a new version went live), or `acknowledged`, `silenced` / `unsilenced`, `inhibited` / `uninhibited`',
    }),
    state: AlertStateSchema.openapi({ description: 'The alert\'s state after the event' }),
    labels: z.record(z.string(), z.string()),
    value: z.number().nullable(),
    detail: z.string(),
  })
  .openapi('AlertEvent');

export const AttemptSchema = z
  .object({
    attempt: z.number(),
    startedAt: z.string(),
    durationMs: z.number(),
    outcome: z.enum(everyMemberOf<DeliveryAttempt['outcome']>()(['delivered', 'failed', 'skipped'])),
    retry: z.boolean(),
    statusCode: z.number().nullable(),
    error: z.string(),
    nextAttemptAt: z.string().nullable(),
  })
  .openapi('DeliveryAttempt');

export const DeliveryStateSchema = z.enum(everyMemberOf<DeliveryState>()(['pending', 'delivered', 'failed', 'skipped']));

export const DeliverySchema = z
  .object({
    id: z.string(),
    channel: z.string(),
    channelType: z.enum(CHANNEL_TYPES),
    kind: z.enum(everyMemberOf<Notification['kind']>()(['alerts', 'silence_expired'])).openapi({ description: '`alerts`: alerts fired or resolved; `silence_expired`: a silence ended over alerts still firing' }),
    state: DeliveryStateSchema,
    alerts: z.array(z.string()),
    summary: z.string(),
    attempts: z.array(AttemptSchema),
    nextAttemptAt: z.string().nullable(),
    lastError: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    messageId: z.string().openapi({ description: 'The webhook-id of every attempt' }),
  })
  .openapi('Delivery');

export const MatcherSchema = z.object({
  name: z.string().min(1),
  value: z.string(),
  isRegex: z.boolean().default(false),
  isEqual: z.boolean().default(true),
});

export const SilenceInputSchema = z
  .object({
    matchers: z.array(MatcherSchema).min(1).max(20),
    startsAt: z.union([z.iso.datetime({ offset: true }), z.number().int()]).optional(),
    endsAt: z.union([z.iso.datetime({ offset: true }), z.number().int()]).optional(),
    durationMs: z.number().int().positive().max(366 * 86_400_000).optional().openapi({ description: 'Instead of endsAt: how long from startsAt' }),
    comment: z.string().max(2000).default(''),
  })
  .openapi('SilenceInput');

export const SilenceSchema = z
  .object({
    id: z.string(),
    matchers: z.array(MatcherSchema),
    startsAt: z.string(),
    endsAt: z.string(),
    createdBy: z.string(),
    comment: z.string(),
    state: z.enum(['pending', 'active', 'expired']),
  })
  .openapi('Silence');

export const IdParams = z.object({ id: z.string().openapi({ param: { name: 'id', in: 'path' } }) });
export { ModelParams };

export const RollbackInputSchema = z
  .object({
    alias: z.string().default('production'),
    reason: z.string().min(1).max(2000).openapi({ description: 'Why: kept in the audit log' }),
  })
  .openapi('RollbackInput');

export const RollbackSchema = z.object({ alias: z.string(), fromVersion: z.string(), toVersion: z.string(), at: z.string() }).openapi('Rollback');
