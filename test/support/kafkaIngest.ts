import { apiClient, overHttp } from './http';

/** Shared steps of the Kafka integration tests: ids stored for a model, and waiting for them. */

export async function storedIds(url: string, key: string, model: string): Promise<string[]> {
  const api = apiClient(overHttp(url), key);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { predictions: { id: string }[]; nextCursor: string | null } } = await api.get(`/v1/models/${model}/predictions?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    if (page.status !== 200) throw new Error(`listing predictions answered ${page.status}: ${JSON.stringify(page.body)}`);
    ids.push(...page.body.predictions.map((p) => p.id));
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return ids;
}

/** Polls until `done` holds, failing with the last state after `timeoutMs`. */
export async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
