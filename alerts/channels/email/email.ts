import { lookup } from 'node:dns/promises';
import { createTransport, type Transporter } from 'nodemailer';
import type { OutboundPolicy } from '../../delivery/addressGuard';
import type { Delivery } from '../../../store/alertsDeliveries';
import type { HttpAttemptResult } from '../../delivery/outbound';
import type { Channel, EmailConfig } from '../config';
import type { Notifier } from '../notifier';
import { renderEmail } from './render';

export interface EmailSettings {
  /** `smtp://user:pass@host:port` or `smtps://...`; unset: email deliveries fail, saying so. */
  smtpUrl: string | undefined;
  from: string;
  timeoutMs: number;
  /** Where a channel's own `smtpUrl` may connect (the webhooks' guard); absent: anywhere. */
  policy?: OutboundPolicy;
}

/**
 * Transport options from `SMTP_URL`: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from
 * the start), optional `user:password@`, and `?requireTLS=true` / `?ignoreTLS=true`.
 */
export function smtpOptions(smtpUrl: string) {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const flag = (name: string) => url.searchParams.get(name) === 'true';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    requireTLS: flag('requireTLS'),
    ignoreTLS: flag('ignoreTLS'),
    ...(url.username === '' ? {} : { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }),
  };
}

/** SMTP reply codes 4xx are temporary (RFC 5321 4.2.1); 5xx permanent. */
function smtpOutcome(error: Error & { responseCode?: number; code?: string }): HttpAttemptResult {
  const code = error.responseCode;
  const reason = `${error.code ?? 'SMTP'}${code ? ` ${code}` : ''}: ${error.message.replace(/\s+/g, ' ').slice(0, 300)}`;
  if (code !== undefined && code >= 500) return { outcome: { kind: 'failed', retry: false, reason }, statusCode: code };
  return { outcome: { kind: 'failed', retry: true, reason }, statusCode: code ?? null };
}

/** Why a channel's own SMTP host may not be reached, or null: its addresses checked as webhook URLs are. */
async function smtpRefusal(smtpUrl: string, policy: OutboundPolicy): Promise<string | null> {
  const host = new URL(smtpUrl).hostname.replace(/^\[|\]$/g, '');
  const addresses = await lookup(host, { all: true });
  for (const { address } of addresses) {
    const refusal = policy.refusal(host, address);
    if (refusal !== null) return refusal;
  }
  return null;
}

/**
 * Emails through nodemailer over SMTP: the channel's own `smtpUrl`, or else the server's
 * `SMTP_URL`. One transport per SMTP URL, reusing its connection; a message per delivery to
 * all of the channel's recipients.
 */
export function emailNotifier(settings: EmailSettings): Notifier & { close(): void } {
  const transports = new Map<string, Transporter>();
  const transportOf = (smtpUrl: string) => {
    let transport = transports.get(smtpUrl);
    if (transport === undefined) {
      transport = createTransport({ ...smtpOptions(smtpUrl), connectionTimeout: settings.timeoutMs, greetingTimeout: settings.timeoutMs, socketTimeout: settings.timeoutMs });
      transports.set(smtpUrl, transport);
    }
    return transport;
  };
  return {
    wants: () => true,
    async deliver(delivery: Delivery, channel: Channel): Promise<HttpAttemptResult> {
      const config = channel.config as EmailConfig;
      const smtpUrl = config.smtpUrl ?? settings.smtpUrl;
      if (smtpUrl === undefined) return { outcome: { kind: 'failed', retry: false, reason: 'SMTP_URL is not set and the channel names no smtpUrl: Vigil cannot send email' }, statusCode: null };
      const email = renderEmail(delivery.payload);
      try {
        if (config.smtpUrl !== undefined && settings.policy !== undefined) {
          const refusal = await smtpRefusal(config.smtpUrl, settings.policy);
          if (refusal !== null) return { outcome: { kind: 'failed', retry: false, reason: refusal }, statusCode: null };
        }
        await transportOf(smtpUrl).sendMail({
          from: settings.from,
          to: config.recipients,
          subject: email.subject,
          text: email.text,
          html: email.html,
          messageId: `<${delivery.payload.id}@vigil>`,
          headers: { 'X-Vigil-Delivery': delivery.id },
        });
        return { outcome: { kind: 'delivered' }, statusCode: 250 };
      } catch (error) {
        return smtpOutcome(error as Error);
      }
    },
    close() {
      for (const transport of transports.values()) transport.close();
      transports.clear();
    },
  };
}
