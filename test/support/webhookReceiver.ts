import { createServer, type IncomingHttpHeaders } from 'node:http';
import { Arrivals } from './arrivals';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got, with whether its Standard Webhooks signature verified. */
export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  signatureValid: boolean;
  /** The status the receiver answered. */
  status: number;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedHook[];
  /** Answer the next `n` requests with `status` (default 503) before accepting. */
  failNext(n: number, status?: number): void;
  waitFor(match: (hook: ReceivedHook) => boolean, timeoutMs?: number): Promise<ReceivedHook>;
  close(): Promise<void>;
}

/**
 * An HTTP receiver on loopback (on `port`, or a free one) that verifies each request's Standard Webhooks signature with
 * `secret` (when given) using the scheme's reference library, records everything, and can be
 * told to fail requests first.
 */
export async function startWebhookReceiver(options: { secret?: string; port?: number } = {}): Promise<WebhookReceiver> {
  const arrivals = new Arrivals<ReceivedHook>((hooks) => `${hooks.length}: ${hooks.map((r) => `${r.status} ${r.path}`).join(', ')}`);
  let failures: { left: number; status: number } = { left: 0, status: 503 };
  const verifier = options.secret === undefined ? undefined : new Webhook(options.secret);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let signatureValid = false;
      if (verifier !== undefined) {
        try {
          verifier.verify(body, { 'webhook-id': String(req.headers['webhook-id']), 'webhook-timestamp': String(req.headers['webhook-timestamp']), 'webhook-signature': String(req.headers['webhook-signature']) });
          signatureValid = true;
        } catch {
          signatureValid = false;
        }
      }
      let status = 200;
      if (failures.left > 0) {
        failures = { ...failures, left: failures.left - 1 };
        status = failures.status;
      } else if (verifier !== undefined && !signatureValid) status = 401;
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
      const hook: ReceivedHook = { path: req.url ?? '', headers: req.headers, body, json, signatureValid, status, at: Date.now() };
      res.writeHead(status, { 'content-type': 'application/json' }).end(status < 300 ? '{"ok":true}' : '{"error":"try later"}');
      arrivals.add(hook);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received: arrivals.items,
    failNext(n, status = 503) {
      failures = { left: n, status };
    },
    waitFor: (match, timeoutMs = 20_000) => arrivals.waitFor(match, timeoutMs),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
