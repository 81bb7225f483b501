import { createHmac } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret, isWebhookSecret, signWebhook } from './signing';

describe('signWebhook', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const at = new Date('2026-11-23T12:00:00Z');
  const body = '{"model":"churn","status":"firing"}';

  it('signs id.timestamp.body with HMAC-SHA256 keyed by the base64 secret, as the scheme defines', () => {
    const headers = signWebhook(secret, 'msg_2ZJ', at, body);
    const expected = createHmac('sha256', Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64')).update(`msg_2ZJ.${1795435200}.${body}`).digest('base64');
    expect(headers).toEqual({ 'webhook-id': 'msg_2ZJ', 'webhook-timestamp': '1795435200', 'webhook-signature': `v1,${expected}` });
  });

  it('is verified by a receiver using the reference library, and a changed body is not', () => {
    const fresh = generateWebhookSecret();
    const now = new Date();
    const headers = signWebhook(fresh, 'msg_1', now, body);
    expect(new Webhook(fresh).verify(body, { ...headers })).toEqual(JSON.parse(body));
    expect(() => new Webhook(fresh).verify(body.replace('firing', 'resolved'), { ...headers })).toThrow();
  });
});

describe('webhook secrets', () => {
  it('generates secrets of the whsec_ form and recognises it', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(isWebhookSecret(secret)).toBe(true);
    expect(isWebhookSecret('hunter2')).toBe(false);
    expect(isWebhookSecret('whsec_short')).toBe(false);
  });
});
