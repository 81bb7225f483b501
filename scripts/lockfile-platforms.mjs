#!/usr/bin/env node
// Keeps chdb's platform packages in package-lock.json. The registry reachable from the
// project's build machines serves only @chdb/lib-linux-x64-gnu, so `npm install` there drops
// the other platforms from the lockfile, and `npm ci` then refuses the lockfile everywhere
// ("Missing: @chdb/lib-darwin-arm64 from lock file"). This restores their entries; npm skips
// them on other platforms, so nothing is fetched. Run after any `npm install`:
//   node scripts/lockfile-platforms.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const chdb = lock.packages['node_modules/chdb'];
if (!chdb) throw new Error('chdb is not in package-lock.json');

const platform = (name) => {
  const [os, cpu, libc] = name.replace('@chdb/lib-', '').split('-');
  return { cpu: [cpu], ...(libc === 'gnu' ? { libc: ['glibc'] } : {}), os: [os] };
};

let added = 0;
for (const [name, version] of Object.entries(chdb.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const { cpu, libc, os } = platform(name);
  lock.packages[key] = { version, cpu, ...(libc ? { libc } : {}), license: 'Apache-2.0', optional: true, os };
  added += 1;
}
if (added > 0) {
  lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
}
console.log(added > 0 ? `restored ${added} chdb platform entries in package-lock.json` : 'package-lock.json already lists every chdb platform');
