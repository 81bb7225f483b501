import { describe, expect, it } from 'vitest';
import { DropOldestQueue } from './queue.js';

describe('DropOldestQueue', () => {
  it('drops the oldest item to make room and counts it', () => {
    const queue = new DropOldestQueue<number>(3);
    for (const n of [1, 2, 3, 4, 5]) queue.push(n);
    expect(queue.length).toBe(3);
    expect(queue.dropped).toBe(2);
    expect(queue.takeRun(10, () => true)).toEqual([3, 4, 5]);
  });

  it('takes runs of one kind, in order, up to a size', () => {
    const queue = new DropOldestQueue<string>(10);
    for (const item of ['p1', 'p2', 'p3', 'f1', 'p4']) queue.push(item);
    const sameKind = (a: string, b: string) => a[0] === b[0];
    expect(queue.takeRun(2, sameKind)).toEqual(['p1', 'p2']);
    expect(queue.takeRun(5, sameKind)).toEqual(['p3']);
    expect(queue.takeRun(5, sameKind)).toEqual(['f1']);
    expect(queue.takeRun(5, sameKind)).toEqual(['p4']);
    expect(queue.takeRun(5, sameKind)).toEqual([]);
  });

  it('puts a batch back in front for a retry, dropping its oldest when newer items filled the room', () => {
    const queue = new DropOldestQueue<number>(4);
    for (const n of [1, 2, 3]) queue.push(n);
    const batch = queue.takeRun(3, () => true);
    queue.push(4);
    queue.push(5);
    expect(queue.returnToFront(batch)).toBe(1);
    expect(queue.dropped).toBe(1);
    expect(queue.takeRun(10, () => true)).toEqual([2, 3, 4, 5]);
  });

  it('stays correct across many pushes and takes (compaction)', () => {
    const queue = new DropOldestQueue<number>(100);
    let next = 0;
    const taken: number[] = [];
    for (let round = 0; round < 50; round += 1) {
      for (let i = 0; i < 60; i += 1) queue.push(next++);
      taken.push(...queue.takeRun(40, () => true));
    }
    expect(queue.length).toBeLessThanOrEqual(100);
    expect(taken.every((n, i) => i === 0 || n > taken[i - 1]!)).toBe(true);
    expect(taken.length + queue.length + queue.dropped).toBe(next);
  });
});
