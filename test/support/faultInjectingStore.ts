import type { QueryParams, Store } from '../../store/clickhouse';

/**
 * A real store with switchable faults on inserts, for what cannot be staged for real in one
 * process here: a ClickHouse server going away (inserts fail as a refused connection does), or
 * inserts that hang (to fill the ingest queue). Reads and everything else pass through.
 */
export class FaultInjectingStore implements Store {
  private fault: 'none' | 'refuse' | 'hold' = 'none';
  private held: (() => void)[] = [];

  constructor(private readonly inner: Store) {}

  get mode() {
    return this.inner.mode;
  }
  get database() {
    return this.inner.database;
  }
  get cluster() {
    return this.inner.cluster;
  }

  /** Inserts fail as when the server refuses connections. */
  refuseInserts(): void {
    this.fault = 'refuse';
  }
  /** Inserts wait until `release`. */
  holdInserts(): void {
    this.fault = 'hold';
  }
  /** Back to normal; held inserts proceed. */
  release(): void {
    this.fault = 'none';
    this.held.splice(0).forEach((go) => go());
  }

  query<Row>(tag: string, sql: string, params?: QueryParams): Promise<Row[]> {
    return this.inner.query<Row>(tag, sql, params);
  }
  command(tag: string, sql: string, params?: QueryParams): Promise<void> {
    return this.inner.command(tag, sql, params);
  }
  async insert<Row extends object>(tag: string, table: string, rows: readonly Row[]): Promise<void> {
    if (this.fault === 'refuse') throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8123'), { code: 'ECONNREFUSED', errno: -111, syscall: 'connect' });
    if (this.fault === 'hold') await new Promise<void>((resolve) => this.held.push(resolve));
    return this.inner.insert(tag, table, rows);
  }
  ping(): Promise<boolean> {
    return this.inner.ping();
  }
  writable(): Promise<boolean> {
    return this.fault === 'refuse' ? Promise.resolve(false) : this.inner.writable();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}
