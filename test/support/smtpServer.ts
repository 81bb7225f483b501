import type { AddressInfo } from 'node:net';
import { Arrivals } from './arrivals';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email as the SMTP server received and mailparser read it. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

export interface TestSmtpServer {
  /** `smtp://127.0.0.1:<port>` for SMTP_URL. */
  url: string;
  mails: ReceivedMail[];
  /** Resolves with the first mail matching, waiting for it up to `timeoutMs`. */
  waitFor(match: (mail: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  close(): Promise<void>;
}

/** Credentials the server requires (AUTH PLAIN or LOGIN, without TLS), refusing the first `refuseFirst` logins even when right. */
export interface SmtpAuth {
  username: string;
  password: string;
  refuseFirst?: number;
}

/**
 * A real SMTP server on loopback (the `smtp-server` package), accepting any sender and
 * recipient without TLS, and without authentication unless `auth` is given, keeping every
 * message it receives, parsed.
 */
export async function startSmtpServer(options: { auth?: SmtpAuth } = {}): Promise<TestSmtpServer> {
  const arrivals = new Arrivals<ReceivedMail>((mails) => JSON.stringify(mails.map((m) => m.subject)));
  const { auth } = options;
  let refusals = auth?.refuseFirst ?? 0;
  const server = new SMTPServer({
    ...(auth === undefined
      ? { authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'] }
      : {
          authOptional: false,
          allowInsecureAuth: true,
          disabledCommands: ['STARTTLS'],
          onAuth(login, _session, callback) {
            const right = login.username === auth.username && login.password === auth.password;
            if (right && refusals <= 0) return callback(null, { user: login.username });
            refusals -= 1;
            return callback(new Error('authentication failed'));
          },
        }),
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          arrivals.add({
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails: arrivals.items,
    waitFor: (match, timeoutMs = 20_000) => arrivals.waitFor(match, timeoutMs),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
