import { withQuery } from '../api';
import { href } from '../router.svelte';

/**
 * Links between the analysis pages keep the range, the version and the statistic, so that a
 * click on a heatmap row shows the same time span on the feature page.
 */
const CARRIED = ['range', 'from', 'to', 'version', 'statistic'] as const;

function carried(query: URLSearchParams, extra: Record<string, string | null | undefined> = {}): Record<string, string | null | undefined> {
  const kept: Record<string, string | null | undefined> = {};
  for (const name of CARRIED) kept[name] = query.get(name);
  return { ...kept, ...extra };
}

/** `/models/<model>`, names encoded as one segment each. */
export function modelHref(model: string, query?: URLSearchParams): string {
  return withQuery(href('models', model), query ? carried(query) : {});
}

/** `/models/<model>/features/<feature>`, optionally at one window. */
export function featureHref(model: string, feature: string, query?: URLSearchParams, window?: string): string {
  return withQuery(href('models', model, 'features', feature), query ? carried(query, { window }) : { window });
}
