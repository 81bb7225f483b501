import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { apiClient, overHttp } from './support/http';
import { startOipServer, type OipServer } from './support/oipServer';
import { startServer, tempDataDir, type RunningServer } from './support/server';

/**
 * schemathesis (pinned in test/requirements.txt, installed by .ci/run) generates requests for
 * every operation of the running server's own /openapi.json, valid and invalid, including
 * stateful sequences that follow created resources. The server must never answer 5xx, and
 * every answer must be one the document promises (status code, content type, headers, schema).
 *
 * The one exception is honest and narrow: the serving gateway (`/v2/...`) answers 502, 503 or
 * 504 when the model server behind a model cannot answer (API.md: "Serving gateway"; declared in
 * /openapi.json). schemathesis creates models of its own with no production version and no
 * endpoint, and for those 503 `model_not_ready` is the truth, not a crash. So that the gateway's
 * real path is fuzzed too, the seeded model `fraud` is served by a live OIP v2 server on
 * loopback (test/support/oipServer.ts); any gateway 5xx must still carry one of the gateway's
 * documented error codes, and a 500 is never allowed anywhere.
 *
 * Deterministic: a fixed seed, one worker, no example database. Test sends through channels the
 * fuzzer creates go through the outbound guard as always (this server listens on loopback, so
 * only loopback is allowed among private addresses); a short delivery timeout bounds them.
 */

const ADMIN_KEY = 'schemathesis-admin-key-0123456789';
/** Fixed, so every run sends the same requests; set VIGIL_SCHEMATHESIS_SEED to explore others. */
const SEED = Number(process.env.VIGIL_SCHEMATHESIS_SEED ?? 20261123);
/** Per operation and phase; about two minutes in all on a two-core machine. */
const MAX_EXAMPLES = Number(process.env.VIGIL_SCHEMATHESIS_EXAMPLES ?? 50);
/** What the gateway answers when a model's server cannot: API.md, server/serving. */
const GATEWAY_5XX = new Set([502, 503, 504]);
const GATEWAY_ERROR_CODES = new Set(['model_not_ready', 'upstream_unavailable', 'upstream_error', 'upstream_timeout']);

const MODEL = 'fraud';
const VERSION = '1';
const FEATURES = ['amount', 'plan'];
const PREDICTION_IDS = ['p-1', 'p-2'];

let oip: OipServer;
let server: RunningServer;
let data: ReturnType<typeof tempDataDir>;
let work: ReturnType<typeof tempDataDir>;

beforeAll(async () => {
  oip = await startOipServer({ version: VERSION });
  data = tempDataDir('vigil-schemathesis-');
  work = tempDataDir('vigil-schemathesis-run-');
  server = await startServer({ dataDir: data.dir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, VIGIL_DELIVERY_TIMEOUT_MS: '2000', VIGIL_GATEWAY_TIMEOUT_MS: '2000' } });
  await seed(apiClient(overHttp(server.url), ADMIN_KEY));
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await oip?.stop();
  data?.remove();
  work?.remove();
});

/** A model the fuzzer's path parameters can name: served, with a baseline and predictions. */
async function seed(api: ReturnType<typeof apiClient>) {
  const ok = (what: string, r: { status: number; body: unknown }, status: number) => expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(status);
  ok('model', await api.post('/v1/models', { name: MODEL, task: 'binary_classification', features: [{ name: 'amount', type: 'numeric' }, { name: 'plan', type: 'categorical' }] }), 201);
  ok('version', await api.post(`/v1/models/${MODEL}/versions`, { version: VERSION, endpoint: oip.url }), 201);
  const alias = await overHttp(server.url)(`/v1/models/${MODEL}/aliases/production`, { method: 'PUT', headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ version: VERSION }) });
  expect(alias.status, await alias.text()).toBe(200);
  const rows = Array.from({ length: 200 }, (_, i) => `${(i * 7) % 100},${['basic', 'pro', 'team'][i % 3]},${i % 2},${(i >> 1) % 2}`);
  ok('baseline', await api.post(`/v1/models/${MODEL}/versions/${VERSION}/baseline`, ['amount,plan,prediction,label', ...rows].join('\n'), { 'content-type': 'text/csv' }), 201);
  const now = Date.now();
  const predictions = PREDICTION_IDS.map((id, i) => ({ model: MODEL, version: VERSION, id, timestamp: now - 60_000 * (i + 1), features: { amount: 40 + i, plan: 'pro' }, prediction: i % 2, scores: { '0': 0.4, '1': 0.6 }, latencyMs: 3 }));
  ok('predictions', await api.post('/v1/predictions', { predictions }), 200);
  ok('feedback', await api.post('/v1/feedback', { feedback: [{ model: MODEL, predictionId: PREDICTION_IDS[0], label: 1 }] }), 200);
}

/** schemathesis.toml: seeded names for path parameters (half the time), the gateway's 5xx, bodies. */
function configToml(reportDir: string, hooksFile: string): string {
  const list = (values: string[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;
  return `
hooks = ${JSON.stringify(hooksFile)}
workers = 1
headers = { Authorization = ${JSON.stringify(`Bearer ${ADMIN_KEY}`)} }
request-timeout = 30
color = false

[generation]
database = "none"
max-examples = ${MAX_EXAMPLES}

[reports]
directory = ${JSON.stringify(reportDir)}
ndjson = { enabled = true }
junit = { enabled = true }

[checks]
enabled = false
not_a_server_error = { enabled = true }
status_code_conformance = { enabled = true }
content_type_conformance = { enabled = true }
response_headers_conformance = { enabled = true }
response_schema_conformance = { enabled = true }

[dictionaries]
models = { values = ${list([MODEL])} }
versions = { values = ${list([VERSION])} }
features = { values = ${list(FEATURES)} }
predictions = { values = ${list(PREDICTION_IDS)} }

[parameters]
"path.model" = { dictionary = "models", probability = 0.5 }
"path.version" = { dictionary = "versions", probability = 0.5 }
"path.feature" = { dictionary = "features", probability = 0.5 }

[[operations]]
include-path = "/v1/models/{model}/predictions/{id}"
parameters = { "path.id" = { dictionary = "predictions", probability = 0.5 } }

[[operations]]
include-path-regex = "^/v2/"
checks = { not_a_server_error = { expected-statuses = ["1xx", "2xx", "3xx", "4xx", "502", "503", "504"] } }
`;
}

/** Baseline uploads are NDJSON or CSV text; schemathesis knows text/*, not application/x-ndjson. */
const HOOKS = `
import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
schemathesis.serializer.alias("application/x-protobuf", "application/octet-stream")
`;

/** Runs in `cwd`: schemathesis keeps the crashes it found under `.schemathesis/` there. */
function runSchemathesis(args: string[], cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.VIGIL_PYTHON ?? 'python3', ['-m', 'schemathesis.cli', ...args], { cwd, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

interface Interaction {
  request: { method: string; uri: string; headers: Record<string, string[]>; body?: { $base64: string } | null };
  response: { status_code: number; content?: { $base64: string } | null } | null;
}

interface Exercised {
  operation: string;
  phase: string;
  request: Interaction['request'];
  status: number;
  body: string;
}

const decode = (b: { $base64: string } | null | undefined) => (b ? Buffer.from(b.$base64, 'base64').toString('utf8') : '');
const clip = (s: string, n = 600) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);

/** Every answered request of the run, by operation (`GET /v1/models/{model}`), from the NDJSON report. */
function answers(reportDir: string): { exercised: Exercised[]; failedChecks: string[]; nonFatal: string[] } {
  const file = readdirSync(reportDir).find((f) => f.endsWith('.ndjson'));
  if (file === undefined) throw new Error(`no NDJSON report in ${reportDir}`);
  const exercised: Exercised[] = [];
  const failedChecks = new Set<string>();
  const nonFatal: string[] = [];
  for (const line of readFileSync(join(reportDir, file), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const event = JSON.parse(line) as Record<string, any>;
    if (event.NonFatalError) nonFatal.push(`${event.NonFatalError.label}: ${event.NonFatalError.value?.message}`);
    const scenario = event.ScenarioFinished;
    if (!scenario?.recorder?.cases) continue;
    const { cases, interactions, checks } = scenario.recorder as {
      cases: Record<string, { value: { method: string; path: string } }>;
      interactions: Record<string, Interaction>;
      checks?: Record<string, { name: string; status: string; failure_info?: { failure?: { title?: string; message?: string } } }[]>;
    };
    for (const [id, interaction] of Object.entries(interactions ?? {})) {
      const value = cases[id]?.value;
      if (value === undefined || interaction.response === null) continue;
      const entry = { operation: `${value.method.toUpperCase()} ${value.path}`, phase: scenario.phase, request: interaction.request, status: interaction.response.status_code, body: decode(interaction.response.content) };
      exercised.push(entry);
      for (const check of checks?.[id] ?? []) {
        const failure = check.failure_info?.failure;
        if (check.status === 'failure') failedChecks.add(`${check.name}: ${entry.operation} → ${entry.status}: ${failure?.title ?? ''} ${clip(failure?.message ?? '', 300)}\n    ${reproduction(entry)}`);
      }
    }
  }
  return { exercised, failedChecks: [...failedChecks], nonFatal };
}

/** A failing case as a command to run again, with the answer it got. */
function reproduction(e: Exercised): string {
  const body = decode(e.request.body);
  const contentType = e.request.headers['Content-Type']?.[0] ?? e.request.headers['content-type']?.[0];
  const parts = [`curl -X ${e.request.method} -H 'Authorization: Bearer …'`];
  if (contentType) parts.push(`-H 'Content-Type: ${contentType}'`);
  if (body) parts.push(`--data-binary ${JSON.stringify(clip(body))}`);
  parts.push(`'${e.request.uri}'`);
  return `${e.operation} (${e.phase}) → ${e.status} ${clip(e.body, 300)}\n    ${parts.join(' ')}`;
}

it(
  'schemathesis finds no 5xx, and no answer /openapi.json does not document, in any of its operations',
  async () => {
    const reportDir = join(work.dir, 'report');
    const hooksFile = join(work.dir, 'hooks.py');
    const configFile = join(work.dir, 'schemathesis.toml');
    writeFileSync(hooksFile, HOOKS);
    writeFileSync(configFile, configToml(reportDir, hooksFile));

    const run = await runSchemathesis(['--config-file', configFile, 'run', `${server.url}/openapi.json`, '--seed', String(SEED)], work.dir);
    const { exercised, failedChecks, nonFatal } = answers(reportDir);
    const summary = run.output.split('\n').filter((l) => /SUMMARY|Tested:|generated|failures?,|passed/.test(l));

    const documents = (await (await fetch(`${server.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(documents.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    const answered = new Set(exercised.map((e) => e.operation));
    expect(operations.length).toBeGreaterThan(50);
    expect(
      operations.filter((op) => !answered.has(op)),
      `operations schemathesis never got an answer from:\n${summary.join('\n')}\n${clip(run.output, 4000)}`,
    ).toEqual([]);
    expect(nonFatal, 'schemathesis could not build requests for some operations').toEqual([]);

    const gatewayAnswer = (e: Exercised) => {
      if (!e.operation.split(' ')[1]!.startsWith('/v2/') || !GATEWAY_5XX.has(e.status)) return false;
      try {
        return GATEWAY_ERROR_CODES.has((JSON.parse(e.body) as { error: { code: string } }).error.code);
      } catch {
        return false;
      }
    };
    const serverErrors = exercised.filter((e) => e.status >= 500 && !gatewayAnswer(e));
    const distinct = [...new Map(serverErrors.map((e) => [`${e.operation} ${e.status} ${e.body.slice(0, 80)}`, e])).values()];
    expect(distinct.map(reproduction), `5xx answers among ${exercised.length} requests:\n${distinct.map(reproduction).join('\n')}`).toEqual([]);
    // The answers are the ones /openapi.json promises: status codes, content types, headers, schemas.
    expect(failedChecks, `answers /openapi.json does not document:\n${failedChecks.join('\n')}`).toEqual([]);
    // schemathesis' own verdict agrees (exit 0: no failed check, no error).
    expect(run.code, clip(run.output, 6000)).toBe(0);
    // Not only refusals: the seeded names let a good share of requests reach the handlers' core (about 1,800 of 4,800).
    expect(exercised.filter((e) => e.status < 300).length, `${exercised.length} requests`).toBeGreaterThan(exercised.length / 5);
  },
  15 * 60_000,
);
