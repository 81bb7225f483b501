import { navigate } from '../router.svelte';

/**
 * Writes a query parameter that holds several values (`?series=age&series=plan`; read them
 * with `location.query.getAll`); `setQuery` of the router sets single values only. Feature names may hold commas, so
 * the values are repeated rather than joined.
 */
export function setQueryList(name: string, values: readonly string[]): void {
  const query = new URLSearchParams(window.location.search);
  query.delete(name);
  for (const value of values) query.append(name, value);
  const search = query.toString();
  navigate(`${window.location.pathname}${search ? `?${search}` : ''}`, { replace: true });
}
