import { defineConfig } from 'vitest/config';

// Each test file runs in its own process: chDB binds one data directory per process, so
// files that open storage must not share one.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', 'data/**', 'dashboard/dist/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
