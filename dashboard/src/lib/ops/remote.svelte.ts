/**
 * One piece of server data a page shows: the last value, whether a load is under way, and the
 * last error. The value stays while a reload runs, so a page does not blank out after every
 * change; a newer load wins over an older one that answers late.
 */
export class Remote<T> {
  #value = $state.raw<T | undefined>(undefined);
  #loading = $state(false);
  #error = $state.raw<unknown>(null);
  #generation = 0;

  get value(): T | undefined {
    return this.#value;
  }

  get loading(): boolean {
    return this.#loading;
  }

  get error(): unknown {
    return this.#error;
  }

  /** Nothing has arrived yet and a load is under way: the page shows "Loading…". */
  get firstLoad(): boolean {
    return this.#loading && this.#value === undefined;
  }

  async load(fetcher: () => Promise<T>): Promise<void> {
    const generation = ++this.#generation;
    this.#loading = true;
    this.#error = null;
    try {
      const value = await fetcher();
      if (generation === this.#generation) this.#value = value;
    } catch (error) {
      if (generation === this.#generation) this.#error = error;
    } finally {
      if (generation === this.#generation) this.#loading = false;
    }
  }

  /** Replaces the value with what the server answered to a change made on the page. */
  set(value: T): void {
    this.#value = value;
  }
}
