/**
 * One piece of server data a page shows: loading, its value or the error, and nothing stale.
 * Each `load` supersedes the previous one, so an answer that arrives after the user moved on
 * (a slow 90-day matrix after switching to 24h) is dropped instead of shown.
 *
 * The value is kept with `$state.raw`: answers are replaced whole, never mutated, and a deep
 * proxy over a 2,160 x 50 matrix would cost more than drawing it.
 */
export class Resource<T> {
  #value = $state.raw<T | undefined>(undefined);
  #error = $state.raw<unknown>(null);
  #loading = $state(false);
  #generation = 0;

  get value(): T | undefined {
    return this.#value;
  }

  get error(): unknown {
    return this.#error;
  }

  get loading(): boolean {
    return this.#loading;
  }

  /**
   * Starts `fetcher` (synchronously, so an effect that calls this tracks what it reads). The
   * previous value stays until the new one arrives, so a page dims rather than blanks.
   */
  load(fetcher: () => Promise<T>): void {
    const generation = ++this.#generation;
    this.#loading = true;
    this.#error = null;
    let pending: Promise<T>;
    try {
      pending = fetcher();
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending.then(
      (value) => {
        if (generation !== this.#generation) return;
        this.#value = value;
        this.#loading = false;
      },
      (error: unknown) => {
        if (generation !== this.#generation) return;
        this.#error = error;
        this.#loading = false;
      },
    );
  }
}
