/**
 * Serialises the registry changes of one model within this process, so that a change and the
 * state it was decided on (does the version exist, where did the alias point) stay together
 * and audit entries record the true `before`. ClickHouse has no transactions; the registry is
 * written by one Vigil process per project in the single-node setup.
 */
export class ModelLocks {
  private readonly tails = new Map<string, Promise<unknown>>();

  async run<T>(project: string, model: string, change: () => Promise<T>): Promise<T> {
    const key = JSON.stringify([project, model]);
    const previous = this.tails.get(key) ?? Promise.resolve();
    const attempt = previous.catch(() => undefined).then(change);
    this.tails.set(key, attempt);
    try {
      return await attempt;
    } finally {
      if (this.tails.get(key) === attempt) this.tails.delete(key);
    }
  }
}
