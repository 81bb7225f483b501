import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One email as the catcher received and `mailparser` read it. */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface SmtpCatcher {
  /** `smtp://127.0.0.1:<port>`: what the email channel names as its `smtpUrl`. */
  url: string;
  /** Everything received so far, in arrival order. */
  received: CaughtMail[];
  close(): Promise<void>;
}

/**
 * A local SMTP server (the `smtp-server` package) on loopback that accepts every message
 * without TLS or login and keeps it, parsed: a mail catcher, so the demo's alert email lands
 * somewhere visible without a real mail server.
 */
export async function startSmtpCatcher(onReceive: (mail: CaughtMail) => void = () => {}): Promise<SmtpCatcher> {
  const received: CaughtMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CaughtMail = {
            from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
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
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
