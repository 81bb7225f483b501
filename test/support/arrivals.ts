/**
 * What a test receiver has received, and a wait for the first arrival that matches: the
 * shared core of the loopback receivers (SMTP, webhooks).
 */
export class Arrivals<T> {
  readonly items: T[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(private readonly describe: (items: readonly T[]) => string) {}

  add(item: T): void {
    this.items.push(item);
    this.waiters.forEach((wake) => wake());
  }

  /** The first item matching, now or when it arrives; rejects after `timeoutMs`. */
  waitFor(match: (item: T) => boolean, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.items.find(match);
        if (found === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`nothing matching arrived within ${timeoutMs} ms; received ${this.describe(this.items)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }
}
