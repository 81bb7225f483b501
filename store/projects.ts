import type { Store } from './clickhouse';

/**
 * Creations of a project name in flight, per store (every repository on one store shares
 * them). Opening a project must be decided once: two admins of different projects asking for
 * the same new name at the same moment would otherwise both see it absent, both "create" it,
 * and both get keys into one project. ClickHouse has no transactions, so the check and the
 * insert are serialised per name within the process (several Vigil processes opening the same
 * project name at the same instant would need a lock in ClickHouse Keeper).
 */
const creations = new WeakMap<Store, Map<string, Promise<boolean>>>();

/** Projects: the isolation boundary of keys, models and telemetry. */
export class ProjectRepository {
  constructor(private readonly store: Store) {}

  async exists(name: string): Promise<boolean> {
    const rows = await this.store.query<{ n: string }>('projects.exists', 'SELECT count() AS n FROM projects FINAL WHERE name = {name:String}', { name });
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** Creates the project unless it exists; returns whether this call created it (true for one caller only). */
  async ensure(name: string, now: number): Promise<boolean> {
    let inFlight = creations.get(this.store);
    if (inFlight === undefined) creations.set(this.store, (inFlight = new Map()));
    const previous = inFlight.get(name) ?? Promise.resolve(false);
    const attempt = previous
      .catch(() => false)
      .then(async () => {
        if (await this.exists(name)) return false;
        await this.store.insert('projects.insert', 'projects', [{ name, created_at: now }]);
        return true;
      });
    inFlight.set(name, attempt);
    try {
      return await attempt;
    } finally {
      if (inFlight.get(name) === attempt) inFlight.delete(name);
    }
  }
}
