import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DASHBOARD_API_TYPES_PATH, dashboardApiTypes, REGENERATE_COMMAND } from '../scripts/dashboard-api-types';

/**
 * The dashboard's API types (dashboard/src/lib/api.gen.ts) are generated from /openapi.json and
 * committed; svelte-check holds the pages to them. A server schema change that was not
 * regenerated would leave the pages checked against the old answers.
 */
describe('dashboard/src/lib/api.gen.ts', () => {
  it('is what the server documents today', async () => {
    const committed = readFileSync(DASHBOARD_API_TYPES_PATH, 'utf8');
    const fresh = await dashboardApiTypes();
    if (committed !== fresh) {
      expect.fail(`dashboard/src/lib/api.gen.ts differs from the server's /openapi.json: run \`${REGENERATE_COMMAND}\` and fix what svelte-check then finds in the dashboard`);
    }
  });
});
