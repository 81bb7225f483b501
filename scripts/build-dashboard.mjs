#!/usr/bin/env node
// Builds the dashboard (dashboard/ -> dashboard/dist) when its sources are newer than the
// last build, so `npm start` always serves the current dashboard and starts at once when
// nothing changed. `--force` builds regardless. Run by `npm start` (prestart) and by the tests.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../dashboard/', import.meta.url));
const builtMarker = join(root, 'dist', 'index.html');

function newestSourceMs(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSourceMs(join(path, name))));
}

const sources = ['index.html', 'vite.config.ts', 'svelte.config.js', 'src'].map((name) => join(root, name));
const builtAt = existsSync(builtMarker) ? statSync(builtMarker).mtimeMs : -1;
if (!process.argv.includes('--force') && builtAt >= Math.max(...sources.map(newestSourceMs))) process.exit(0);

let vite;
try {
  vite = await import('vite');
} catch {
  if (builtAt >= 0) process.exit(0); // an installation without build tools serves what was built
  console.error('dashboard: dashboard/dist is missing and Vite is not installed; run `npm ci` (with dev dependencies) and `npm run build:dashboard`');
  process.exit(1);
}
const started = Date.now();
await vite.build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
console.error(`dashboard: built dashboard/dist in ${Date.now() - started} ms`);
