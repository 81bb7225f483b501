/**
 * The world a soak runs in: a Vigil server process on a temporary data directory, a tiny Open
 * Inference Protocol model server for its gateway, a webhook receiver for its alerts, and the
 * models, keys, baselines, channel and rule that make the traffic mean something.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOipServer, type OipServer } from '../../test/support/oipServer';
import { startServer, type RunningServer } from '../../test/support/server';
import { startWebhookReceiver, type WebhookReceiver } from '../../test/support/webhookReceiver';
import { seededRandom } from '../support';

export const ADMIN_KEY = 'soak-admin-key-0123456789abcdef';
export const WEBHOOK_SECRET = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;

/** The model the SDK-style, OTLP and feedback traffic is about. */
export const CREDIT_MODEL = 'soak-credit';
/** The model behind the serving gateway. */
export const GATEWAY_MODEL = 'soak-gateway';
export const PLANS = ['free', 'pro', 'team'] as const;
export const REGIONS = ['eu', 'us', 'apac', 'latam'] as const;
export const GATEWAY_FEATURES = ['f0', 'f1', 'f2', 'f3'] as const;

export interface SoakWorld {
  server: RunningServer;
  pid: number;
  upstream: OipServer;
  hooks: WebhookReceiver;
  keys: { admin: string; ingest: string; read: string };
  stop(): Promise<void>;
}

/** One credit applicant: `drifted` moves `amount` far from the baseline (the alert's cause). */
export function creditFeatures(random: () => number, drifted: boolean) {
  return {
    amount: Math.round(((drifted ? 80 : 20) + random() * 60) * 100) / 100,
    age: 18 + Math.floor(random() * 60),
    tenure: Math.round(random() * 120) / 10,
    plan: PLANS[Math.floor(random() * PLANS.length)]!,
    region: random() < 0.02 ? null : REGIONS[Math.floor(random() * REGIONS.length)]!,
  };
}

async function call(url: string, key: string, method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<any> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': contentType }) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`soak setup: ${method} ${path} answered ${response.status}: ${text}`);
  return text === '' ? undefined : JSON.parse(text);
}

/**
 * Starts everything. Windows of one minute, evaluated 5 s after they close and looked at every
 * 5 s, so that detection and alerting run many times over a run rather than once an hour.
 */
export async function startSoakWorld(): Promise<SoakWorld> {
  const upstream = await startOipServer({ version: 'soak' });
  const hooks = await startWebhookReceiver({ secret: WEBHOOK_SECRET });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-soak-'));
  let server: RunningServer | undefined;
  const stop = async () => {
    await server?.stop('SIGTERM');
    await Promise.all([upstream.stop(), hooks.close()]);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    server = await startServer({
      dataDir,
      env: {
        VIGIL_ADMIN_KEY: ADMIN_KEY,
        VIGIL_WEBHOOK_ALLOWLIST: '127.0.0.1',
        VIGIL_DETECTOR_INTERVAL_MS: '5000',
        VIGIL_ALERT_INTERVAL_MS: '2000',
        VIGIL_ALERT_GROUP_WAIT_MS: '0',
        VIGIL_ALERT_GROUP_INTERVAL_MS: '0',
        VIGIL_DELIVERY_POLL_MS: '500',
        VIGIL_DELIVERY_BACKOFF_MS: '500',
        ...(process.env.SOAK_NODE_OPTIONS ? { NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS } : {}),
      },
      // Each full collection's heap after it, on stdout: the live heap the verdict judges.
      nodeArgs: ['--trace-gc'],
    });
    const pid = server.process.pid;
    if (pid === undefined) throw new Error('the server process has no pid');
    const admin = (method: string, path: string, body?: unknown, contentType?: string) => call(server!.url, ADMIN_KEY, method, path, body, contentType);

    const ingest = (await admin('POST', '/v1/keys', { scopes: ['ingest'], name: 'soak ingest' })).key as string;
    const read = (await admin('POST', '/v1/keys', { scopes: ['read'], name: 'soak dashboard' })).key as string;

    await admin('POST', '/v1/models', {
      name: CREDIT_MODEL,
      task: 'binary_classification',
      settings: { windowSize: '1m', allowedLatenessMs: 5000 },
      features: [
        { name: 'amount', type: 'numeric' },
        { name: 'age', type: 'numeric' },
        { name: 'tenure', type: 'numeric' },
        { name: 'plan', type: 'categorical' },
        { name: 'region', type: 'categorical' },
      ],
    });
    await admin('POST', `/v1/models/${CREDIT_MODEL}/versions`, { version: '1' });
    await admin('PUT', `/v1/models/${CREDIT_MODEL}/aliases/production`, { version: '1' });
    const random = seededRandom(11);
    const baseline = Array.from({ length: 3000 }, () => {
      const features = creditFeatures(random, false);
      const prediction = features.amount > 50 ? 1 : 0;
      return JSON.stringify({ ...features, prediction, label: random() < 0.9 ? prediction : 1 - prediction });
    }).join('\n');
    await admin('POST', `/v1/models/${CREDIT_MODEL}/versions/1/baseline`, baseline, 'application/x-ndjson');

    await admin('POST', '/v1/models', { name: GATEWAY_MODEL, task: 'binary_classification', settings: { windowSize: '1m', allowedLatenessMs: 5000 }, features: GATEWAY_FEATURES.map((name) => ({ name, type: 'numeric' })) });
    for (const version of ['1', '2', '3']) await admin('POST', `/v1/models/${GATEWAY_MODEL}/versions`, { version, endpoint: upstream.url });
    const gatewayBaseline = Array.from({ length: 2000 }, () => JSON.stringify(Object.fromEntries(GATEWAY_FEATURES.map((f) => [f, Math.round(random() * 8000) / 100])))).join('\n');
    await admin('POST', `/v1/models/${GATEWAY_MODEL}/versions/1/baseline`, gatewayBaseline, 'application/x-ndjson');
    await admin('PUT', `/v1/models/${GATEWAY_MODEL}/aliases/production`, { version: '1' });
    await admin('PUT', `/v1/models/${GATEWAY_MODEL}/aliases/canary`, { version: '2' });
    await admin('PUT', `/v1/models/${GATEWAY_MODEL}/aliases/shadow`, { version: '3' });

    const channel = await admin('POST', '/v1/channels', { name: 'soak on-call hook', type: 'webhook', config: { url: `${hooks.url}/soak` }, secret: WEBHOOK_SECRET });
    await admin('POST', '/v1/alert-rules', { name: 'SoakAmountDrift', model: CREDIT_MODEL, metric: 'psi', feature: 'amount', op: '>', threshold: 0.2, forWindows: 1, severity: 'warning', channels: [channel.id] });

    return { server, pid, upstream, hooks, keys: { admin: ADMIN_KEY, ingest, read }, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
