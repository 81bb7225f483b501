import type { Store } from '../../store/clickhouse';
import type { ModelRecord, ModelRepository } from '../../store/models';
import { onAliasChange, type RegistryRepository } from '../../store/registry';

/** Where one alias sends requests: a version and the model URL on its OIP v2 server. */
export interface RouteTarget {
  version: string;
  /** `<endpoint>/v2/models/<name>`, or `null` when the version was registered without one. */
  modelUrl: string | null;
}

/** Where a model's requests go now. */
export interface ModelRoutes {
  model: ModelRecord;
  production: RouteTarget | undefined;
  canary: RouteTarget | undefined;
  shadow: RouteTarget | undefined;
}

const ROUTED_ALIASES = ['production', 'canary', 'shadow'] as const;

/**
 * The model URL on a version's endpoint. An endpoint is the base URL of an OIP v2 server
 * (`http://host:8080`), where the model is served under Vigil's model name; or the model's own
 * URL on it (`http://host:8080/v2/models/churn-xgb`, also with `/versions/<v>`), when the
 * server names it differently. A trailing `/infer` is dropped.
 */
export function modelUrlOf(endpoint: string, model: string): string {
  const url = endpoint.replace(/\/+$/, '').replace(/\/infer$/, '');
  return /\/v2\/models\/[^/]+/.test(new URL(url).pathname) ? url : `${url}/v2/models/${encodeURIComponent(model)}`;
}

/**
 * Alias resolutions and version endpoints, cached so that routing costs no ClickHouse round
 * trip per request. Aliases are trusted for `ttlMs` and dropped at once when an alias of the
 * model changes in this process (`onAliasChange`), so a rollback applies to the next request.
 * A version's endpoint never changes after registration, so it is kept until evicted.
 */
export class RouteTable {
  private readonly entries = new Map<string, { routes: Promise<ModelRoutes | undefined>; expiresAt: number }>();
  private readonly endpoints = new Map<string, Promise<string | null>>();
  /** Bumped on every change; a lookup that started before a change does not store its result. */
  private generation = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly deps: { store: Store; registry: RegistryRepository; models: ModelRepository; ttlMs: number; now?: () => number },
  ) {
    this.unsubscribe = onAliasChange(deps.store, ({ project, model }) => this.invalidate(project, model));
  }

  /** The model and where its aliases point, or `undefined` when the project has no such model. */
  routes(project: string, model: string): Promise<ModelRoutes | undefined> {
    const key = `${project}\u0000${model}`;
    const now = (this.deps.now ?? Date.now)();
    const cached = this.entries.get(key);
    if (cached && cached.expiresAt > now) return cached.routes;
    const generation = this.generation;
    const routes = this.load(project, model);
    // Concurrent requests share one lookup; a failed one is not kept.
    const entry = { routes, expiresAt: now + this.deps.ttlMs };
    this.entries.set(key, entry);
    routes.then(
      () => {
        if (generation !== this.generation && this.entries.get(key) === entry) this.entries.delete(key);
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    if (this.entries.size > 10_000) this.entries.clear();
    return routes;
  }

  invalidate(project: string, model: string): void {
    this.generation++;
    this.entries.delete(`${project}\u0000${model}`);
  }

  close(): void {
    this.unsubscribe();
  }

  private async load(project: string, name: string): Promise<ModelRoutes | undefined> {
    const [model, aliases] = await Promise.all([this.deps.models.get(project, name), this.deps.registry.listAliases(project, name)]);
    if (model === undefined) return undefined;
    const target = async (alias: string): Promise<RouteTarget | undefined> => {
      const version = aliases.find((a) => a.alias === alias)?.version;
      if (version === undefined) return undefined;
      const endpoint = await this.endpoint(project, name, version);
      return { version, modelUrl: endpoint === null ? null : modelUrlOf(endpoint, name) };
    };
    const [production, canary, shadow] = await Promise.all(ROUTED_ALIASES.map(target));
    return { model, production, canary, shadow };
  }

  private endpoint(project: string, model: string, version: string): Promise<string | null> {
    const key = `${project}\u0000${model}\u0000${version}`;
    let found = this.endpoints.get(key);
    if (found === undefined) {
      found = this.deps.registry.getVersion(project, model, version).then((v) => v?.endpoint ?? null);
      this.endpoints.set(key, found);
      found.catch(() => this.endpoints.delete(key));
      if (this.endpoints.size > 10_000) this.endpoints.clear();
    }
    return found;
  }
}
