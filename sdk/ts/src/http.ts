import type { FeedbackRecord, PredictionRecord } from './events.js';
import { isRetryableStatus, parseRetryAfterMs, refusedIndexes, type SendOutcome } from './retry.js';

/** The subset of `fetch` the SDK uses; tests pass a fake. */
export type FetchLike = (url: string, init: { method: string; headers: Record<string, string>; body: string; signal?: AbortSignal }) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}>;

/** One endpoint per kind of record, with the JSON field that carries the list. */
export const ENDPOINTS = {
  prediction: { path: '/v1/predictions', field: 'predictions' },
  feedback: { path: '/v1/feedback', field: 'feedback' },
} as const;

export type RecordKind = keyof typeof ENDPOINTS;

interface ErrorDetailBody {
  path?: unknown;
  message?: unknown;
}

interface ErrorBody {
  error?: { message?: string; details?: ErrorDetailBody[] };
}

/** The server's error message with its first few details, for a log line. */
function errorMessage(status: number, text: string): { message: string; details: ErrorDetailBody[] | undefined } {
  try {
    const body = JSON.parse(text) as ErrorBody;
    const details = body.error?.details ?? [];
    const shown = details.slice(0, 5).map((d) => `${String(d.path)}: ${String(d.message)}`);
    const more = details.length > 5 ? ` (and ${details.length - 5} more)` : '';
    const message = [body.error?.message ?? `HTTP ${status}`, ...shown].join('; ') + more;
    return { message, details };
  } catch {
    return { message: `HTTP ${status}${text ? `: ${text.slice(0, 200)}` : ''}`, details: undefined };
  }
}

/**
 * Posts one batch of one kind and classifies the answer. Never throws: a network failure or
 * timeout is an outcome to retry like a 503.
 */
export async function sendBatch(
  fetchImpl: FetchLike,
  options: { url: string; apiKey: string; timeoutMs: number; now: () => number; signal?: AbortSignal },
  kind: RecordKind,
  records: readonly (PredictionRecord | FeedbackRecord)[],
): Promise<SendOutcome> {
  const { path, field } = ENDPOINTS[kind];
  let response: Awaited<ReturnType<FetchLike>>;
  let text: string;
  try {
    response = await fetchImpl(`${options.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${options.apiKey}` },
      body: JSON.stringify({ [field]: records }),
      signal: options.signal ? AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]) : AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = error instanceof Error ? (error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message) : String(error);
    return { kind: 'retry', message: `could not reach ${options.url}: ${cause}` };
  }
  if (response.status >= 200 && response.status < 300) return { kind: 'delivered' };
  const { message, details } = errorMessage(response.status, text);
  if (isRetryableStatus(response.status)) {
    const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'), options.now());
    return { kind: 'retry', status: response.status, message, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  }
  return { kind: 'rejected', status: response.status, message, badIndexes: response.status === 400 ? refusedIndexes(details, field) : [] };
}
