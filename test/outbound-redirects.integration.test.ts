import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboundPolicy } from '../alerts/delivery/addressGuard';
import { postOnce } from '../alerts/delivery/outbound';

/**
 * The outbound guard and redirects: Vigil never follows one, so an allowed receiver cannot
 * bounce a webhook (with its signed body) to an address the guard refuses, such as a cloud
 * metadata endpoint or another loopback service.
 */
let bouncer: Server;
let inner: Server;
let innerHits = 0;
const listen = (server: Server, host: string) => new Promise<string>((resolve) => server.listen(0, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}`)));
let bouncerUrl: string;
let innerUrl: string;

beforeAll(async () => {
  inner = createServer((_req, res) => {
    innerHits += 1;
    res.end('ok');
  });
  innerUrl = await listen(inner, '127.0.0.2');
  bouncer = createServer((req, res) => {
    req.resume();
    res.writeHead(req.url === '/temporary' ? 307 : 302, { location: `${innerUrl}/hook` }).end();
  });
  bouncerUrl = await listen(bouncer, '127.0.0.1');
});
afterAll(() => {
  bouncer.close();
  inner.close();
});

describe('webhook redirects', () => {
  it('are failed attempts, not retried and never followed, whatever the code', async () => {
    const policy = new OutboundPolicy(['127.0.0.1']); // the receiver is allowed; 127.0.0.2 is not
    for (const path of ['/found', '/temporary']) {
      const result = await postOnce(`${bouncerUrl}${path}`, '{"secret":"payload"}', {}, { policy, timeoutMs: 5000 });
      expect(result.statusCode).toBe(path === '/found' ? 302 : 307);
      expect(result.outcome).toMatchObject({ kind: 'failed', retry: false });
    }
    expect(innerHits).toBe(0);
  });

  it('cannot reach a refused address even when it is named directly', async () => {
    const result = await postOnce(`${innerUrl}/hook`, '{}', {}, { policy: new OutboundPolicy(['127.0.0.1']), timeoutMs: 5000 });
    expect(result.outcome).toMatchObject({ kind: 'failed', retry: false });
    expect((result.outcome as { reason: string }).reason).toContain('127.0.0.2');
    expect(innerHits).toBe(0);
  });
});
