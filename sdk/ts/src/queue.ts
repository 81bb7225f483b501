/**
 * A FIFO of at most `capacity` items that makes room for a new item by dropping the oldest:
 * under a long outage the freshest telemetry is the most useful, and memory never grows past
 * the bound. Items taken out for sending are outside the queue until `returnToFront` puts them
 * back (a retry) or they are delivered.
 */
export class DropOldestQueue<T> {
  private items: T[] = [];
  private head = 0;
  /** Items removed to make room since the queue was created. */
  dropped = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
  }

  get length(): number {
    return this.items.length - this.head;
  }

  /** Adds an item; returns how many old items were dropped to make room (0 or 1). */
  push(item: T): number {
    let dropped = 0;
    if (this.length >= this.capacity) {
      this.head += 1;
      dropped = 1;
    }
    this.items.push(item);
    this.dropped += dropped;
    this.compact();
    return dropped;
  }

  /** The first item, without taking it. */
  peek(): T | undefined {
    return this.items[this.head];
  }

  /** Takes up to `max` items from the front for which `same(first, item)` holds, in order. */
  takeRun(max: number, same: (first: T, item: T) => boolean): T[] {
    const first = this.peek();
    if (first === undefined) return [];
    let end = this.head + 1;
    while (end < this.items.length && end - this.head < max && same(first, this.items[end] as T)) end += 1;
    const run = this.items.slice(this.head, end);
    this.head = end;
    this.compact();
    return run;
  }

  /**
   * Puts items taken for sending back in front (a retry), dropping the oldest of them if the
   * queue filled up meanwhile. Returns how many were dropped.
   */
  returnToFront(batch: readonly T[]): number {
    const room = Math.max(0, this.capacity - this.length);
    const kept = batch.length > room ? batch.slice(batch.length - room) : batch;
    this.items = [...kept, ...this.items.slice(this.head)];
    this.head = 0;
    const dropped = batch.length - kept.length;
    this.dropped += dropped;
    return dropped;
  }

  /** Empties the queue, returning what it held. */
  clear(): T[] {
    const rest = this.items.slice(this.head);
    this.items = [];
    this.head = 0;
    return rest;
  }

  /** Reclaims the consumed prefix once it is large, so push and take stay O(1) amortised. */
  private compact(): void {
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
  }
}
