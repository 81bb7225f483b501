import { afterEach, describe, expect, it } from 'vitest';
import { Vigil, type DeliveryProblem, type VigilOptions } from './client.js';
import type { FetchLike } from './http.js';

/** A fake Vigil: records each request's items and answers from a script (default 200). */
function fakeServer(answers: ((items: unknown[]) => { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error')[] = []) {
  const requests: { path: string; items: any[]; at: number }[] = [];
  const fetch: FetchLike = async (url, init) => {
    const body = JSON.parse(init.body) as Record<string, unknown[]>;
    const items = Object.values(body)[0]!;
    requests.push({ path: new URL(url).pathname, items, at: Date.now() });
    const answer = answers.shift()?.(items) ?? { status: 200, body: {} };
    if (answer === 'network-error') throw new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    const headers = new Headers(answer.headers);
    return { status: answer.status, headers, text: async () => JSON.stringify(answer.body ?? {}) };
  };
  return { fetch, requests };
}

const clients: Vigil[] = [];
function client(options: Partial<VigilOptions> & { fetch: FetchLike }): { vigil: Vigil; problems: DeliveryProblem[] } {
  const problems: DeliveryProblem[] = [];
  const vigil = new Vigil({ url: 'http://vigil.test/', apiKey: 'k', flushOnExit: false, initialRetryDelayMs: 5, onError: (p) => problems.push(p), ...options });
  clients.push(vigil);
  return { vigil, problems };
}
afterEach(async () => {
  for (const vigil of clients.splice(0)) await vigil.close(100);
});

const prediction = (id: string) => ({ model: 'churn', id, features: { tenure_months: 3 }, prediction: 0 });

describe('Vigil client', () => {
  it('batches queued items per kind, in order, and returns generated ids at once', async () => {
    const server = fakeServer();
    const { vigil } = client({ fetch: server.fetch });
    const id = vigil.logPrediction({ model: 'churn', features: { plan: 'pro' }, prediction: 'stay' });
    vigil.logPrediction(prediction('p-2'));
    vigil.logFeedback({ model: 'churn', predictionId: id, label: 'left' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.requests).toEqual([]); // nothing sent on the caller's path
    expect(await vigil.flush()).toBe(true);
    expect(server.requests.map((r) => [r.path, r.items.length])).toEqual([['/v1/predictions', 2], ['/v1/feedback', 1]]);
    expect(server.requests[0]!.items[0]).toMatchObject({ id, model: 'churn', features: { plan: 'pro' }, prediction: 'stay' });
    expect(vigil.stats).toMatchObject({ delivered: 3, queued: 0, dropped: 0, rejected: 0 });
  });

  it('sends a full batch without waiting for the interval', async () => {
    const server = fakeServer();
    const { vigil } = client({ fetch: server.fetch, batchSize: 2, flushIntervalMs: 60_000 });
    vigil.logPrediction(prediction('a'));
    vigil.logPrediction(prediction('b'));
    await expect.poll(() => server.requests.length).toBe(1);
  });

  it('throws for a caller bug, synchronously, and queues nothing', () => {
    const server = fakeServer();
    const { vigil } = client({ fetch: server.fetch });
    expect(() => vigil.logPrediction({ model: 'churn', features: { age: Number.NaN }, prediction: 1 })).toThrow('features.age: expected a finite number, a string or null, got NaN');
    expect(vigil.stats.queued).toBe(0);
  });

  it('keeps items through network errors and 503s, honouring Retry-After', async () => {
    const server = fakeServer([() => 'network-error', () => ({ status: 503, headers: { 'retry-after': '1' }, body: { error: { message: 'storage unavailable' } } })]);
    const { vigil, problems } = client({ fetch: server.fetch });
    vigil.logPrediction(prediction('p-1'));
    expect(await vigil.flush(5_000)).toBe(true);
    expect(server.requests.map((r) => r.items[0].id)).toEqual(['p-1', 'p-1', 'p-1']);
    expect(server.requests[2]!.at - server.requests[1]!.at).toBeGreaterThanOrEqual(990);
    expect(problems.map((p) => [p.kind, p.status, p.retryInMs !== undefined])).toEqual([['retrying', undefined, true], ['retrying', 503, true]]);
    expect(problems[0]!.message).toContain('ECONNREFUSED');
    expect(problems[1]!.retryInMs).toBe(1000);
    expect(vigil.stats).toMatchObject({ delivered: 1, retries: 2 });
  });

  it('drops a batch the server refuses whole, once, and says why', async () => {
    const server = fakeServer([() => ({ status: 404, body: { error: { code: 'not_found', message: 'model "churn" does not exist' } } })]);
    const { vigil, problems } = client({ fetch: server.fetch });
    vigil.logPrediction(prediction('p-1'));
    vigil.logPrediction(prediction('p-2'));
    expect(await vigil.flush()).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(problems).toEqual([{ kind: 'rejected', count: 2, status: 404, message: 'Vigil refused 2 prediction item(s): model "churn" does not exist' }]);
    expect(vigil.stats).toMatchObject({ rejected: 2, delivered: 0 });
  });

  it('drops only the items a 400 names and sends the rest again', async () => {
    const server = fakeServer([() => ({ status: 400, body: { error: { message: 'invalid predictions', details: [{ path: 'predictions[1].features.tenure_months', message: 'expected a number, got string "x"' }] } } })]);
    const { vigil, problems } = client({ fetch: server.fetch });
    for (const id of ['p-0', 'p-1', 'p-2']) vigil.logPrediction(prediction(id));
    expect(await vigil.flush()).toBe(true);
    expect(server.requests.map((r) => r.items.map((i) => i.id))).toEqual([['p-0', 'p-1', 'p-2'], ['p-0', 'p-2']]);
    expect(problems[0]!.message).toBe('Vigil refused 1 prediction item(s): invalid predictions; predictions[1].features.tenure_months: expected a number, got string "x"');
    expect(vigil.stats).toMatchObject({ rejected: 1, delivered: 2 });
  });

  it('drops the oldest when the queue overflows during an outage, and counts them', async () => {
    const server = fakeServer(Array.from({ length: 1000 }, () => () => 'network-error' as const));
    const { vigil, problems } = client({ fetch: server.fetch, maxQueueSize: 5, batchSize: 5, initialRetryDelayMs: 60_000 });
    for (let i = 0; i < 5; i += 1) vigil.logPrediction(prediction(`old-${i}`));
    await expect.poll(() => vigil.stats.retries).toBe(1); // the first 5 failed and wait in the queue
    for (let i = 0; i < 7; i += 1) vigil.logPrediction(prediction(`new-${i}`));
    expect(vigil.stats).toMatchObject({ queued: 5, dropped: 7 });
    const stats = await vigil.close(50);
    expect(stats.dropped).toBe(12); // 7 overflowed + 5 abandoned at close
    expect(problems.map((p) => [p.kind, p.count])).toContainEqual(['dropped', 7]);
    expect(problems.map((p) => [p.kind, p.count])).toContainEqual(['abandoned', 5]);
  });

  it('emits OpenTelemetry log records instead of posting when given a logger', async () => {
    const emitted: unknown[] = [];
    const vigil = new Vigil({ openTelemetry: { logger: { emit: (record) => emitted.push(record) } } });
    const id = vigil.logPrediction({ model: 'churn', version: '3', timestamp: '2026-11-23T17:00:00Z', features: { plan: 'pro', seats: null }, prediction: 1, scores: { '1': 0.8 }, latencyMs: 4 });
    vigil.logFeedback({ model: 'churn', predictionId: id, label: 0, timestamp: 0 });
    expect(emitted).toEqual([
      {
        eventName: 'ml.prediction', timestamp: Date.parse('2026-11-23T17:00:00Z'), severityNumber: 9, severityText: 'INFO', body: 'ml.prediction',
        attributes: { 'event.name': 'ml.prediction', 'ml.model.name': 'churn', 'ml.model.version': '3', 'ml.prediction.id': id, 'ml.features': { plan: 'pro', seats: null }, 'ml.prediction.value': 1, 'ml.prediction.scores': { '1': 0.8 }, 'ml.latency_ms': 4 },
      },
      { eventName: 'ml.feedback', timestamp: 0, severityNumber: 9, severityText: 'INFO', body: 'ml.feedback', attributes: { 'event.name': 'ml.feedback', 'ml.model.name': 'churn', 'ml.prediction.id': id, 'ml.label': 0 } },
    ]);
    expect(await vigil.flush()).toBe(true);
  });

  it('needs a url and a key unless it emits OpenTelemetry records', () => {
    expect(() => new Vigil({ url: 'http://x' })).toThrow('both are required');
  });
});
