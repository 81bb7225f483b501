import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * Outbound webhooks follow the Standard Webhooks scheme (API.md): headers `webhook-id`,
 * `webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64 HMAC-SHA256 of
 * id.timestamp.body>`), keyed with the channel secret in its `whsec_<base64>` form. Signing
 * is the maintained `standardwebhooks` library's, so receivers can verify with any
 * implementation of the scheme.
 */
export interface SignedHeaders {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
}

const SECRET_PREFIX = 'whsec_';

/** A new channel secret: 32 random bytes, `whsec_<base64>`. */
export function generateWebhookSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString('base64');
}

/** Whether a given secret has the scheme's form (`whsec_` then base64 of at least 24 bytes). */
export function isWebhookSecret(secret: string): boolean {
  if (!secret.startsWith(SECRET_PREFIX)) return false;
  const key = secret.slice(SECRET_PREFIX.length);
  return /^[A-Za-z0-9+/]+={0,2}$/.test(key) && Buffer.from(key, 'base64').length >= 24;
}

/**
 * The headers of one delivery attempt. The message id stays the same across retries of one
 * delivery (receivers deduplicate on it); the timestamp is the attempt's.
 */
export function signWebhook(secret: string, messageId: string, at: Date, body: string): SignedHeaders {
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(messageId, at, body),
  };
}
