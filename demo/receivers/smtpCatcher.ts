import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email as the catcher received and `mailparser` read it. */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Map<string, unknown>;
}

/** Credentials the catcher requires (AUTH PLAIN or LOGIN, without TLS), refusing the first `refuseFirst` logins even when right. */
export interface SmtpLogin {
  username: string;
  password: string;
  refuseFirst?: number;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`: what the email channel names as its `smtpUrl`. */
  url: string;
  /** Everything received so far, in arrival order. */
  received: CaughtMail[];
  close(): Promise<void>;
}

/**
 * A local SMTP server (the `smtp-server` package) on loopback (on `port`, or a free one) that accepts every message
 * without TLS, and without login unless `login` is given, and keeps it, parsed: a mail
 * catcher, so the demo's alert email lands somewhere visible without a real mail server (and
 * the tests' SMTP server, test/support/smtpServer.ts).
 */
export async function startSmtpCatcher(onReceive: (mail: CaughtMail) => void = () => {}, options: { login?: SmtpLogin; port?: number } = {}): Promise<SmtpCatcher> {
  const received: CaughtMail[] = [];
  const { login } = options;
  let refusals = login?.refuseFirst ?? 0;
  const server = new SMTPServer({
    ...(login === undefined
      ? { authOptional: true, disabledCommands: ['STARTTLS', 'AUTH'] }
      : {
          authOptional: false,
          allowInsecureAuth: true,
          disabledCommands: ['STARTTLS'],
          onAuth(attempt, _session, callback) {
            const right = attempt.username === login.username && attempt.password === login.password;
            if (right && refusals <= 0) return callback(null, { user: attempt.username });
            refusals -= 1;
            return callback(new Error('authentication failed'));
          },
        }),
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CaughtMail = {
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            headers: parsed.headers,
          };
          received.push(mail);
          onReceive(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
