import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RetrainPayloadSchema } from '../alerts/channels/retrain/payload';
import { findVigil } from '../demo/connection';
import { runDemo, type DemoResult } from '../demo/story';
import { DRIFTED_FEATURES } from '../demo/traffic';
import { apiClient, overHttp } from './support/http';
import { announcedKey, startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * `npm run demo` end to end against a fresh Vigil, as a newcomer runs it: the demo finds the
 * server and the admin key the first start kept in the data directory, tells its story, and
 * each step is checked through the API: drift flagged on the two drifted features only (and
 * the model's output, which follows them), the alerts firing, the signed retrain call naming
 * those features, production rolled back to version 1 in the audit log, the email. A second
 * run, through the command itself, gives a second model with the same story.
 *
 * The server runs with short alerting intervals, so the story takes seconds rather than the
 * minute of the defaults; nothing here asserts a duration.
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));
/** What the detectors may flag: the drifted features, and the prediction, which follows them. */
const MAY_DRIFT = [...DRIFTED_FEATURES, '__prediction'];

let server: RunningServer;
let data: { dir: string; remove(): void };
let api: ReturnType<typeof apiClient>;
let key: string;

beforeAll(async () => {
  data = tempDataDir('vigil-demo-');
  server = await startServer({
    dataDir: data.dir,
    env: {
      VIGIL_ALERT_INTERVAL_MS: '300',
      VIGIL_ALERT_GROUP_WAIT_MS: '0',
      VIGIL_ALERT_GROUP_INTERVAL_MS: '0',
      VIGIL_DELIVERY_POLL_MS: '200',
    },
  });
  key = announcedKey(server.output) ?? '';
  expect(key, 'the first start announces an admin key').toMatch(/^vgl_/);
  api = apiClient(overHttp(server.url), key);
}, 90_000);

afterAll(async () => {
  await server?.stop();
  data?.remove();
});

/** Runs `npm run demo`'s entry point as its own process. */
function runCommand(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/run.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

describe('finding Vigil and a key', () => {
  it('uses the admin key the first start kept in <data>/admin-key, with VIGIL_URL or PORT', async () => {
    const byUrl = await findVigil({ VIGIL_URL: server.url, VIGIL_DATA_DIR: data.dir });
    expect(byUrl).toEqual({ url: server.url, key, keySource: `${data.dir}/admin-key` });
    const byPort = await findVigil({ PORT: new URL(server.url).port, VIGIL_DATA_DIR: data.dir });
    expect(byPort.url).toBe(server.url);
    expect((await findVigil({ VIGIL_URL: server.url, VIGIL_API_KEY: key, VIGIL_DATA_DIR: '/nonexistent' })).keySource).toBe('VIGIL_API_KEY');
  });

  it('says what to do when there is no key, a wrong key or no server', async () => {
    const empty = tempDataDir('vigil-demo-nokey-');
    try {
      await expect(findVigil({ VIGIL_URL: server.url, VIGIL_DATA_DIR: empty.dir })).rejects.toThrow(/no key.*\n.*VIGIL_API_KEY/);
    } finally {
      empty.remove();
    }
    await expect(findVigil({ VIGIL_URL: server.url, VIGIL_API_KEY: 'vgl_not-a-key-of-this-server-000000000000000000' })).rejects.toThrow(/refused the key/);

    const { code, stderr } = await runCommand({ VIGIL_URL: 'http://127.0.0.1:9', VIGIL_DATA_DIR: data.dir });
    expect(code).toBe(1);
    expect(stderr).toContain('Vigil is not running at http://127.0.0.1:9');
    expect(stderr).toContain('npm start');
  });
});

describe('the demo story', () => {
  let result: DemoResult;
  const lines: string[] = [];

  it('runs end to end against a fresh server', async () => {
    const target = await findVigil({ VIGIL_URL: server.url, VIGIL_DATA_DIR: data.dir });
    result = await runDemo({ url: target.url, key: target.key, log: (line) => lines.push(line) });
    expect(result.complete, lines.join('\n')).toBe(true);
    expect(result.model).toBe('credit-risk');
    expect(result.deliveryErrors).toEqual([]);
  }, 240_000);

  it('registers the model, its two served versions with baselines, production on 1 and canary on 2 first', async () => {
    const model = (await api.get('/v1/models/credit-risk')).body;
    expect(model.versions.map((v: any) => [v.version, v.baseline.status, typeof v.endpoint, typeof v.metrics.accuracy])).toEqual([
      ['1', 'own', 'string', 'number'],
      ['2', 'own', 'string', 'number'],
    ]);
    const aliasMoves = (await api.get('/v1/models/credit-risk/audit?limit=100')).body.entries.filter((e: any) => e.action.startsWith('alias.')).map((e: any) => [e.action, e.target, e.after?.version ?? null]);
    expect(aliasMoves).toEqual([
      ['alias.set', 'production', '1'],
      ['alias.set', 'canary', '2'],
      ['alias.set', 'production', '2'],
      ['alias.deleted', 'canary', null],
      ['alias.set', 'production', '1'],
    ]);
  });

  it('sends three days of history with labels, and live traffic through the gateway', () => {
    expect(result.history).toMatchObject({ predictions: 72 * 240, labels: (72 * 240 * 2) / 5 });
    expect(result.history.endMs - result.history.startMs).toBe(72 * 3_600_000);
    const canary = result.gateway.canary;
    expect((canary.answered['1'] ?? 0) + (canary.answered['2'] ?? 0)).toBe(canary.requests);
    // Version 2 fails every third call once its model server breaks; the gateway says so.
    expect(result.gateway.failing.answered).toEqual({ '2': 30 });
    expect(result.gateway.failing.failed).toEqual({ '2': { '502 upstream_error': 15 } });
    expect(result.gateway.afterRollback.answered).toEqual({ '1': 20 });
    expect(result.gateway.afterRollback.failed).toEqual({});
  });

  it('flags drift on the drifted features only, and only from the hour the drift began', async () => {
    expect(result.evaluation.driftedFeatures).toEqual(expect.arrayContaining([...DRIFTED_FEATURES]));
    for (const flag of result.evaluation.flags) {
      expect(MAY_DRIFT, `${flag.feature} flagged ${flag.verdict} at ${flag.windowStart}`).toContain(flag.feature);
      expect(Date.parse(flag.windowStart), `${flag.feature} flagged at ${flag.windowStart}`).toBeGreaterThanOrEqual(result.history.driftFromMs);
    }
    // The stored results, read back as the dashboard reads them.
    const { windows } = (await api.get(`/v1/models/credit-risk/drift?from=${new Date(result.history.startMs).toISOString()}&to=${new Date(result.history.endMs).toISOString()}`)).body;
    expect(windows).toHaveLength(72);
    for (const w of windows) {
      const flagged = w.features.filter((f: any) => f.verdict === 'drift' || f.verdict === 'moderate').map((f: any) => f.feature);
      if (Date.parse(w.start) < result.history.driftFromMs) expect(flagged, `window ${w.start} v${w.version}`).toEqual([]);
      else {
        expect(w.version).toBe('2');
        expect(flagged, `window ${w.start}`).toEqual(expect.arrayContaining([...DRIFTED_FEATURES]));
        for (const feature of flagged) expect(MAY_DRIFT).toContain(feature);
      }
    }
  });

  it('fires the demo rule on those features, not the default rules, which the demo disabled', async () => {
    expect(result.alerts.map((a) => a.feature)).toEqual(expect.arrayContaining([...DRIFTED_FEATURES]));
    const { alerts } = (await api.get('/v1/alerts?state=firing&model=credit-risk')).body;
    for (const alert of alerts) {
      expect(alert.labels).toMatchObject({ alertname: 'FeatureDrift', model: 'credit-risk', version: '2' });
      expect(MAY_DRIFT).toContain(alert.labels.feature);
      expect(alert.rule).not.toMatch(/^default:/);
    }
    const { rules } = (await api.get('/v1/alert-rules?model=credit-risk')).body;
    const defaults = rules.filter((r: any) => r.default && r.model === 'credit-risk');
    expect(defaults.length).toBeGreaterThan(0);
    expect(defaults.every((r: any) => r.enabled === false)).toBe(true);
  });

  it('delivers a signed retrain call that names the drifted features and the fresh data', () => {
    const call = result.retrain!;
    expect(call.signatureValid).toBe(true);
    // Verified again here with the channel's secret: the signature covers the exact body.
    const verified = new Webhook(call.secret).verify(call.body, { 'webhook-id': call.headers.id, 'webhook-timestamp': call.headers.timestamp, 'webhook-signature': call.headers.signature });
    const payload = RetrainPayloadSchema.parse(verified);
    expect(payload).toMatchObject({ type: 'vigil.retrain.requested', model: 'credit-risk', version: '2', freshData: { from: new Date(result.history.driftFromMs).toISOString() } });
    const named = payload.driftedFeatures.map((f) => f.feature);
    expect(named).toEqual(expect.arrayContaining([...DRIFTED_FEATURES]));
    for (const feature of named) expect(MAY_DRIFT).toContain(feature);
    expect(payload.driftedFeatures.find((f) => f.feature === 'channel')?.statistics.newCategoryRate).toBeCloseTo(0.3, 9);
  });

  it('rolls production back to version 1 through the rollback channel, in the audit log', async () => {
    expect(result.rollback).toMatchObject({ action: 'alias.set', target: 'production', before: { version: '2' }, after: { version: '1' } });
    expect(result.rollback!.keyId).toMatch(/^channel:ch_/);
    expect(result.rollback!.reason).toContain('FeatureDrift on income');
    const { entries } = (await api.get('/v1/models/credit-risk/audit?order=desc&limit=50')).body;
    expect(entries.find((e: any) => e.id === result.rollback!.id)).toMatchObject({ before: { version: '2' }, after: { version: '1' } });
    const { aliases } = (await api.get('/v1/models/credit-risk/aliases')).body;
    expect(aliases.find((a: any) => a.alias === 'production')?.version).toBe('1');
    expect(result.production).toBe('1');
  });

  it('sends the email to the SMTP catcher', () => {
    const mail = result.email!;
    expect(mail.catcher).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
    expect(mail.to).toEqual(['risk-oncall@example.com']);
    expect(mail.subject).toMatch(/^\[Vigil\] \[FIRING:\d\] credit-risk v2: FeatureDrift on /);
    for (const feature of DRIFTED_FEATURES) expect(mail.subject).toContain(feature);
    expect(mail.text).toContain('FeatureDrift on income (model credit-risk, version 2, warning)');
  });

  it('prints each step with the dashboard links, and removes its channels at the end', async () => {
    const text = lines.join('\n');
    for (const step of ['1. The model', '2. Where alerts go', '3. Three days of traffic', '4. Version 2 starts failing', '5. Drift detection', '6. Alerts and actions', '7. After the rollback']) expect(text).toContain(step);
    expect(text).toContain(`${server.url}/models/credit-risk?from=`);
    expect(text).toContain(`${server.url}/models/credit-risk/features/income?`);
    expect(text).toContain(`${server.url}/alerts?state=firing&model=credit-risk`);
    expect(text).toContain(`${server.url}/registry/credit-risk`);
    expect(text).toContain('"type": "vigil.retrain.requested"');
    expect(text).toContain(`subject: ${result.email!.subject}`);
    const { channels } = (await api.get('/v1/channels')).body;
    expect(channels.filter((c: any) => c.name.startsWith('credit-risk demo'))).toEqual([]);
  });

  it('run again as `npm run demo`, gives a second, clean model with the same story', async () => {
    const { code, stdout, stderr } = await runCommand({ VIGIL_URL: server.url, VIGIL_DATA_DIR: data.dir });
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    expect(stdout).toContain(`key from ${data.dir}/admin-key`);
    expect(stdout).toContain('registered credit-risk-2');

    const { windows } = (await api.get(`/v1/models/credit-risk-2/drift?from=${new Date(result.history.startMs - 3_600_000).toISOString()}&to=${new Date(Date.now()).toISOString()}`)).body;
    const flagged = new Set<string>(windows.flatMap((w: any) => w.features.filter((f: any) => f.verdict === 'drift' || f.verdict === 'moderate').map((f: any) => f.feature)));
    expect([...flagged].sort()).toEqual(expect.arrayContaining([...DRIFTED_FEATURES]));
    for (const feature of flagged) expect(MAY_DRIFT).toContain(feature);
    const { alerts } = (await api.get('/v1/alerts?state=firing&model=credit-risk-2')).body;
    expect(alerts.map((a: any) => a.labels.feature)).toEqual(expect.arrayContaining([...DRIFTED_FEATURES]));
    const rollback = (await api.get('/v1/models/credit-risk-2/audit?order=desc&limit=50')).body.entries.find((e: any) => e.action === 'alias.set' && e.keyId.startsWith('channel:'));
    expect(rollback).toMatchObject({ target: 'production', before: { version: '2' }, after: { version: '1' } });
    expect(stdout).toMatch(/subject: \[Vigil\] \[FIRING:\d\] credit-risk-2 v2: FeatureDrift on /);

    // The first model is untouched by the second run.
    expect((await api.get('/v1/alerts?state=firing&model=credit-risk')).body.alerts).toHaveLength(result.alerts.length);
    expect((await api.get('/v1/models/credit-risk/aliases')).body.aliases.find((a: any) => a.alias === 'production')?.version).toBe('1');
  }, 240_000);
});
