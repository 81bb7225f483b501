/**
 * The URL is the dashboard's state: the page, the model, the feature and the range live in the
 * path and the query, so every view is a link. A tiny History API router: no page reloads,
 * back/forward work, internal `<a href="/...">` clicks are handled here.
 */

class Location {
  path = $state(window.location.pathname);
  search = $state(window.location.search);
  query = $derived(new URLSearchParams(this.search));
}

export const location = new Location();

function sync(): void {
  location.path = window.location.pathname;
  location.search = window.location.search;
}

export function navigate(href: string, { replace = false }: { replace?: boolean } = {}): void {
  if (replace) window.history.replaceState(null, '', href);
  else window.history.pushState(null, '', href);
  sync();
  if (!replace) window.scrollTo(0, 0);
}

/** The current page with some query parameters changed (null or '' removes one): for links and `setQuery`. */
export function queryHref(updates: Record<string, string | null | undefined>): string {
  const query = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(updates)) {
    if (value === null || value === undefined || value === '') query.delete(name);
    else query.set(name, value);
  }
  const search = query.toString();
  return `${location.path}${search ? `?${search}` : ''}`;
}

/** Changes some query parameters of the current page; replaces the history entry by default. */
export function setQuery(updates: Record<string, string | null | undefined>, { replace = true }: { replace?: boolean } = {}): void {
  navigate(queryHref(updates), { replace });
}

/** A page path with each segment encoded, so a name with slashes, quotes or `?` stays one segment: `href('models', name)`. */
export function href(...segments: string[]): string {
  return `/${segments.map(encodeURIComponent).join('/')}`;
}

/** Matches `/models/:model/features/:feature` against a path; the parameters come back decoded. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  const found = new RegExp(`^${source}/?$`).exec(path);
  if (!found) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
}

export function startRouter(): void {
  window.addEventListener('popstate', sync);
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element | null)?.closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin || /^\/(v1|v2|docs|openapi\.json|metrics)\b/.test(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
