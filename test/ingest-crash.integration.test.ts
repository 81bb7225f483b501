import { afterAll, describe, expect, it } from 'vitest';
import { apiClient, overHttp } from './support/http';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * An acknowledged prediction survives the server being killed (-9) mid-stream: after a
 * restart every acknowledged id is stored, once.
 */
const ADMIN_KEY = 'crash-test-admin-key-0123456789';
const data = tempDataDir();
let server: RunningServer | undefined;
afterAll(async () => {
  await server?.stop('SIGKILL');
  data.remove();
});

async function allIds(url: string): Promise<string[]> {
  const api = apiClient(overHttp(url), ADMIN_KEY);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { predictions: { id: string }[]; nextCursor: string | null } } = await api.get(`/v1/models/crash/predictions?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
    ids.push(...page.body.predictions.map((p) => p.id));
    cursor = page.body.nextCursor;
  } while (cursor !== null);
  return ids;
}

describe('kill -9 during ingest', () => {
  it('keeps every acknowledged prediction, exactly once', async () => {
    server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY } });
    await apiClient(overHttp(server.url), ADMIN_KEY).post('/v1/models', { name: 'crash', task: 'regression', features: [{ name: 'x', type: 'numeric' }] });

    const acknowledged: string[] = [];
    for (let round = 0; round < 2; round++) {
      const api = apiClient(overHttp(server.url), ADMIN_KEY);
      let sent = 0;
      let stop = false;
      const client = async (c: number) => {
        for (let r = 0; !stop; r++) {
          const ids = Array.from({ length: 50 }, (_, i) => `r${round}-c${c}-b${r}-${i}`);
          try {
            const response = await api.post('/v1/predictions', { predictions: ids.map((id, i) => ({ model: 'crash', id, features: { x: i }, prediction: i })) });
            if (response.status === 200) acknowledged.push(...ids);
            sent += 1;
          } catch {
            return; // the connection died with the server
          }
        }
      };
      const clients = [0, 1, 2, 3].map(client);
      // Kill once requests are flowing, at a different point in each round.
      const target = 20 + round * 15;
      const deadline = Date.now() + 30_000;
      while (sent < target && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      await server.stop('SIGKILL');
      stop = true;
      await Promise.all(clients);
      server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY } });
    }

    expect(acknowledged.length).toBeGreaterThan(1000);
    const stored = await allIds(server.url);
    const storedSet = new Set(stored);
    expect(stored.length).toBe(storedSet.size);
    expect(acknowledged.filter((id) => !storedSet.has(id))).toEqual([]);
  }, 180_000);
});
