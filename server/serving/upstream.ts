import type { GatewayOutcome } from '../../store/gatewayRequests';

/** How a call to a model server went, before its body was read. */
export type UpstreamCall =
  | {
      kind: 'answered';
      /** Below 500: the model server answered (4xx is the caller's problem, passed through). */
      response: Response;
      /** Clears the timeout; call once the body is read (or abandoned). */
      done(): void;
    }
  | { kind: 'failed'; outcome: Extract<GatewayOutcome, 'upstream_error' | 'timeout' | 'unreachable'>; httpStatus: number; reason: string };

/** The longest reason quoted from a model server's error body. */
const MAX_REASON_CHARS = 500;

/** The message of an OIP error body (`{"error": "..."}`), or the body's text, shortened. */
function reasonOf(text: string): string {
  let reason = text.trim();
  try {
    const parsed = JSON.parse(reason) as unknown;
    if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
      const error = (parsed as { error: unknown }).error;
      reason = typeof error === 'string' ? error : JSON.stringify(error);
    }
  } catch {
    // Not JSON: quote the text as it is.
  }
  return reason.length > MAX_REASON_CHARS ? `${reason.slice(0, MAX_REASON_CHARS)}…` : reason || '(empty body)';
}

/** Node's network error code of a failed fetch (`ECONNREFUSED`, ...), from its `cause`. */
function networkCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}

/**
 * One call to a model server with a deadline that covers the whole answer, body included: the
 * timer runs until `done()` or the deadline, which aborts the body stream too. A 5xx answer is
 * read (bounded) for its reason; any answer below 500 is returned unread, to be streamed.
 */
export async function callUpstream(url: string, init: { method: 'GET' | 'POST'; body?: Uint8Array; headers?: Record<string, string> }, timeoutMs: number): Promise<UpstreamCall> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const done = () => clearTimeout(timer);
  try {
    const response = await fetch(url, { method: init.method, body: init.body, headers: init.headers, signal: controller.signal, redirect: 'manual' });
    if (response.status < 500) return { kind: 'answered', response, done };
    const text = await response.text();
    done();
    return { kind: 'failed', outcome: 'upstream_error', httpStatus: response.status, reason: reasonOf(text) };
  } catch (error) {
    done();
    if (timedOut) return { kind: 'failed', outcome: 'timeout', httpStatus: 0, reason: `no complete answer within ${timeoutMs} ms` };
    return { kind: 'failed', outcome: 'unreachable', httpStatus: 0, reason: `cannot reach the model server: ${networkCode(error)}` };
  }
}

/** Reads a stream to the end, keeping at most `maxBytes` (beyond that, `truncated`). */
export async function readBounded(stream: ReadableStream<Uint8Array>, maxBytes: number): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let truncated = false;
  for await (const chunk of stream) {
    if (truncated) continue;
    size += chunk.byteLength;
    if (size > maxBytes) truncated = true;
    else chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), truncated };
}
