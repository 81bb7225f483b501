import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `npm ci && npm start` on a fresh machine needs a lockfile that lists chdb's optional
 * platform packages. The registry here serves only the Linux x64 one, so a plain `npm install`
 * drops the others, and `npm ci` then fails on every machine.
 */
describe('package-lock.json', () => {
  it("lists every platform package of chdb (fix: node scripts/lockfile-platforms.mjs)", () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as { packages: Record<string, { optionalDependencies?: Record<string, string> }> };
    const platforms = Object.keys(lock.packages['node_modules/chdb']?.optionalDependencies ?? {});
    expect(platforms.length).toBeGreaterThan(0);
    expect(platforms.filter((name) => lock.packages[`node_modules/${name}`] === undefined)).toEqual([]);
  });
});
