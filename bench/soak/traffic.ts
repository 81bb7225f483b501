/**
 * The soak's mixed traffic: one paced loop per kind, all at once, at steady rates (a soak looks
 * for what accumulates at a sustained, ordinary load, not for the server's limit):
 *
 * - ingest: SDK-style `/v1/predictions` batches, now and then one sent twice (idempotency);
 * - otlp: `/v1/logs` from the OpenTelemetry JS SDK's serializers, protobuf and JSON in turn,
 *   predictions with some feedback records among them;
 * - feedback: labels for predictions acknowledged a few seconds earlier;
 * - gateway: OIP v2 inference through `/v2`, routed to production or canary and mirrored to
 *   shadow on a real model server;
 * - reads: what the dashboard asks for (models, drift matrix, drift, traffic, quality,
 *   performance, histograms, alerts, history, predictions) with a read-only key;
 * - detection: explicit drift runs beside the scheduler, which closes a window every minute;
 * - admin: silences created and expired, alerts acknowledged, an alias re-pointed;
 *
 * and in the credit model's every other minute `amount` drifts, so that its alert rule fires
 * and resolves again and again and the webhook receiver gets both notifications.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emitWithSdk, jsonBody, protobufBody, type EmittedRecord } from '../../ingest/otlp/testing/sdkLogs';
import { seededRandom } from '../support';
import type { RequestLedger, TrafficKind } from './requests';
import { CREDIT_MODEL, creditFeatures, GATEWAY_FEATURES, GATEWAY_MODEL, type SoakWorld } from './setup';

/** Milliseconds between two requests of each loop, and the batch sizes. */
export interface TrafficRates {
  ingestEveryMs: number;
  ingestBatch: number;
  otlpEveryMs: number;
  otlpBatch: number;
  feedbackEveryMs: number;
  feedbackBatch: number;
  gatewayClients: number;
  gatewayEveryMs: number;
  readEveryMs: number;
  detectionEveryMs: number;
  adminEveryMs: number;
}

export const DEFAULT_RATES: TrafficRates = {
  ingestEveryMs: 250,
  ingestBatch: 50,
  otlpEveryMs: 1000,
  otlpBatch: 40,
  feedbackEveryMs: 1000,
  feedbackBatch: 50,
  gatewayClients: 2,
  gatewayEveryMs: 100,
  readEveryMs: 400,
  detectionEveryMs: 30_000,
  adminEveryMs: 10_000,
};

const MINUTE = 60_000;
/** Labels are sent for predictions acknowledged at least this long ago. */
const FEEDBACK_DELAY_MS = 2000;
/** Predictions waiting for their label, at most (the oldest are dropped unlabelled). */
const MAX_AWAITING_LABEL = 20_000;

const DASHBOARD_BUILT = existsSync(fileURLToPath(new URL('../../dashboard/dist/index.html', import.meta.url)));

/** Odd minutes drift: `amount` moves away from the baseline for the whole of their window. */
export const driftingNow = (now = Date.now()) => Math.floor(now / MINUTE) % 2 === 1;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RunningTraffic {
  /** Stops every loop and waits for their last requests. */
  stop(): Promise<void>;
  /** Notable moments the loops saw, for the report. */
  observed: { firingAlertsSeen: number; windowsSeen: number };
}

export function startTraffic(world: SoakWorld, ledger: RequestLedger, rates: TrafficRates): RunningTraffic {
  const base = world.server.url;
  const random = seededRandom(23);
  const auth = (key: string, contentType?: string) => ({ authorization: `Bearer ${key}`, ...(contentType ? { 'content-type': contentType } : {}) });
  const awaitingLabel: { id: string; label: number; ackedAt: number }[] = [];
  const recentIds: string[] = [];
  const observed = { firingAlertsSeen: 0, windowsSeen: 0 };
  let stopping = false;
  let sequence = 0;

  /** Runs `step` every `everyMs` (measured from start to start) until stopped. */
  const paced = async (kind: TrafficKind, everyMs: number, step: () => Promise<void>) => {
    // Loops start spread over their period rather than all at once.
    await sleep(random() * Math.min(everyMs, 2000));
    while (!stopping) {
      const started = Date.now();
      // A step fails only on an answer it cannot read (the ledger files failed requests).
      await step().catch((error: unknown) => ledger.fault(kind, `could not read an answer: ${(error as Error).message}`));
      const rest = everyMs - (Date.now() - started);
      if (rest > 0 && !stopping) await sleep(rest);
    }
  };

  const credit = () => {
    const features = creditFeatures(random, driftingNow());
    const prediction = features.amount > 50 ? 1 : 0;
    const p1 = prediction === 1 ? 0.6 + random() * 0.4 : random() * 0.4;
    const label = random() < 0.85 ? prediction : 1 - prediction;
    return { features, prediction, scores: { '0': 1 - p1, '1': p1 }, latencyMs: Math.round(random() * 200) / 10, label };
  };

  const awaitLabel = (id: string, label: number) => {
    awaitingLabel.push({ id, label, ackedAt: Date.now() });
    if (awaitingLabel.length > MAX_AWAITING_LABEL) awaitingLabel.splice(0, awaitingLabel.length - MAX_AWAITING_LABEL);
    recentIds.push(id);
    if (recentIds.length > 100) recentIds.shift();
  };

  let lastIngest: { body: string; items: number } | undefined;
  const ingest = async () => {
    // Every 20th batch is the previous one again: a client retrying after a lost answer.
    if (lastIngest !== undefined && sequence % 20 === 19) {
      sequence++;
      await ledger.send('ingest', `${base}/v1/predictions`, { method: 'POST', headers: auth(world.keys.ingest, 'application/json'), body: lastIngest.body, items: lastIngest.items });
      return;
    }
    const batch = sequence++;
    const items = Array.from({ length: rates.ingestBatch }, (_, i) => ({ id: `sdk-${batch}-${i}`, ...credit() }));
    const body = JSON.stringify({ predictions: items.map(({ label: _label, ...p }) => ({ model: CREDIT_MODEL, version: '1', timestamp: Date.now(), ...p })) });
    const answer = await ledger.send('ingest', `${base}/v1/predictions`, { method: 'POST', headers: auth(world.keys.ingest, 'application/json'), body, items: items.length });
    if (answer?.status === 200) {
      lastIngest = { body, items: items.length };
      for (const item of items) awaitLabel(item.id, item.label);
    }
  };

  let otlpBatches = 0;
  const otlp = async () => {
    const batch = otlpBatches++;
    const records: EmittedRecord[] = [];
    const labels: { id: string; label: number }[] = [];
    for (let i = 0; i < rates.otlpBatch; i++) {
      const p = credit();
      const id = `otlp-${batch}-${i}`;
      labels.push({ id, label: p.label });
      records.push({ eventName: 'ml.prediction', timestamp: Date.now(), attributes: { 'ml.prediction.id': id, 'ml.features': p.features, 'ml.prediction.value': p.prediction, 'ml.prediction.scores': p.scores, 'ml.latency_ms': p.latencyMs } });
    }
    // Feedback in the same stream, for the previous batch's first records.
    if (batch > 0) {
      for (let i = 0; i < 5; i++) records.push({ eventName: 'ml.feedback', timestamp: Date.now(), attributes: { 'ml.prediction.id': `otlp-${batch - 1}-${i}`, 'ml.label': Math.round(random()) } });
    }
    const emitted = await emitWithSdk(records, { 'ml.model.name': CREDIT_MODEL, 'ml.model.version': '1' });
    const protobuf = batch % 2 === 0;
    const body = protobuf ? protobufBody(emitted) : jsonBody(emitted);
    await ledger.send('otlp', `${base}/v1/logs`, { method: 'POST', headers: auth(world.keys.ingest, protobuf ? 'application/x-protobuf' : 'application/json'), body, items: records.length });
  };

  const feedback = async () => {
    const due = Date.now() - FEEDBACK_DELAY_MS;
    let n = 0;
    while (n < awaitingLabel.length && n < rates.feedbackBatch && awaitingLabel[n]!.ackedAt <= due) n++;
    if (n === 0) return;
    const items = awaitingLabel.splice(0, n);
    const body = JSON.stringify({ feedback: items.map((f) => ({ model: CREDIT_MODEL, predictionId: f.id, label: f.label })) });
    await ledger.send('feedback', `${base}/v1/feedback`, { method: 'POST', headers: auth(world.keys.ingest, 'application/json'), body, items: items.length });
  };

  let inferences = 0;
  const gateway = async () => {
    const n = inferences++;
    const body = JSON.stringify({ id: `gw-${n}`, inputs: GATEWAY_FEATURES.map((name) => ({ name, shape: [1], datatype: 'FP64', data: [Math.round(random() * 8000) / 100] })) });
    await ledger.send('gateway', `${base}/v2/models/${GATEWAY_MODEL}/infer`, { method: 'POST', headers: auth(world.keys.ingest, 'application/json'), body, items: 1 });
    // The model server keeps every request it got; a soak must not grow its own memory.
    if (world.upstream.received.length > 1000) world.upstream.received.length = 0;
  };

  let reads = 0;
  const read = async () => {
    const now = Date.now();
    const since = (minutes: number) => encodeURIComponent(new Date(now - minutes * MINUTE).toISOString());
    const recent = recentIds[Math.floor(random() * recentIds.length)];
    const paths = [
      '/v1/models',
      `/v1/models/${CREDIT_MODEL}`,
      `/v1/models/${CREDIT_MODEL}/drift/matrix?from=${since(30)}`,
      `/v1/models/${CREDIT_MODEL}/drift?from=${since(10)}`,
      `/v1/models/${CREDIT_MODEL}/traffic?from=${since(30)}`,
      `/v1/models/${CREDIT_MODEL}/quality?from=${since(30)}`,
      `/v1/models/${CREDIT_MODEL}/performance?from=${since(30)}`,
      `/v1/models/${CREDIT_MODEL}/features/amount/histogram?from=${since(10)}`,
      `/v1/models/${CREDIT_MODEL}/predictions?limit=50`,
      ...(recent === undefined ? [] : [`/v1/models/${CREDIT_MODEL}/predictions/${recent}`]),
      `/v1/models/${GATEWAY_MODEL}`,
      `/v1/models/${GATEWAY_MODEL}/drift/matrix?from=${since(30)}`,
      `/v1/models/${GATEWAY_MODEL}/traffic?from=${since(30)}`,
      '/v1/alerts?state=firing',
      '/v1/alerts',
      `/v1/alert-history?from=${since(30)}`,
      `/v1/models/${CREDIT_MODEL}/audit`,
      '/v1/silences',
      '/healthz',
      '/readyz',
      ...(DASHBOARD_BUILT ? ['/', `/models/${CREDIT_MODEL}`] : []),
    ];
    const path = paths[reads++ % paths.length]!;
    // A histogram needs an evaluated window in its range: none yet in the first minute of a run.
    const expected = path.includes('/histogram') ? [200, 404] : 200;
    const answer = await ledger.send('reads', `${base}${path}`, { headers: auth(world.keys.read), expected });
    if (answer === undefined) return;
    if (path === '/v1/alerts?state=firing') observed.firingAlertsSeen = Math.max(observed.firingAlertsSeen, (JSON.parse(answer.text) as { alerts: unknown[] }).alerts.length);
    if (path.startsWith(`/v1/models/${CREDIT_MODEL}/drift/matrix`)) observed.windowsSeen = Math.max(observed.windowsSeen, (JSON.parse(answer.text) as { windows: unknown[] }).windows.length);
  };

  const detection = async () => {
    const now = Date.now();
    for (const model of [CREDIT_MODEL, GATEWAY_MODEL]) {
      await ledger.send('detection', `${base}/v1/models/${model}/drift/run`, { method: 'POST', headers: auth(world.keys.admin, 'application/json'), body: JSON.stringify({ from: now - 5 * MINUTE, to: now }) });
    }
  };

  let adminSteps = 0;
  let silence: string | undefined;
  const admin = async () => {
    const step = adminSteps++ % 4;
    const headers = auth(world.keys.admin, 'application/json');
    if (step === 0) {
      // A silence that matches nothing the soak fires, so that it never hides the alerts.
      const answer = await ledger.send('admin', `${base}/v1/silences`, { method: 'POST', headers, body: JSON.stringify({ matchers: [{ name: 'alertname', value: 'SoakMaintenance' }], durationMs: 10 * MINUTE, comment: 'soak' }), expected: 201 });
      silence = answer === undefined ? undefined : (JSON.parse(answer.text) as { id: string }).id;
    } else if (step === 1) {
      if (silence !== undefined) await ledger.send('admin', `${base}/v1/silences/${silence}`, { method: 'DELETE', headers: auth(world.keys.admin), expected: 204 });
      silence = undefined;
    } else if (step === 2) {
      const firing = await ledger.send('admin', `${base}/v1/alerts?state=firing`, { headers: auth(world.keys.admin) });
      const alert = firing === undefined ? undefined : (JSON.parse(firing.text) as { alerts: { id: string }[] }).alerts[0];
      if (alert !== undefined) await ledger.send('admin', `${base}/v1/alerts/${alert.id}/ack`, { method: 'POST', headers, body: JSON.stringify({ comment: 'soak: seen' }) });
    } else {
      await ledger.send('admin', `${base}/v1/models/${GATEWAY_MODEL}/aliases/canary`, { method: 'PUT', headers, body: JSON.stringify({ version: '2', reason: 'soak: re-point canary' }) });
    }
  };

  const loops = [
    paced('ingest', rates.ingestEveryMs, ingest),
    paced('otlp', rates.otlpEveryMs, otlp),
    paced('feedback', rates.feedbackEveryMs, feedback),
    ...Array.from({ length: rates.gatewayClients }, () => paced('gateway', rates.gatewayEveryMs, gateway)),
    paced('reads', rates.readEveryMs, read),
    paced('detection', rates.detectionEveryMs, detection),
    paced('admin', rates.adminEveryMs, admin),
  ];
  return {
    observed,
    async stop() {
      stopping = true;
      await Promise.all(loops);
    },
  };
}
