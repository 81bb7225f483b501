import { startSmtpCatcher, type CaughtMail, type SmtpLogin } from '../../demo/receivers/smtpCatcher';
import { Arrivals } from './arrivals';

/** One email as the SMTP server received and mailparser read it. */
export type ReceivedMail = CaughtMail;

/** Credentials the server requires (AUTH PLAIN or LOGIN, without TLS), refusing the first `refuseFirst` logins even when right. */
export type SmtpAuth = SmtpLogin;

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Resolves with the first mail matching, waiting for it up to `timeoutMs`. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/**
 * A real SMTP server on loopback: the demo's mail catcher (the `smtp-server` package, accepting
 * any sender and recipient without TLS, and without authentication unless `auth` is given),
 * with a wait for the mail a test expects.
 */
export async function startSmtpServer(options: { auth?: SmtpAuth; port?: number } = {}): Promise<TestSmtpServer> {
  const arrivals = new Arrivals<ReceivedMail>((mails) => JSON.stringify(mails.map((m) => m.subject)));
  const catcher = await startSmtpCatcher((mail) => arrivals.add(mail), { ...(options.auth === undefined ? {} : { login: options.auth }), ...(options.port === undefined ? {} : { port: options.port }) });
  return {
    url: catcher.url,
    mails: arrivals.items,
    waitFor: (match, timeoutMs = 20_000) => arrivals.waitFor(match, timeoutMs),
    close: () => catcher.close(),
  };
}
