import { z } from 'zod';

/**
 * What each channel type is configured with (API.md, Alerts and actions). Secrets (the signing
 * secret, header values) are stored but never shown in full: `redactSecret` keeps a prefix.
 */
export const CHANNEL_TYPES = ['email', 'webhook', 'retrain', 'alertmanager', 'rollback'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http(s) URL' });
const headers = z
  .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'expected a header name of letters, digits and "-"'), z.string().max(4096))
  .refine((h) => !Object.keys(h).some((name) => /^(webhook-|content-type$|content-length$|host$)/i.test(name)), {
    message: 'webhook-*, content-type, content-length and host are set by Vigil',
  })
  .default({});

export const EmailConfigSchema = z.object({
  recipients: z.array(z.email('expected an email address')).min(1).max(50),
  /** This channel's own SMTP server (`smtp://user:pass@host:port`, `smtps://...`) instead of the server's SMTP_URL. */
  smtpUrl: z.url({ protocol: /^smtps?$/, message: 'expected an smtp:// or smtps:// URL' }).optional(),
});
export const WebhookConfigSchema = z.object({ url: httpUrl, headers });
export const AlertmanagerConfigSchema = z.object({ url: httpUrl, headers });
export const RollbackConfigSchema = z.object({
  alias: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'expected an alias name').default('production'),
  /** No second rollback of the same model within this long. */
  cooldownMs: z.number().int().min(0).max(30 * 86_400_000).default(3_600_000),
  /** At most this many rollbacks of one model per rolling 24 hours. */
  maxPerDay: z.number().int().min(1).max(100).default(3),
});

export type EmailConfig = z.infer<typeof EmailConfigSchema>;
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>;
export type AlertmanagerConfig = z.infer<typeof AlertmanagerConfigSchema>;
export type RollbackConfig = z.infer<typeof RollbackConfigSchema>;

export const CONFIG_SCHEMAS = {
  email: EmailConfigSchema,
  webhook: WebhookConfigSchema,
  retrain: WebhookConfigSchema,
  alertmanager: AlertmanagerConfigSchema,
  rollback: RollbackConfigSchema,
} as const;

export type ChannelConfig = EmailConfig | WebhookConfig | AlertmanagerConfig | RollbackConfig;

/** A stored channel, secret included: only the delivery worker reads `secret`. */
export interface Channel {
  id: string;
  name: string;
  type: ChannelType;
  config: Record<string, unknown>;
  /** `whsec_...` for webhook and retrain channels; empty otherwise. */
  secret: string;
  /** Notified by rules that name no channel. */
  isDefault: boolean;
  createdAt: string;
  updatedAt: string;
}

/** Channel types that sign their requests with the channel secret. */
export const SIGNED_TYPES: readonly ChannelType[] = ['webhook', 'retrain'];

/** The first characters of a secret and an ellipsis: enough to tell secrets apart, not to use one. */
export function redactSecret(secret: string): string {
  if (secret === '') return '';
  const shown = secret.startsWith('whsec_') ? 10 : Math.min(4, Math.floor(secret.length / 4));
  return `${secret.slice(0, shown)}…`;
}

/** A URL with its password left out: `smtp://user:…@host:port`, `https://user:…@hooks.example.com/`. */
export function redactUrlPassword(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.password === '') return raw;
    url.password = '…';
    return url.toString();
  } catch {
    return '…';
  }
}

/**
 * A channel's config as the API and logs show it: header values redacted, and the passwords of
 * its SMTP URL and of a receiver URL with credentials (`https://user:password@host/`, how
 * basic auth to a webhook or an Alertmanager is often written).
 */
export function redactConfig(config: Record<string, unknown>): Record<string, unknown> {
  const h = config.headers;
  const shown = { ...config };
  for (const field of ['smtpUrl', 'url'] as const) if (typeof shown[field] === 'string') shown[field] = redactUrlPassword(shown[field]);
  if (h === undefined || h === null || typeof h !== 'object') return shown;
  return { ...shown, headers: Object.fromEntries(Object.entries(h as Record<string, string>).map(([k, v]) => [k, redactSecret(v)])) };
}
