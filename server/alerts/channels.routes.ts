import { randomBytes } from 'node:crypto';
import { createRoute, z } from '@hono/zod-openapi';
import { redactConfig, redactSecret, SIGNED_TYPES, type Channel } from '../../alerts/channels/config';
import { TEST_SENDABLE } from '../../alerts/channels/testSend';
import { generateWebhookSecret, isWebhookSecret } from '../../alerts/channels/webhook/signing';
import type { ChannelRepository } from '../../store/alertsChannels';
import { callerOf, requireScope } from '../auth/middleware';
import { ApiError } from '../errors';
import { bearerSecurity, commonErrors, conflictError, createRouter, jsonBody, jsonResponse, notFoundError } from '../openapi';
import type { TestSender } from '.';
import { ChannelInputSchema, ChannelSchema, IdParams } from './schemas';

/** A channel as the API shows it: secrets by prefix only. */
export function presentChannel(channel: Channel, generatedSecret?: string) {
  return {
    id: channel.id,
    name: channel.name,
    type: channel.type,
    config: redactConfig(channel.config),
    secretPrefix: channel.secret === '' ? null : redactSecret(channel.secret),
    ...(generatedSecret === undefined ? {} : { secret: generatedSecret }),
    default: channel.isDefault,
    createdAt: channel.createdAt,
    updatedAt: channel.updatedAt,
  };
}

const tags = ['alerts'];

const list = createRoute({
  method: 'get',
  path: '/v1/channels',
  tags,
  summary: 'Notification channels of the project',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  responses: { 200: jsonResponse(z.object({ channels: z.array(ChannelSchema) }), 'Channels, oldest first'), ...commonErrors },
});

const get = createRoute({
  method: 'get',
  path: '/v1/channels/{id}',
  tags,
  summary: 'One channel',
  security: bearerSecurity,
  middleware: [requireScope('read')],
  request: { params: IdParams },
  responses: { 200: jsonResponse(ChannelSchema, 'The channel'), ...commonErrors, ...notFoundError },
});

const create = createRoute({
  method: 'post',
  path: '/v1/channels',
  tags,
  summary: 'Create a channel: email, webhook, retrain, alertmanager or rollback',
  description:
    'Webhook and retrain channels sign every request per Standard Webhooks with the channel secret; without `secret` one is generated and returned in this answer only. Outbound URLs that resolve to private or loopback addresses are refused at delivery unless allow-listed (`VIGIL_WEBHOOK_ALLOWLIST`).',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { body: jsonBody(ChannelInputSchema) },
  responses: { 201: jsonResponse(ChannelSchema, 'Created'), ...commonErrors },
});

const remove = createRoute({
  method: 'delete',
  path: '/v1/channels/{id}',
  tags,
  summary: 'Delete a channel (its queued deliveries fail, saying so)',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' }, ...commonErrors, ...notFoundError },
});

const test = createRoute({
  method: 'post',
  path: '/v1/channels/{id}/test',
  tags,
  summary: 'Send a test notification through a channel now (email, webhook, alertmanager)',
  description:
    'One attempt, not retried and not stored: a firing alert `VigilTest` of model `vigil-test`, severity info. Answers 200 whether or not the receiver took it, saying which. Retrain and rollback channels act on what they receive (a training run, an alias move), so they have no test send (409).',
  security: bearerSecurity,
  middleware: [requireScope('admin')],
  request: { params: IdParams },
  responses: {
    200: jsonResponse(z.object({ delivered: z.boolean(), detail: z.string().openapi({ example: 'delivered (status 250)' }) }).openapi('ChannelTestResult'), 'The attempt\'s outcome'),
    ...commonErrors,
    ...notFoundError,
    ...conflictError,
  },
});

export function channelRoutes({ channels, now, testSender }: { channels: ChannelRepository; now: () => number; testSender?: TestSender | undefined }) {
  const found = async (project: string, id: string) => {
    const channel = await channels.get(project, id);
    if (channel === undefined) throw new ApiError('not_found', `channel ${JSON.stringify(id)} not found`);
    return channel;
  };
  return createRouter()
    .openapi(list, async (c) => c.json({ channels: (await channels.list(callerOf(c).project)).map((ch) => presentChannel(ch)) }, 200))
    .openapi(get, async (c) => c.json(presentChannel(await found(callerOf(c).project, c.req.valid('param').id)), 200))
    .openapi(create, async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      let secret = '';
      let generated: string | undefined;
      if (SIGNED_TYPES.includes(body.type)) {
        const given = (body as { secret?: string }).secret;
        if (given === undefined) secret = generated = generateWebhookSecret();
        else if (!isWebhookSecret(given)) throw new ApiError('invalid_request', 'secret: expected the Standard Webhooks form whsec_<base64 of at least 24 bytes>, or no secret to have one generated', [{ path: 'secret', message: 'expected whsec_<base64>' }]);
        else secret = given;
      }
      const at = now();
      const iso = new Date(at).toISOString();
      const channel: Channel = { id: `ch_${randomBytes(8).toString('hex')}`, name: body.name, type: body.type, config: body.config as Record<string, unknown>, secret, isDefault: body.default, createdAt: iso, updatedAt: iso };
      await channels.insert(caller.project, channel, caller.keyId, at);
      return c.json(presentChannel(channel, generated), 201);
    })
    .openapi(test, async (c) => {
      const caller = callerOf(c);
      const channel = await found(caller.project, c.req.valid('param').id);
      if (!TEST_SENDABLE.includes(channel.type)) throw new ApiError('conflict', `a ${channel.type} channel acts on what it receives (${channel.type === 'retrain' ? 'a training run' : 'an alias move'}), so it has no test send; test-send to a ${TEST_SENDABLE.join(', ')} channel`);
      if (testSender === undefined) throw new ApiError('conflict', 'this server was started without alerting, so it sends nothing');
      return c.json(await testSender(caller.project, channel), 200);
    })
    .openapi(remove, async (c) => {
      const caller = callerOf(c);
      const channel = await found(caller.project, c.req.valid('param').id);
      await channels.delete(caller.project, channel, caller.keyId, now());
      return c.body(null, 204);
    });
}
