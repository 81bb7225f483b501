import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Store } from './clickhouse';

/** A versioned schema change: `store/migrations/NNNN_name.sql`. */
export interface Migration {
  version: number;
  name: string;
  statements: string[];
  checksum: string;
}

export interface MigrationReport {
  applied: Migration[];
  alreadyApplied: number;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Splits a migration file into statements: `--` comment lines dropped, `;` at line end ends one. */
export function splitStatements(sql: string): string[] {
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}

/** Reads the migration files of a directory, ordered by version. */
export function loadMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = /^(\d{4})_([a-z0-9_]+)\.sql$/.exec(file);
      if (!match) throw new Error(`migration file ${file} must be named NNNN_snake_case_name.sql`);
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: Number(match[1]),
        name: match[2] ?? file,
        statements: splitStatements(text),
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    })
    .sort((a, b) => a.version - b.version);
  migrations.forEach((m, i) => {
    if (i > 0 && m.version === migrations[i - 1]?.version) throw new Error(`two migrations share version ${m.version}`);
  });
  return migrations;
}

const DDL_TARGET =
  /^(\s*(?:CREATE\s+(?:TABLE|MATERIALIZED\s+VIEW|VIEW|DICTIONARY)\s+(?:IF\s+NOT\s+EXISTS\s+)?|ALTER\s+TABLE\s+|DROP\s+(?:TABLE|VIEW|DICTIONARY)\s+(?:IF\s+EXISTS\s+)?)[`\w.]+)/i;
const MERGE_TREE_ENGINE = /ENGINE\s*=\s*(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing)?MergeTree\b/g;

/**
 * The cluster form of a single-node statement: `ON CLUSTER` after the object name and each
 * `*MergeTree` engine replicated. Replicated engines take their ZooKeeper path and replica
 * name from the server's `default_replica_path` / `default_replica_name` (macros {shard},
 * {replica}), so one statement serves every replica.
 */
export function forCluster(statement: string, cluster: string): string {
  return statement
    .replace(DDL_TARGET, `$1 ON CLUSTER '${cluster}'`)
    .replace(MERGE_TREE_ENGINE, (_match, kind: string | undefined) => `ENGINE = Replicated${kind ?? ''}MergeTree`);
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations
(
    version    UInt32,
    name       String,
    checksum   String,
    applied_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
ORDER BY version`;

/**
 * Applies every migration not yet recorded in `schema_migrations`, in order, and records it.
 * Idempotent: statements are `IF NOT EXISTS`, recorded versions are skipped, and a recorded
 * migration whose file changed since is refused rather than silently diverging.
 */
export async function migrate(store: Store, migrations: Migration[] = loadMigrations()): Promise<MigrationReport> {
  const render = (statement: string) => (store.cluster === undefined ? statement : forCluster(statement, store.cluster));
  await store.command('migrations.ledger', render(LEDGER));
  const recorded = await store.query<{ version: number; name: string; checksum: string }>(
    'migrations.recorded',
    'SELECT version, name, checksum FROM schema_migrations FINAL ORDER BY version',
  );
  const recordedByVersion = new Map(recorded.map((r) => [Number(r.version), r]));
  const applied: Migration[] = [];
  for (const migration of migrations) {
    const previous = recordedByVersion.get(migration.version);
    if (previous !== undefined) {
      if (previous.checksum !== migration.checksum) {
        throw new Error(
          `migration ${migration.version} (${migration.name}) was changed after it was applied; add a new migration instead of editing an applied one`,
        );
      }
      continue;
    }
    for (const statement of migration.statements) {
      await store.command(`migration.${migration.version}`, render(statement));
    }
    await store.insert('migrations.record', 'schema_migrations', [
      { version: migration.version, name: migration.name, checksum: migration.checksum, applied_at: Date.now() },
    ]);
    applied.push(migration);
  }
  return { applied, alreadyApplied: migrations.length - applied.length };
}
