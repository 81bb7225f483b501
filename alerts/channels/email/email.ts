import { createTransport, type Transporter } from 'nodemailer';
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

/**
 * Emails through nodemailer over SMTP (`SMTP_URL`). One transport per process, reusing its
 * connection; a message per delivery to all of the channel's recipients.
 */
export function emailNotifier(settings: EmailSettings): Notifier & { close(): void } {
  let transport: Transporter | undefined;
  const transportOf = () => (transport ??= createTransport({ ...smtpOptions(settings.smtpUrl ?? ''), connectionTimeout: settings.timeoutMs, greetingTimeout: settings.timeoutMs, socketTimeout: settings.timeoutMs }));
  return {
    wants: () => true,
    async deliver(delivery: Delivery, channel: Channel): Promise<HttpAttemptResult> {
      if (settings.smtpUrl === undefined) return { outcome: { kind: 'failed', retry: false, reason: 'SMTP_URL is not set: Vigil cannot send email' }, statusCode: null };
      const config = channel.config as EmailConfig;
      const email = renderEmail(delivery.payload);
      try {
        await transportOf().sendMail({
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
      transport?.close();
    },
  };
}
