import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { forCluster, loadMigrations, splitStatements } from './migrations';

describe('splitStatements', () => {
  it('splits on semicolons at line ends and drops comment lines', () => {
    const sql = `-- a comment; with a semicolon\nCREATE TABLE a (x String) ENGINE = MergeTree ORDER BY x;\n\nCREATE TABLE b\n(\n  y String -- trailing\n)\nENGINE = Log;\n`;
    expect(splitStatements(sql)).toEqual(['CREATE TABLE a (x String) ENGINE = MergeTree ORDER BY x', 'CREATE TABLE b\n(\n  y String -- trailing\n)\nENGINE = Log']);
  });
});

describe('forCluster', () => {
  const cases: [string, string, string][] = [
    ['plain MergeTree', 'CREATE TABLE IF NOT EXISTS t (x String) ENGINE = MergeTree ORDER BY x', "CREATE TABLE IF NOT EXISTS t ON CLUSTER 'prod' (x String) ENGINE = ReplicatedMergeTree ORDER BY x"],
    [
      'ReplacingMergeTree with a version column',
      'CREATE TABLE IF NOT EXISTS models\n(\n  a String\n)\nENGINE = ReplacingMergeTree(updated_at)\nORDER BY a',
      "CREATE TABLE IF NOT EXISTS models ON CLUSTER 'prod'\n(\n  a String\n)\nENGINE = ReplicatedReplacingMergeTree(updated_at)\nORDER BY a",
    ],
    ['AggregatingMergeTree', 'CREATE TABLE IF NOT EXISTS agg (k String) ENGINE=AggregatingMergeTree ORDER BY k', "CREATE TABLE IF NOT EXISTS agg ON CLUSTER 'prod' (k String) ENGINE = ReplicatedAggregatingMergeTree ORDER BY k"],
    ['ALTER TABLE', 'ALTER TABLE models ADD COLUMN IF NOT EXISTS b String', "ALTER TABLE models ON CLUSTER 'prod' ADD COLUMN IF NOT EXISTS b String"],
    ['materialized view', 'CREATE MATERIALIZED VIEW IF NOT EXISTS mv TO t AS SELECT 1', "CREATE MATERIALIZED VIEW IF NOT EXISTS mv ON CLUSTER 'prod' TO t AS SELECT 1"],
    ['non-replicated engine left alone', 'CREATE TABLE IF NOT EXISTS q (x String) ENGINE = Null', "CREATE TABLE IF NOT EXISTS q ON CLUSTER 'prod' (x String) ENGINE = Null"],
  ];
  it.each(cases)('%s', (_name, input, expected) => {
    expect(forCluster(input, 'prod')).toBe(expected);
  });
});

describe('loadMigrations', () => {
  it("loads Vigil's migrations in version order, each with statements and a checksum", () => {
    const migrations = loadMigrations();
    expect(migrations.length).toBeGreaterThanOrEqual(2);
    expect(migrations.map((m) => m.version)).toEqual([...migrations.map((m) => m.version)].sort((a, b) => a - b));
    for (const m of migrations) {
      expect(m.statements.length).toBeGreaterThan(0);
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('refuses a file that does not follow NNNN_name.sql', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-migrations-'));
    try {
      writeFileSync(join(dir, 'add-table.sql'), 'SELECT 1;');
      expect(() => loadMigrations(dir)).toThrow(/NNNN_snake_case_name\.sql/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
