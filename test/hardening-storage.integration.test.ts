import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/clickhouse';
import { apiClient, overHttp, type ApiResponse } from './support/http';
import { waitFor } from './support/kafkaIngest';
import { startServer, type RunningServer } from './support/server';

/**
 * Storage trouble, for real (DESIGN.md, Reliability; API.md, Errors): Vigil's data directory
 * lives on a small tmpfs of its own. While clients keep sending, the file system is filled to
 * the last byte, then freed; later the directory is made read-only, then writable again. While
 * storage is broken, ingest answers 503 with `Retry-After` (never a 500) and the process stays
 * up, and `/readyz` says storage takes no writes; once storage is back it takes predictions
 * again without a restart, and every prediction it acknowledged is stored exactly once.
 *
 * Needs root (mount). The kernel refuses to remount a file system read-only while a process
 * holds a file on it open for writing, and ClickHouse keeps its `status` file open for its
 * lifetime; so "read-only" is a read-only bind mount laid over the data directory, which every
 * path lookup after it goes through (writes fail with EROFS exactly as on a read-only disk).
 */
const ADMIN_KEY = 'hardening-storage-admin-key-0123456789';
const MODEL = 'disk';
const ITEMS_PER_BATCH = 20;
/** 503 answers to see in each broken phase before storage is given back. */
const REFUSALS_PER_PHASE = 5;

const mountPoint = mkdtempSync(join(tmpdir(), 'vigil-storage-'));
const dataDir = join(mountPoint, 'data');
let tmpfsMounted = false;
let bindMounted = false;
let server: RunningServer | undefined;

function run(command: string, args: string[]): void {
  execFileSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
}

function mountFailure(what: string, error: unknown): Error {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? '';
  return new Error(
    `${what} failed (${stderr || (error as Error).message}). This test puts Vigil's data directory on a real tmpfs and needs root with mount rights (CI runs it as root); it cannot run without them.`,
  );
}

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error(`this test mounts a tmpfs and must run as root (uid 0); it runs as uid ${process.getuid?.()}`);
  try {
    // Room for the schema, a few hundred batches and ClickHouse's merges; small enough to fill fast.
    run('mount', ['-t', 'tmpfs', '-o', 'size=96m', 'tmpfs', mountPoint]);
    tmpfsMounted = true;
  } catch (error) {
    throw mountFailure(`mount -t tmpfs on ${mountPoint}`, error);
  }
  mkdirSync(dataDir);
  server = await startServer({ dataDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DETECTORS: 'off' } });
  const created = await apiClient(overHttp(server.url), ADMIN_KEY).post('/v1/models', { name: MODEL, task: 'regression', features: [{ name: 'x', type: 'numeric' }] });
  expect(created.status).toBe(201);
}, 120_000);

afterAll(async () => {
  sending = false;
  await server?.stop('SIGKILL');
  // Lazy unmounts: nothing may keep the test's mounts alive after it, even a failed test.
  if (bindMounted) run('umount', ['-l', dataDir]);
  if (tmpfsMounted) run('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

/** What the clients sent and were answered. */
const ledger = {
  sent: new Set<string>(),
  acknowledged: new Set<string>(),
  acknowledgedBatches: 0,
  /** 503 answers that carried Retry-After and the storage_unavailable code. */
  refusals: 0,
  /** Any other answer that is not a 2xx: each one is a finding. */
  unexpected: [] as string[],
};
let sending = true;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** An SDK-like client: a batch that is not acknowledged is sent again, same ids, until it is. */
async function client(name: string): Promise<void> {
  const api = apiClient(overHttp(server!.url), ADMIN_KEY);
  for (let batch = 0; sending; batch++) {
    const ids = Array.from({ length: ITEMS_PER_BATCH }, (_, i) => `${name}-${batch}-${i}`);
    ids.forEach((id) => ledger.sent.add(id));
    while (sending) {
      let answer: ApiResponse<{ error?: { code?: string } }>;
      try {
        answer = await api.post<{ error?: { code?: string } }>('/v1/predictions', { predictions: ids.map((id, i) => ({ model: MODEL, id, features: { x: i }, prediction: i })) });
      } catch (error) {
        // The process must stay up through storage trouble: a lost connection is a finding.
        if (sending) ledger.unexpected.push(`no answer: ${(error as Error).message}`);
        await pause(50);
        continue;
      }
      if (answer.status === 200) {
        ids.forEach((id) => ledger.acknowledged.add(id));
        ledger.acknowledgedBatches += 1;
        break;
      }
      if (answer.status === 503 && answer.headers.get('retry-after') !== null && answer.body?.error?.code === 'storage_unavailable') ledger.refusals += 1;
      else ledger.unexpected.push(`${answer.status} retry-after=${answer.headers.get('retry-after')} ${JSON.stringify(answer.body).slice(0, 300)}`);
      // Retry-After says 5 s; the test retries sooner to see the recovery as it happens.
      await pause(50);
    }
  }
}

/** Writes a filler file until the file system answers ENOSPC; returns its path. */
function fillTheDisk(): string {
  const filler = join(mountPoint, 'filler');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(1 << 20, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  // Then the last pages, so that not even a small part file fits.
  const tail = openSync(filler, 'a');
  try {
    for (;;) writeSync(tail, Buffer.alloc(4096, 1));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(tail);
  }
  return filler;
}

/** Lays a read-only bind mount over the data directory (retried while a write holds it busy). */
async function makeReadOnly(): Promise<void> {
  run('mount', ['--bind', dataDir, dataDir]);
  bindMounted = true;
  await waitFor(
    'the read-only remount',
    async () => {
      try {
        run('mount', ['-o', 'remount,bind,ro', dataDir]);
        return true;
      } catch {
        return false; // EBUSY: an insert has a file open on the new mount right now
      }
    },
    (done) => done,
  );
}

async function storageIsBack(what: string): Promise<void> {
  const before = ledger.acknowledgedBatches;
  await waitFor(`acknowledged batches again after ${what}`, async () => ledger.acknowledgedBatches, (n) => n >= before + 5, 60_000);
}

async function refused(what: string): Promise<void> {
  const before = ledger.refusals;
  await waitFor(`503 answers while ${what}`, async () => ({ refusals: ledger.refusals, unexpected: ledger.unexpected }), (s) => s.refusals >= before + REFUSALS_PER_PHASE || s.unexpected.length > 0, 60_000);
  expect(ledger.unexpected).toEqual([]);
  expect(server!.process.exitCode).toBeNull();
}

/** GET /readyz: its status and its storage_writes check. */
async function readiness(): Promise<{ status: number; writes: string }> {
  const response = await fetch(new URL('/readyz', server!.url));
  const body = (await response.json()) as { checks: Record<string, string> };
  return { status: response.status, writes: body.checks.storage_writes ?? 'missing' };
}

describe('the data directory full, then read-only, mid-run', () => {
  it('answers 503 with Retry-After while storage is broken, recovers by itself and loses nothing acknowledged', async () => {
    const clients = ['a', 'b'].map(client);
    await waitFor('ingest flowing', async () => ledger.acknowledgedBatches, (n) => n >= 10);

    expect(await readiness()).toEqual({ status: 200, writes: 'ok' });
    const filler = fillTheDisk();
    await refused('the disk is full');
    // Reads still work while nothing can be written; readiness says writes do not.
    expect((await apiClient(overHttp(server!.url), ADMIN_KEY).get(`/v1/models/${MODEL}/predictions?limit=10`)).status).toBe(200);
    expect(await readiness()).toEqual({ status: 503, writes: 'unavailable' });
    rmSync(filler);
    await storageIsBack('the disk was freed');
    expect(await readiness()).toEqual({ status: 200, writes: 'ok' });

    await makeReadOnly();
    await refused('the data directory is read-only');
    expect(await readiness()).toEqual({ status: 503, writes: 'unavailable' });
    run('mount', ['-o', 'remount,bind,rw', dataDir]);
    await storageIsBack('the data directory was writable again');
    expect(await readiness()).toEqual({ status: 200, writes: 'ok' });

    sending = false;
    await Promise.all(clients);
    expect(ledger.unexpected).toEqual([]);

    const api = apiClient(overHttp(server!.url), ADMIN_KEY);
    const listed: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { predictions: { id: string }[]; nextCursor: string | null } } = await api.get(`/v1/models/${MODEL}/predictions?limit=1000${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      listed.push(...page.body.predictions.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor !== null);
    const stored = new Set(listed);
    expect(listed.length).toBe(stored.size);
    expect([...ledger.acknowledged].filter((id) => !stored.has(id))).toEqual([]);
    expect([...stored].filter((id) => !ledger.sent.has(id))).toEqual([]);

    // The rows themselves (no FINAL): each acknowledged id once, and found by id.
    await server!.stop('SIGTERM');
    server = undefined;
    const store = await openStore({ database: 'vigil', dataDir });
    try {
      const copies = await store.query<{ id: string; n: number }>('test.copies', 'SELECT id, count() AS n FROM predictions WHERE model = {model:String} GROUP BY id HAVING n > 1', { model: MODEL });
      expect(copies).toEqual([]);
      const unindexed = await store.query<{ id: string }>(
        'test.unindexed',
        'SELECT id FROM predictions WHERE model = {model:String} AND id IN {ids:Array(String)} AND id NOT IN (SELECT id FROM prediction_ids WHERE model = {model:String})',
        { model: MODEL, ids: [...ledger.acknowledged] },
      );
      expect(unindexed).toEqual([]);
    } finally {
      await store.close();
    }
  }, 300_000);
});
