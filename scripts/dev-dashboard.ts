/**
 * For working on the dashboard: starts Vigil on a fresh data directory, seeds a drifting and a
 * healthy model (test/support/dashboardSeed.ts), and prints the URL and an admin key to sign in
 * with. Runs until Ctrl-C. `PORT` chooses the port (default 8787).
 *   npx tsx scripts/dev-dashboard.ts
 */
import { execFileSync } from 'node:child_process';
import { seedClient, seedDashboard } from '../test/support/dashboardSeed';
import { startServer, tempDataDir } from '../test/support/server';

const ADMIN_KEY = 'dev-dashboard-admin-key-0123456789';

execFileSync(process.execPath, ['scripts/build-dashboard.mjs'], { stdio: 'inherit' });
const data = tempDataDir('vigil-dev-dashboard-');
const server = await startServer({
  dataDir: data.dir,
  env: { VIGIL_ADMIN_KEY: ADMIN_KEY, PORT: process.env.PORT ?? '8787', VIGIL_DETECTORS: 'off', VIGIL_ALERT_INTERVAL_MS: '500', VIGIL_ALERT_GROUP_WAIT_MS: '0' },
});
const stop = async () => {
  await server.stop();
  data.remove();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
await seedDashboard(seedClient(server.url, ADMIN_KEY), { log: (line) => process.stderr.write(`seed: ${line}\n`) });
process.stderr.write(`\nVigil dashboard: ${server.url}/\nSign in with the admin key: ${ADMIN_KEY}\n(Ctrl-C stops the server and deletes its data)\n`);
