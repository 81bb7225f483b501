import { location } from '../router.svelte';

/**
 * A link to the current page with some query parameters changed (null removes one), for tabs
 * and filters that are plain links: deep-linkable, and the router handles the click.
 */
export function queryHref(updates: Record<string, string | null>): string {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null || value === '') query.delete(name);
    else query.set(name, value);
  }
  const search = query.toString();
  return `${location.path}${search ? `?${search}` : ''}`;
}

/** A page path with each segment encoded, so a name with slashes, quotes or `?` stays one segment. */
export function pagePath(...segments: string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}
