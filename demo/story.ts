import { randomBytes } from 'node:crypto';
import { Vigil, type DeliveryProblem } from '../sdk/ts/src/index';
import { awaitActions, type AuditEntry, type DemoChannels, type FiringAlert } from './actions';
import { creditModel, VERSIONS } from './creditModel';
import { callGateway, describeTally, type GatewayTally } from './gateway';
import { HISTORY_HOURS, historyPlan, HOUR_MS, sendHistory, type HistoryPlan } from './history';
import { dashboardLinks, type DashboardLinks } from './links';
import { startModelServer } from './modelServer';
import { startSmtpCatcher, type CaughtMail } from './receivers/smtpCatcher';
import { startWebhookReceiver, type ReceivedWebhook } from './receivers/webhookReceiver';
import { applicant, BATCH, DRIFTED_FEATURES, NEW_CATEGORY, seededRandom } from './traffic';
import { baselineNdjson, offlineMetrics, TRAINING_ROWS, trainingSet } from './training';
import { DemoError, VigilApi } from './vigilApi';

/**
 * The story `npm run demo` tells, against a running Vigil: a credit-risk model served through
 * Vigil's gateway by a model server the demo starts, three days of its history, a drift of two
 * features and a failing new version, and what Vigil does about it (alerts, a signed retrain
 * call, a rollback, an email). Every step prints what it did; the result says what happened so
 * that a test can check each step.
 */
export interface DemoOptions {
  url: string;
  /** An admin key of that Vigil. */
  key: string;
  /** Where the story is told, one line at a time (default: nowhere). */
  log?: (line: string) => void;
  /** The model's name; `-2`, `-3`, ... is added when a model of that name exists. */
  baseName?: string;
  /** Keep the model server, receivers and channels after the story (`release()` ends them). */
  keep?: boolean;
  /** How long to wait for the alerts, the retrain call, the rollback and the email (default 3 min). */
  actionsTimeoutMs?: number;
  /** Ends the waits early (Ctrl-C). */
  signal?: AbortSignal;
  now?: () => number;
}

export interface DriftFlag {
  version: string;
  windowStart: string;
  feature: string;
  verdict: 'drift' | 'moderate';
}

export interface DemoResult {
  model: string;
  history: HistoryPlan & { predictions: number; labels: number; byVersion: Record<string, number> };
  gateway: { canary: GatewayTally; failing: GatewayTally; afterRollback: GatewayTally };
  evaluation: {
    windows: number;
    /** Every feature with verdict `drift` or `moderate`, per window and version. */
    flags: DriftFlag[];
    /** Features with verdict `drift` in any window. */
    driftedFeatures: string[];
    /** The statistics of each drifted feature in the newest window. */
    latest: Record<string, Record<string, unknown>>;
  };
  alerts: FiringAlert[];
  retrain: (ReceivedWebhook & { secret: string }) | undefined;
  rollback: AuditEntry | undefined;
  email: (CaughtMail & { catcher: string }) | undefined;
  /** Where production pointed at the end. */
  production: string | undefined;
  deliveryErrors: string[];
  links: DashboardLinks;
  /** Whether every step happened (alerts, retrain call, rollback, email). */
  complete: boolean;
  durationMs: number;
  /** Milliseconds per part: setup, traffic, detection, alerts (waiting for Vigil to act), rest. */
  timings: Record<string, number>;
  /** Stops the demo's servers and removes its channels (already done unless `keep`). */
  release(): Promise<void>;
}

const RECIPIENT = 'risk-oncall@example.com';
const FAILURE = 'feature store timeout after 2000 ms (income_history)';

/** The first free name among `base`, `base-2`, `base-3`, ... */
async function freeModelName(api: VigilApi, base: string): Promise<string> {
  const { models } = await api.get<{ models: { name: string }[] }>('/v1/models');
  const taken = new Set(models.map((m) => m.name));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

type StoredRule = { id: string; model: string; default: boolean; enabled: boolean } & Record<string, unknown>;

/**
 * Disables the default rules Vigil wrote for the model (they notify the project's default
 * channels, which may be the user's real on-call) and answers how many there are.
 */
async function disableDefaultRules(api: VigilApi, model: string): Promise<number> {
  const { rules } = await api.get<{ rules: StoredRule[] }>(`/v1/alert-rules?model=${encodeURIComponent(model)}`);
  const defaults = rules.filter((r) => r.default && r.model === model);
  for (const rule of defaults.filter((r) => r.enabled)) {
    const { name, metric, feature, op, threshold, forWindows, severity, channels } = rule;
    await api.put(`/v1/alert-rules/${encodeURIComponent(rule.id)}`, { name, model, metric, feature, op, threshold, forWindows, severity, channels, enabled: false });
  }
  return defaults.length;
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (ms = 0) => `${(ms / 1000).toFixed(1)} s`;
const iso = (ms: number) => new Date(ms).toISOString();
const shortTime = (ms: number) => `${iso(ms).slice(0, 16).replace('T', ' ')} UTC`;

export async function runDemo(options: DemoOptions): Promise<DemoResult> {
  const started = Date.now();
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const api = new VigilApi(options.url, options.key);
  const cleanups: (() => Promise<unknown>)[] = [];
  const release = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  const aborted = () => {
    if (options.signal?.aborted) throw new DemoError('stopped');
  };
  const timings: Record<string, number> = {};
  let lastMark = started;
  const mark = (step: string) => {
    const t = Date.now();
    timings[step] = t - lastMark;
    lastMark = t;
  };

  try {
    // 1. The model, its versions, its baseline, its aliases.
    const model = await freeModelName(api, options.baseName ?? creditModel.name);
    const m = encodeURIComponent(model);
    const server = await startModelServer();
    cleanups.push(() => server.stop());
    log(`1. The model`);
    log(`   model server (Open Inference Protocol v2) at ${server.url}, serving the logistic regression of demo/model.json, versions ${VERSIONS.join(' and ')}`);
    await api.post('/v1/models', {
      name: model,
      task: creditModel.task,
      description: creditModel.description,
      owner: 'risk-ml',
      tags: { demo: 'npm run demo' },
      features: creditModel.features,
      // The demo backfills three days at once: the scheduler must not judge an hour before its
      // rows are in, so lateness exceeds the history, and the demo runs the detectors itself.
      settings: { allowedLatenessMs: 4 * 24 * HOUR_MS },
    });
    const training = trainingSet();
    for (const [version, weights] of Object.entries(creditModel.versions)) {
      const metrics = offlineMetrics(training, version);
      await api.post(`/v1/models/${m}/versions`, { version, endpoint: server.endpointOf(version), metrics, params: weights.params, datasetVersion: weights.trainedOn, gitCommit: weights.gitCommit, reason: `trained on ${weights.trainedOn}` });
      await api.post(`/v1/models/${m}/versions/${version}/baseline`, baselineNdjson(training, version), { 'content-type': 'application/x-ndjson' });
      log(`   version ${version}: endpoint ${server.endpointOf(version)}, offline accuracy ${metrics.accuracy}, ROC AUC ${metrics.roc_auc}, training baseline of ${count(TRAINING_ROWS)} rows`);
    }
    await api.put(`/v1/models/${m}/aliases/production`, { version: '1', reason: 'first release' });
    await api.put(`/v1/models/${m}/aliases/canary`, { version: '2', reason: 'retrained on Q3 applications; canary first' });
    log(`   registered ${model} (binary classification, ${creditModel.features.length} features); production → version 1, canary → version 2`);
    aborted();

    // 2. Where its alerts go: the demo's own receivers, channels and rule.
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    // With `keep`, what arrives after the story (reminders, the user's test sends) is told too.
    let storyTold = false;
    const later = (line: string) => {
      if (storyTold && options.keep) log(line);
    };
    const [webhook, smtp] = await Promise.all([
      startWebhookReceiver(secret, (hook) => later(`webhook ${hook.path}: signature ${hook.signatureValid ? 'valid' : 'invalid'}, ${hook.body.slice(0, 200)}`)),
      startSmtpCatcher((mail) => later(`email to ${mail.to.join(', ')}: ${mail.subject}`)),
    ]);
    cleanups.push(() => webhook.close(), () => smtp.close());
    log('');
    log('2. Where alerts go');
    log(`   SMTP catcher at ${smtp.url}; retrain receiver at ${webhook.url}/retrain (checks Standard Webhooks signatures)`);
    const channelOf = async (body: unknown) => (await api.post<{ id: string }>('/v1/channels', body)).id;
    const channels: DemoChannels = {
      email: await channelOf({ name: `${model} demo: on-call email`, type: 'email', config: { recipients: [RECIPIENT], smtpUrl: smtp.url } }),
      retrain: await channelOf({ name: `${model} demo: retrain pipeline`, type: 'retrain', config: { url: `${webhook.url}/retrain` }, secret }),
      rollback: await channelOf({ name: `${model} demo: auto-rollback`, type: 'rollback', config: { alias: 'production', cooldownMs: HOUR_MS, maxPerDay: 3 } }),
    };
    // Cleanups run last-in first-out: the channels go before their receivers stop, so that
    // Vigil's later reminders do not knock at closed ports.
    cleanups.push(async () => {
      for (const id of Object.values(channels)) await api.delete(`/v1/channels/${encodeURIComponent(id)}`).catch(() => undefined);
    });
    log(`   channels (not default ones): email to ${RECIPIENT}, signed retrain webhook, rollback of production (cooldown 1 h, at most 3 a day)`);
    const defaults = await disableDefaultRules(api, model);
    await api.post('/v1/alert-rules', { name: 'FeatureDrift', model, metric: 'drift_verdict', feature: '*', op: '>=', threshold: 2, forWindows: 1, severity: 'warning', channels: Object.values(channels) });
    log(`   rule FeatureDrift: verdict "drift" on any feature of ${model}, for 1 window → those three channels`);
    log(`   (Vigil's ${defaults} default rules of ${model} notify the project's default channels; the demo disabled them, so its alerts reach only its own)`);
    mark('setup');
    aborted();

    // 3. History through the SDK; live traffic through the gateway; the promotion.
    const plan = historyPlan(now());
    const random = seededRandom(7);
    const sdkProblems: string[] = [];
    const vigil = new Vigil({ url: options.url, apiKey: options.key, batchSize: 1_000, flushOnExit: false, onError: (p: DeliveryProblem) => sdkProblems.push(p.message) });
    cleanups.push(() => vigil.close(1_000));
    log('');
    log(`3. Three days of traffic (${shortTime(plan.startMs)} to ${shortTime(plan.endMs)}), ${BATCH} loan applications an hour`);
    const before = await sendHistory(vigil, model, plan, plan.startMs, plan.promotedAtMs, random);
    log(`   days 1 and 2 through the TypeScript SDK, with their timestamps: ${count(before.byVersion['1'] ?? 0)} scored by version 1 (production), ${count(before.byVersion['2'] ?? 0)} by version 2 (canary, 10 %)`);
    const live = (n: number) => Array.from({ length: n }, (_, i) => applicant(random, i, true));
    const canary = await callGateway(api, model, live(30));
    log(`   now, live through the gateway (POST /v2/models/${model}/infer): ${canary.requests} requests, ${describeTally(canary)}`);
    await api.put(`/v1/models/${m}/aliases/production`, { version: '2', reason: 'canary healthy for two days' });
    await api.must('DELETE', `/v1/models/${m}/aliases/canary?reason=${encodeURIComponent('promoted to production')}`);
    log('   version 2 promoted: production → 2, canary alias removed');
    const after = await sendHistory(vigil, model, plan, plan.promotedAtMs, plan.endMs, random);
    if (sdkProblems.length > 0 || vigil.stats.rejected > 0 || vigil.stats.dropped > 0) throw new DemoError(`the SDK could not deliver everything: ${sdkProblems.slice(0, 3).join('; ')}`);
    log(`   day 3 (version 2 serves all): from ${shortTime(plan.driftFromMs)}, incomes fall by a standard deviation and 30 % of applications come through a new channel, "${NEW_CATEGORY}"`);
    log(`   labels (did the applicant default?) for 40 %: ${count(before.predictions + after.predictions)} predictions and ${count(before.labels + after.labels)} labels delivered by the SDK`);
    aborted();

    // 4. Version 2 starts failing.
    server.failEvery('2', 3, FAILURE);
    const failing = await callGateway(api, model, live(45));
    for (const [i, id] of failing.predictionIds.entries()) if (i % 5 < 2) vigil.logFeedback({ model, predictionId: id, label: i % 3 === 0 ? 1 : 0 });
    await vigil.flush(30_000);
    log('');
    log('4. Version 2 starts failing');
    log(`   the model server now fails every third call of version 2 ("${FAILURE}")`);
    log(`   ${failing.requests} requests through the gateway: ${describeTally(failing)}; Vigil logged every call with its outcome, and the answered ones as predictions`);
    if (failing.sampleError !== null) log(`   the gateway's answer to a failed call: ${failing.sampleError}`);
    for (const line of await gatewayErrorCounts(options.url, model)) log(`   Vigil counted them (GET /metrics): ${line}`);
    aborted();

    // 5. The detectors: the last day first, so that Vigil's evaluator and its group wait
    // start on the drift while the first two days are evaluated.
    log('');
    log(`5. Drift detection: POST /v1/models/${model}/drift/run over the ${HISTORY_HOURS} hourly windows`);
    mark('traffic');
    type RunAnswer = { windows: { start: string; version: string; status: string; predictionCount: number; features: ({ feature: string; verdict: string } & Record<string, unknown>)[] }[] };
    const runRange = (fromMs: number, toMs: number, version: string) => api.post<RunAnswer>(`/v1/models/${m}/drift/run`, { from: iso(fromMs), to: iso(toMs), window: '1h', version });
    // Vigil writes default rules once; a look of its evaluator racing the demo's first disabling
    // could have written them again, enabled: make sure before alerts can fire.
    await disableDefaultRules(api, model);
    const lastDay = await runRange(plan.promotedAtMs, plan.endMs, '2');
    // The canary's hours (24 predictions each) are too few to judge; version 1 alone then.
    const firstDays = await runRange(plan.startMs, plan.promotedAtMs, '1');
    const windows = [...firstDays.windows, ...lastDay.windows];
    mark('detection');
    const flags: DriftFlag[] = windows.flatMap((w) => w.features.filter((f) => f.verdict === 'drift' || f.verdict === 'moderate').map((f) => ({ version: w.version, windowStart: w.start, feature: f.feature, verdict: f.verdict as DriftFlag['verdict'] })));
    const driftFlags = flags.filter((f) => f.verdict === 'drift');
    const drifted = [...new Set(driftFlags.map((f) => f.feature))];
    const moderate = [...new Set(flags.filter((f) => f.verdict === 'moderate').map((f) => f.feature))];
    const windowsWithDrift = new Set(driftFlags.map((f) => `${f.version}|${f.windowStart}`));
    const judged = windows.filter((w) => w.status === 'ok');
    const newest = lastDay.windows.filter((w) => w.status === 'ok').at(-1);
    const latest = Object.fromEntries((newest?.features ?? []).filter((f) => drifted.includes(f.feature)).map((f) => [f.feature, f]));
    log(`   ${windows.length} windows evaluated in ${seconds(timings.detection)} (${judged.length} with the 100 predictions needed to judge): version 1 on days 1 and 2, version 2 on day 3`);
    log(`   verdict "drift": ${drifted.join(', ') || 'none'}, in ${windowsWithDrift.size} windows, the first at ${driftFlags.length === 0 ? '-' : shortTime(Math.min(...driftFlags.map((f) => Date.parse(f.windowStart))))}`);
    log(`   every other feature, and every window before the drift: no drift${moderate.length > 0 ? ` (moderate: ${moderate.join(', ')})` : ''}`);
    log(`   the newest window (${newest === undefined ? '-' : shortTime(Date.parse(newest.start))}):`);
    for (const [feature, stats] of Object.entries(latest)) log(`     ${feature.padEnd(12)} ${describeStatistics(stats)}`);
    if (drifted.includes('__prediction')) log("     (__prediction is the model's output: poorer applicants, more predicted defaults)");
    aborted();

    // 6. Alerts and actions.
    log('');
    log('6. Alerts and actions (Vigil\'s evaluator looks every 15 s; a new group of alerts waits 30 s to gather, by default)');
    const actions = await awaitActions({
      api,
      model,
      expectedFeatures: DRIFTED_FEATURES,
      channels,
      webhook,
      smtp,
      timeoutMs: options.actionsTimeoutMs ?? 180_000,
      signal: options.signal,
      onAlerts: (alerts) => log(`   firing: ${alerts.map((a) => `${a.alertname} on ${a.feature} (version ${a.version})`).join(', ')}`),
    });
    if (actions.retrain !== undefined) {
      log(`   retrain call received at ${webhook.url}${actions.retrain.path}: signature ${actions.retrain.signatureValid ? 'valid' : `INVALID (${actions.retrain.verifyError})`} (webhook-id ${actions.retrain.headers.id})`);
      log(indent(compactJson(actions.retrain.json), '     '));
    }
    if (actions.rollback !== undefined) {
      log(`   rollback: production ${actions.rollback.before?.version ?? '?'} → ${actions.rollback.after?.version ?? '?'} by ${actions.rollback.keyId}, in the audit log at ${actions.rollback.at}`);
      log(`     reason: ${actions.rollback.reason ?? ''}`);
    }
    if (actions.email !== undefined) {
      log(`   email caught by ${smtp.url}: from ${actions.email.from} to ${actions.email.to.join(', ')}`);
      log(`     subject: ${actions.email.subject}`);
    }
    mark('alerts');
    const missing = [actions.alerts.length === 0 && 'the alerts', actions.retrain === undefined && 'the retrain call', actions.rollback === undefined && 'the rollback', actions.email === undefined && 'the email'].filter((x): x is string => typeof x === 'string');
    if (missing.length > 0) {
      log(`   NOT SEEN within ${Math.round(actions.waitedMs / 1000)} s: ${missing.join(', ')}`);
      for (const error of actions.deliveryErrors.slice(0, 5)) log(`     delivery attempt: ${error}`);
      log('     Is alerting on (VIGIL_ALERTS)? Were VIGIL_ALERT_GROUP_WAIT_MS or VIGIL_ALERT_INTERVAL_MS raised? A server bound to an address other than 127.0.0.1 needs VIGIL_WEBHOOK_ALLOWLIST=127.0.0.1 to reach the demo\'s receivers.');
    }
    aborted();

    // 7. The gateway after the rollback.
    const afterRollback = actions.rollback === undefined ? { requests: 0, answered: {}, failed: {}, predictionIds: [], sampleError: null } : await callGateway(api, model, live(20));
    const aliases = await api.get<{ aliases: { alias: string; version: string }[] }>(`/v1/models/${m}/aliases`);
    const production = aliases.aliases.find((a) => a.alias === 'production')?.version;
    if (afterRollback.requests > 0) {
      log('');
      log('7. After the rollback');
      log(`   ${afterRollback.requests} requests through the gateway: ${describeTally(afterRollback)}`);
    }

    const links = dashboardLinks(options.url, model, plan, [...DRIFTED_FEATURES]);
    log('');
    log('Look at it in the dashboard (sign in with the admin key):');
    const pages: [string, string][] = [
      ['the model: drift heatmap, performance, traffic', links.model],
      ...Object.entries(links.features).map(([feature, link]): [string, string] => [`${feature}: baseline against the newest hour`, link]),
      ['the alerts and their notifications', links.alerts],
      ['the registry: versions, aliases, audit log', links.registry],
    ];
    const width = Math.max(...pages.map(([label]) => label.length)) + 1;
    for (const [label, link] of pages) log(`   ${`${label}:`.padEnd(width + 1)}${link}`);

    const result: DemoResult = {
      model,
      history: { ...plan, predictions: before.predictions + after.predictions, labels: before.labels + after.labels, byVersion: { '1': (before.byVersion['1'] ?? 0) + (after.byVersion['1'] ?? 0), '2': (before.byVersion['2'] ?? 0) + (after.byVersion['2'] ?? 0) } },
      gateway: { canary, failing, afterRollback },
      evaluation: { windows: windows.length, flags, driftedFeatures: drifted, latest },
      alerts: actions.alerts,
      retrain: actions.retrain === undefined ? undefined : { ...actions.retrain, secret },
      rollback: actions.rollback,
      email: actions.email === undefined ? undefined : { ...actions.email, catcher: smtp.url },
      production,
      deliveryErrors: actions.deliveryErrors,
      links,
      complete: missing.length === 0,
      durationMs: 0,
      timings,
      release,
    };
    await vigil.close(5_000);
    storyTold = true;
    if (!options.keep) await release();
    mark('rest');
    result.durationMs = Date.now() - started;
    return result;
  } catch (error) {
    await release();
    throw error;
  }
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((line) => prefix + line)
    .join('\n');
}

/** `psi 1.93, KS p (adjusted) 3e-41, ...`: the statistics that decided a verdict. */
function describeStatistics(stats: Record<string, unknown>): string {
  const number = (name: string) => (typeof stats[name] === 'number' ? (stats[name] as number) : undefined);
  const show = (x: number) => (x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential(1) : x.toFixed(3));
  const parts = [
    ['psi', 'PSI'],
    ['ksPValueAdjusted', 'KS p (adjusted)'],
    ['wassersteinNormed', 'Wasserstein / sd'],
    ['chi2PValueAdjusted', 'chi² p (adjusted)'],
    ['newCategoryRate', 'new categories'],
  ]
    .map(([key, label]) => [label, number(key as string)] as const)
    .filter((entry): entry is readonly [string, number] => entry[1] !== undefined)
    .map(([label, value]) => `${label} ${show(value)}`);
  return parts.join(', ');
}

/**
 * JSON indented like `JSON.stringify(value, null, 2)`, except that objects and arrays nested
 * deeper than `depth`, or short ones, stay on one line: the retrain payload fits a terminal.
 */
export function compactJson(value: unknown, depth = 3, level = 0): string {
  const inline = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || level >= depth || inline.length <= 120) return inline;
  const pad = '  '.repeat(level + 1);
  const entries = Array.isArray(value) ? value.map((v) => compactJson(v, depth, level + 1)) : Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${compactJson(v, depth, level + 1)}`);
  if (entries.length === 0) return Array.isArray(value) ? '[]' : '{}';
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${entries.map((e) => pad + e).join(',\n')}\n${'  '.repeat(level)}${close}`;
}

/** The gateway's failed calls of a model, as Vigil counts them on /metrics. */
async function gatewayErrorCounts(url: string, model: string): Promise<string[]> {
  const text = await fetch(`${url}/metrics`).then((r) => (r.ok ? r.text() : ''), () => '');
  return text.split('\n').filter((line) => line.startsWith('vigil_gateway_errors_total{') && line.includes(`model=${JSON.stringify(model)}`));
}
