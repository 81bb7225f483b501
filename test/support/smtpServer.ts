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

/**
 * A real SMTP server on loopback (the `smtp-server` package), accepting any sender and
 * recipient without TLS or authentication, keeping every message it receives, parsed.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const arrivals = new Arrivals<ReceivedMail>((mails) => JSON.stringify(mails.map((m) => m.subject)));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
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
