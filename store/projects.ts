import type { Store } from './clickhouse';

/** Projects: the isolation boundary of keys, models and telemetry. */
export class ProjectRepository {
  constructor(private readonly store: Store) {}

  async exists(name: string): Promise<boolean> {
    const rows = await this.store.query<{ n: string }>('projects.exists', 'SELECT count() AS n FROM projects FINAL WHERE name = {name:String}', { name });
    return Number(rows[0]?.n ?? 0) > 0;
  }

  /** Creates the project unless it exists; returns whether it was created. */
  async ensure(name: string, now: number): Promise<boolean> {
    if (await this.exists(name)) return false;
    await this.store.insert('projects.insert', 'projects', [{ name, created_at: now }]);
    return true;
  }
}
