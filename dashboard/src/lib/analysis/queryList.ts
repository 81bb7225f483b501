import { navigate } from '../router.svelte';

/**
 * A query parameter that holds several values (`?series=age&series=plan`), read and written
 * whole; `setQuery` of the router sets single values only. Feature names may hold commas, so
 * the values are repeated rather than joined.
 */
export function queryList(query: URLSearchParams, name: string): string[] {
  return query.getAll(name);
}

export function setQueryList(name: string, values: readonly string[]): void {
  const query = new URLSearchParams(window.location.search);
  query.delete(name);
  for (const value of values) query.append(name, value);
  const search = query.toString();
  navigate(`${window.location.pathname}${search ? `?${search}` : ''}`, { replace: true });
}
