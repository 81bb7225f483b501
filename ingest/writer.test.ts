import { describe, expect, it } from 'vitest';
import { StorageError } from '../store/errors';
import { BatchWriter, QueueFullError, WriterClosedError, type WriterOptions } from './writer';

const options: WriterOptions = { maxBatchRows: 10, lingerMs: 1, maxQueuedRows: 25 };

/** A flush that records each batch and can be held open, to shape the queue. */
function recordingFlush() {
  const batches: number[][][] = [];
  let release: (() => void) | undefined;
  let hold = false;
  return {
    batches,
    holdNext() {
      hold = true;
    },
    release() {
      release?.();
    },
    flush: async (requests: number[][]) => {
      batches.push(requests);
      if (hold) {
        hold = false;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return requests.map(() => 0);
    },
  };
}

describe('BatchWriter', () => {
  it('coalesces requests that arrive together into one insert, up to maxBatchRows, never splitting a request', async () => {
    const sink = recordingFlush();
    const writer = new BatchWriter('test', sink.flush, options);
    await Promise.all([writer.submit([1, 2, 3]), writer.submit([4, 5, 6]), writer.submit([7, 8, 9, 10, 11]), writer.submit([12])]);
    expect(sink.batches).toEqual([[[1, 2, 3], [4, 5, 6]], [[7, 8, 9, 10, 11], [12]]]);
  });

  it('inserts a request larger than maxBatchRows alone and whole', async () => {
    const sink = recordingFlush();
    const writer = new BatchWriter('test', sink.flush, options);
    const big = Array.from({ length: 15 }, (_, i) => i);
    await Promise.all([writer.submit([100]), writer.submit(big)]);
    expect(sink.batches).toEqual([[[100]], [big]]);
  });

  it('refuses at once when the queue is full, and accepts again once it drains', async () => {
    const sink = recordingFlush();
    const writer = new BatchWriter('test', sink.flush, { ...options, lingerMs: 0 });
    sink.holdNext();
    const first = writer.submit([1]);
    const queued = [writer.submit(Array(10).fill(2)), writer.submit(Array(10).fill(3))];
    await expect(writer.submit(Array(10).fill(4))).rejects.toBeInstanceOf(QueueFullError);
    expect(writer.depth).toBe(20);
    sink.release();
    await Promise.all([first, ...queued]);
    await expect(writer.submit([5])).resolves.toBe(0);
  });

  it('fails every request of a failed insert with a StorageError and goes on with the next', async () => {
    let calls = 0;
    const writer = new BatchWriter(
      'test',
      async (requests: number[][]) => {
        calls += 1;
        if (calls === 1) throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        return requests.map(() => 0);
      },
      options,
    );
    const failed = await Promise.allSettled([writer.submit([1]), writer.submit([2])]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const reason = (failed[0] as PromiseRejectedResult).reason as StorageError;
    expect(reason).toBeInstanceOf(StorageError);
    expect(reason.unavailable).toBe(true);
    await expect(writer.submit([3])).resolves.toBe(0);
  });

  it('reports duplicates per request', async () => {
    const writer = new BatchWriter('test', async (requests: number[][]) => requests.map((r) => r.filter((x) => x < 0).length), options);
    expect(await Promise.all([writer.submit([1, -1, -2]), writer.submit([-3])])).toEqual([2, 1]);
  });

  it('on close writes what is queued, then refuses new requests', async () => {
    const sink = recordingFlush();
    const writer = new BatchWriter('test', sink.flush, { ...options, lingerMs: 10_000 });
    const pending = writer.submit([1, 2]);
    await writer.close();
    await expect(pending).resolves.toBe(0);
    expect(sink.batches).toEqual([[[1, 2]]]);
    await expect(writer.submit([3])).rejects.toBeInstanceOf(WriterClosedError);
  });
});
