import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got: the body as sent, and whether its signature verified. */
export interface ReceivedWebhook {
  path: string;
  /** `webhook-id`, `webhook-timestamp`, `webhook-signature` as received. */
  headers: { id: string; timestamp: string; signature: string };
  body: string;
  /** The parsed body, or `null` when it is not JSON. */
  json: unknown;
  signatureValid: boolean;
  /** Why verification failed, when it did. */
  verifyError: string | null;
}

export interface WebhookReceiver {
  url: string;
  /** Everything received so far, in arrival order. */
  received: ReceivedWebhook[];
  close(): Promise<void>;
}

const header = (headers: IncomingHttpHeaders, name: string) => String(headers[name] ?? '');

/**
 * What an ML pipeline's retrain hook does first: an HTTP endpoint on loopback that checks each
 * request's Standard Webhooks signature with the channel's secret (the scheme's reference
 * library, `standardwebhooks`: HMAC-SHA256 of `id.timestamp.body`, timestamps within five
 * minutes), answers 200 when it holds and 401 when not, and keeps what it received.
 */
export async function startWebhookReceiver(secret: string, onReceive: (hook: ReceivedWebhook) => void = () => {}): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const verifier = new Webhook(secret);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const headers = { id: header(req.headers, 'webhook-id'), timestamp: header(req.headers, 'webhook-timestamp'), signature: header(req.headers, 'webhook-signature') };
      let verifyError: string | null = null;
      try {
        verifier.verify(body, { 'webhook-id': headers.id, 'webhook-timestamp': headers.timestamp, 'webhook-signature': headers.signature });
      } catch (error) {
        verifyError = (error as Error).message;
      }
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      res.writeHead(verifyError === null ? 200 : 401, { 'content-type': 'application/json' });
      res.end(verifyError === null ? '{"ok":true}' : JSON.stringify({ error: `signature: ${verifyError}` }));
      const hook: ReceivedWebhook = { path: req.url ?? '', headers, body, json, signatureValid: verifyError === null, verifyError };
      received.push(hook);
      onReceive(hook);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
