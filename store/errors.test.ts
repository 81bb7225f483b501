import { createServer } from 'node:net';
import { ClickHouseLogLevel, createClient } from '@clickhouse/client';
import { describe, expect, it } from 'vitest';
import { clickhouseCode, isStorageUnavailable, StorageError } from './errors';

describe('isStorageUnavailable', () => {
  const cases: [string, unknown, boolean][] = [
    ['a ClickHouse timeout (client error, code as text)', Object.assign(new Error('Timeout exceeded'), { code: '159' }), true],
    ['disk full (chDB error, clickhouseCode)', Object.assign(new Error('Cannot reserve space'), { code: 'CHDB_INSERT', clickhouseCode: 243 }), true],
    ['a table that is read-only', Object.assign(new Error('read only'), { code: '242' }), true],
    ['a syntax error', Object.assign(new Error('Syntax error'), { code: '62' }), false],
    ['an unknown table', Object.assign(new Error('Unknown table'), { code: '60' }), false],
    ['a parse error in inserted data', Object.assign(new Error('Cannot parse input'), { code: 'CHDB_INSERT', clickhouseCode: 27 }), false],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), true],
    ['a socket error wrapped by a client', new Error('request failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) }), true],
    ['a programming error', new TypeError('x is not a function'), false],
    [
      'a read-only data directory (chDB wraps the std::filesystem_error)',
      Object.assign(new Error('Code: 1001. DB::Exception: std::__1::filesystem::filesystem_error: filesystem error: in create_directories: Read-only file system ["/data/clickhouse/store/197/tmp_insert_20261123_2_2_1"]. (STD_EXCEPTION)'), { code: 'CHDB_INSERT', clickhouseCode: 1001 }),
      true,
    ],
    ['another std exception (a bug, not the disk)', Object.assign(new Error('Code: 1001. DB::Exception: std::out_of_range: vector. (STD_EXCEPTION)'), { code: '1001' }), false],
    ['a part file that cannot be created', Object.assign(new Error('Cannot open file'), { code: '586' }), true],
  ];
  it.each(cases)('%s', (_name, error, expected) => {
    expect(isStorageUnavailable(error)).toBe(expected);
    expect(new StorageError('test', error).unavailable).toBe(expected);
  });

  it('reads the code of chDB and client errors alike', () => {
    expect(clickhouseCode(Object.assign(new Error(), { code: '60' }))).toBe(60);
    expect(clickhouseCode(Object.assign(new Error(), { code: 'CHDB_INSERT', clickhouseCode: 27 }))).toBe(27);
    expect(clickhouseCode(Object.assign(new Error(), { code: 'ECONNREFUSED' }))).toBeUndefined();
  });

  it('classifies what @clickhouse/client throws when no server listens', async () => {
    // A port that was just free: the real client's real failure, not a hand-made one.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const client = createClient({ url: `http://127.0.0.1:${port}`, request_timeout: 2000, log: { level: ClickHouseLogLevel.OFF } });
    const error = await client.query({ query: 'SELECT 1' }).catch((e: unknown) => e);
    await client.close();
    expect(isStorageUnavailable(error)).toBe(true);
  });
});
