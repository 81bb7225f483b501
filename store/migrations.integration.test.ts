import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test/support/server';
import { openStore, type Store } from './clickhouse';
import { loadMigrations, migrate } from './migrations';

/** Migrations on embedded ClickHouse (chDB): applied once, recorded, idempotent, tamper-evident. */
const data = tempDataDir();
let store: Store;
beforeAll(async () => {
  store = await openStore({ database: 'vigil', dataDir: data.dir });
}, 60_000);
afterAll(async () => {
  await store.close();
  data.remove();
});

async function schema() {
  return store.query<{ name: string; create_table_query: string }>(
    'test.schema',
    "SELECT name, create_table_query FROM system.tables WHERE database = currentDatabase() ORDER BY name",
  );
}

describe('migrate', () => {
  it('applies every migration on an empty database and records each', async () => {
    const all = loadMigrations();
    const report = await migrate(store, all);
    expect(report.applied.map((m) => m.version)).toEqual(all.map((m) => m.version));
    const recorded = await store.query<{ version: number }>('test.recorded', 'SELECT version FROM schema_migrations FINAL ORDER BY version');
    expect(recorded.map((r) => Number(r.version))).toEqual(all.map((m) => m.version));
    expect((await schema()).map((t) => t.name)).toEqual(expect.arrayContaining(['api_keys', 'models', 'projects', 'schema_migrations']));
  });

  it('changes nothing when applied again', async () => {
    const before = await schema();
    const ledgerBefore = await store.query('test.ledger', 'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version');
    const report = await migrate(store);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toBe(loadMigrations().length);
    expect(await schema()).toEqual(before);
    expect(await store.query('test.ledger', 'SELECT version, checksum, applied_at FROM schema_migrations ORDER BY version')).toEqual(ledgerBefore);
  });

  it('refuses to start when an applied migration was edited', async () => {
    const [first, ...rest] = loadMigrations();
    const edited = { ...first!, checksum: '0'.repeat(64) };
    await expect(migrate(store, [edited, ...rest])).rejects.toThrow(/was changed after it was applied/);
  });

  it('applies a new migration after the recorded ones', async () => {
    const next = { version: 9999, name: 'test_extra', statements: ['CREATE TABLE IF NOT EXISTS test_extra (x String) ENGINE = MergeTree ORDER BY x'], checksum: 'f'.repeat(64) };
    const report = await migrate(store, [...loadMigrations(), next]);
    expect(report.applied.map((m) => m.version)).toEqual([9999]);
    expect((await schema()).map((t) => t.name)).toContain('test_extra');
  });
});
