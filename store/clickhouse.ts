import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { trace, SpanStatusCode } from '@opentelemetry/api';
import { backOff } from 'exponential-backoff';
import { createChdbConnection, type ChdbConnection } from 'chdb/connection';
import { Readable } from 'node:stream';
import { StorageError, isStorageUnavailable } from './errors';

export interface StoreOptions {
  /** Absent: embedded ClickHouse (chDB) under `dataDir`. */
  url?: string | undefined;
  user?: string;
  password?: string;
  database: string;
  cluster?: string | undefined;
  dataDir: string;
}

export type QueryParams = Record<string, unknown>;

/**
 * The one seam through which Vigil talks to ClickHouse. Every call carries a tag (its name in
 * traces, query ids and errors); values always travel as typed query parameters
 * (`{model:String}`), never spliced into SQL text.
 */
export interface Store {
  readonly mode: 'embedded' | 'server';
  readonly database: string;
  readonly cluster: string | undefined;
  /** Runs a SELECT and returns its rows; retried with back-off while storage is unavailable. */
  query<Row>(tag: string, sql: string, params?: QueryParams): Promise<Row[]>;
  /** Runs a statement that returns no rows (DDL, INSERT ... SELECT). */
  command(tag: string, sql: string, params?: QueryParams): Promise<void>;
  /**
   * Inserts rows, serialised once as JSONEachRow and handed over as bytes (chDB's raw insert
   * embedded, the HTTP body against a server). Not retried here: the caller owns its retry policy.
   */
  insert<Row extends object>(tag: string, table: string, rows: readonly Row[]): Promise<void>;
  ping(): Promise<boolean>;
  /**
   * Whether storage takes writes: embedded, a small file written and removed in the data
   * directory (a full or read-only disk fails it); against a server, whether the last insert
   * succeeded (or failed for a reason other than storage being unavailable).
   */
  writable(): Promise<boolean>;
  close(): Promise<void>;
}

const tracer = trace.getTracer('vigil.store');

async function traced<T>(tag: string, run: () => Promise<T>): Promise<T> {
  return tracer.startActiveSpan(`clickhouse ${tag}`, { attributes: { 'db.system': 'clickhouse', 'db.operation.name': tag } }, async (span) => {
    try {
      return await run();
    } catch (error) {
      const wrapped = error instanceof StorageError ? error : new StorageError(tag, error);
      span.recordException(wrapped);
      span.setStatus({ code: SpanStatusCode.ERROR, message: wrapped.message });
      throw wrapped;
    } finally {
      span.end();
    }
  });
}

const queryId = (tag: string) => `vigil-${tag}-${randomUUID()}`;

/** Table names come from Vigil's code, never from requests; this keeps it that way. */
function assertTableName(table: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(table)) throw new Error(`invalid table name: ${JSON.stringify(table)}`);
}

/** Rows as JSONEachRow bytes: one `JSON.stringify` per row, joined once. */
function jsonLines(rows: readonly object[]): Buffer {
  return Buffer.from(rows.map((row) => JSON.stringify(row)).join('\n'));
}

/** Bytes the embedded write probe writes: a page, as a block of a real insert would need. */
const WRITE_PROBE = Buffer.alloc(4096);

class ClickHouseStore implements Store {
  /** Set when an insert failed because storage was unavailable; cleared by the next one that succeeds. */
  private lastInsertUnavailable = false;

  constructor(
    private readonly client: ClickHouseClient,
    readonly mode: 'embedded' | 'server',
    readonly database: string,
    readonly cluster: string | undefined,
    /** The chDB connection in embedded mode, for its zero-copy raw insert. */
    private readonly chdb?: ChdbConnection,
    /** Embedded mode: chDB's data directory, where the write probe goes. */
    private readonly embeddedPath?: string,
  ) {}

  query<Row>(tag: string, sql: string, params?: QueryParams): Promise<Row[]> {
    return traced(tag, () =>
      backOff(
        async () => {
          const result = await this.client.query({ query: sql, query_params: params, format: 'JSONEachRow', query_id: queryId(tag) });
          return result.json<Row>();
        },
        { numOfAttempts: 3, startingDelay: 100, retry: (error: unknown) => isStorageUnavailable(error) },
      ),
    );
  }

  command(tag: string, sql: string, params?: QueryParams): Promise<void> {
    return traced(tag, async () => {
      await this.client.command({ query: sql, query_params: params, query_id: queryId(tag) });
    });
  }

  insert<Row extends object>(tag: string, table: string, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    assertTableName(table);
    return traced(tag, async () => {
      try {
        await this.insertBytes(tag, table, jsonLines(rows));
        this.lastInsertUnavailable = false;
      } catch (error) {
        if (isStorageUnavailable(error)) this.lastInsertUnavailable = true;
        throw error;
      }
    });
  }

  private async insertBytes(tag: string, table: string, values: Buffer): Promise<void> {
    if (this.chdb !== undefined) {
      // Measured: the raw insert is about twice as fast as the client's insert over the same
      // connection, which re-concatenates the body into the SQL text (docs/architecture.md).
      await this.chdb.chdb.rawInsert({ table: `${this.database}.${table}`, values, format: 'JSONEachRow' });
      return;
    }
    const result = await this.client.exec({ query: `INSERT INTO ${table} FORMAT JSONEachRow`, values: Readable.from([values]), query_id: queryId(tag) });
    result.stream.resume();
  }

  async writable(): Promise<boolean> {
    if (this.embeddedPath === undefined) return !this.lastInsertUnavailable;
    const probe = join(this.embeddedPath, `.vigil-write-probe-${process.pid}`);
    try {
      await writeFile(probe, WRITE_PROBE);
      return true;
    } catch {
      return false;
    } finally {
      await rm(probe, { force: true }).catch(() => undefined);
    }
  }

  async ping(): Promise<boolean> {
    try {
      const result = await this.client.ping();
      return result.success;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/**
 * Opens ClickHouse: in-process through chDB when no URL is given (data under
 * `<dataDir>/clickhouse`), otherwise a server or cluster over HTTP. Creates the database.
 */
export async function openStore(options: StoreOptions): Promise<Store> {
  // Names of schema objects cannot be query parameters; config validates them, and this
  // guard keeps any other caller from passing something that is not a plain identifier.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(options.database)) throw new Error(`invalid database name: ${JSON.stringify(options.database)}`);
  if (options.cluster !== undefined && !/^[A-Za-z0-9_.-]+$/.test(options.cluster)) throw new Error(`invalid cluster name: ${JSON.stringify(options.cluster)}`);
  if (options.url === undefined) {
    const path = resolve(options.dataDir, 'clickhouse');
    mkdirSync(path, { recursive: true });
    // chdb types its Connection against its own copy of @clickhouse/client-common; the
    // runtime contract is the same one @clickhouse/client expects.
    const chdb = createChdbConnection({ path });
    const client = createClient({ connection: chdb as unknown as ClickHouseClientConfigOptions['connection'] });
    try {
      await client.command({ query: `CREATE DATABASE IF NOT EXISTS ${options.database}` });
      // chDB ignores the client's `database` option, but its session keeps `USE` for its
      // lifetime, so unqualified table names resolve to Vigil's database in both modes.
      await client.command({ query: `USE ${options.database}` });
    } catch (error) {
      await client.close();
      throw new StorageError('open', error);
    }
    return new ClickHouseStore(client, 'embedded', options.database, undefined, chdb, path);
  }

  const common = { url: options.url, username: options.user ?? 'default', password: options.password ?? '', application: 'vigil' };
  const bootstrap = createClient(common);
  try {
    const onCluster = options.cluster === undefined ? '' : ` ON CLUSTER '${options.cluster}'`;
    await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${options.database}${onCluster}` });
  } catch (error) {
    throw new StorageError('open', error);
  } finally {
    await bootstrap.close();
  }
  const client = createClient({ ...common, database: options.database });
  return new ClickHouseStore(client, 'server', options.database, options.cluster);
}
