/**
 * One piece of server data a page shows: the last value, whether a load is under way, and the
 * last error. The value stays while a reload runs, so a page dims rather than blanks; each
 * `load` supersedes the previous one, so an answer that arrives after the user moved on (a slow
 * 90-day matrix after switching to 24h) is dropped instead of shown.
 *
 * The value is kept with `$state.raw`: answers are replaced whole, never mutated, and a deep
 * proxy over a 2,160 x 50 matrix would cost more than drawing it.
 */
export class Resource<T> {
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

  /**
   * Starts `fetcher` at once (before the first await, so an effect that calls this tracks what
   * the fetcher reads); resolves when this load has settled, whatever its outcome.
   */
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
