import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { httpOutcome, type AttemptOutcome } from './retryPolicy';
import type { OutboundPolicy } from './addressGuard';

/** The result of one outbound HTTP attempt, as the attempt log records it. */
export interface HttpAttemptResult {
  outcome: AttemptOutcome;
  statusCode: number | null;
  /** A `Retry-After` the receiver sent (ms), honoured by the retry policy. */
  retryAfterMs?: number;
}

/** Thrown (and recorded as a failure that is not retried) when the guard refuses an address. */
export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefused';
  }
}

/**
 * A DNS lookup that checks every address it returns against the policy. It runs when the
 * socket connects, so the address checked is the address used: a name that resolves to a
 * public address when the channel is saved and to 127.0.0.1 at delivery (DNS rebinding) is
 * still refused.
 */
function guardedLookup(policy: OutboundPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      for (const a of addresses) {
        const refusal = policy.refusal(hostname, a.address);
        if (refusal !== null) return callback(new OutboundRefused(refusal), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (first === undefined) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      return callback(null, first.address, first.family);
    });
  };
}

function retryAfterMs(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text.trim())) return Number(text.trim()) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** Secrets never travel in logs or attempt records: drop query strings and credentials from a URL. */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * POSTs a body to an http(s) URL through the address guard, within `timeoutMs` for the whole
 * attempt (connect, send, answer), and classifies the result with the one retry policy. Never
 * throws for network failures: they are failed attempts to retry.
 */
export async function postOnce(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { policy: OutboundPolicy; timeoutMs: number; contentType?: string },
): Promise<HttpAttemptResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { outcome: { kind: 'failed', retry: false, reason: 'invalid URL' }, statusCode: null };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { outcome: { kind: 'failed', retry: false, reason: `unsupported protocol ${target.protocol}` }, statusCode: null };
  const host = target.hostname.replace(/^\[|\]$/g, '');
  // Literal addresses skip DNS (and so the guarded lookup): check them here.
  if (isIP(host) !== 0) {
    const refusal = options.policy.refusal(host, host);
    if (refusal !== null) return { outcome: { kind: 'failed', retry: false, reason: refusal }, statusCode: null };
  }
  const payload = Buffer.from(body);
  const requestOptions: RequestOptions = {
    method: 'POST',
    headers: { ...headers, 'content-type': options.contentType ?? 'application/json', 'content-length': String(payload.length), 'user-agent': 'Vigil' },
    lookup: guardedLookup(options.policy),
    signal: AbortSignal.timeout(options.timeoutMs),
  };
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HttpAttemptResult>((resolve) => {
    const req = send(target, requestOptions, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        // Keep only the start of the answer: enough for the attempt log.
        if (size < 1024) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(chunks).toString('utf8').slice(0, 300).replace(/\s+/g, ' ').trim();
        const outcome = httpOutcome(status, status >= 200 && status < 300 ? undefined : text || undefined);
        const after = retryAfterMs(res.headers['retry-after']);
        resolve({ outcome, statusCode: status, ...(after === undefined ? {} : { retryAfterMs: after }) });
      });
      res.on('error', (error) => resolve({ outcome: httpOutcome(null, error.message), statusCode: res.statusCode ?? null }));
    });
    req.on('error', (error: Error & { code?: string }) => {
      if (error instanceof OutboundRefused || (error.cause instanceof OutboundRefused)) {
        resolve({ outcome: { kind: 'failed', retry: false, reason: error instanceof OutboundRefused ? error.message : (error.cause as Error).message }, statusCode: null });
        return;
      }
      const timedOut = error.name === 'AbortError' || error.name === 'TimeoutError' || error.code === 'ABORT_ERR';
      resolve({ outcome: httpOutcome(null, timedOut ? `no answer within ${options.timeoutMs} ms` : `${error.code ?? error.name}: ${error.message}`), statusCode: null });
    });
    req.end(payload);
  });
}
