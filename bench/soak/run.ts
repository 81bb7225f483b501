/**
 * `npm run soak`: 30 minutes of mixed traffic against a Vigil server process on a fresh data
 * directory, sampling the process's memory, descriptors and heap, then a verdict on whether
 * they stayed flat. Writes bench/soak/results.json and the results block of docs/reliability.md,
 * and exits non-zero when any request got an unexpected answer or the run was not flat.
 *
 *   npm run soak                         # 30 minutes
 *   npm run soak -- --minutes 60         # longer
 *   npm run soak -- --smoke              # about 20 s, into a temporary directory (npm test runs it)
 *   npm run soak -- --out DIR            # write results.json and reliability.md into DIR
 *   npm run soak -- --sample-seconds 5   # sample more often (default 10, smoke 1)
 *   npm run soak -- --rejudge FILE       # judge the samples of a results.json again, rewrite it and the doc
 *
 * `SOAK_NODE_OPTIONS` is passed to the server as NODE_OPTIONS, e.g.
 * `--heapsnapshot-signal=SIGUSR2` to take heap snapshots of it while a leak is investigated.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { seededRandom } from '../support';
import { checkFigures, writeResultsSection, type SoakResults } from './report';
import { RequestLedger, TRAFFIC_KINDS } from './requests';
import { liveHeap, recordFullGcs, sampleServer } from './samples';
import { startSoakWorld } from './setup';
import { DEFAULT_RATES, startTraffic, type TrafficRates } from './traffic';
import { judgeFlatness, median, type FlatnessVerdict, type SoakSample } from './verdict';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MIB = 1024 * 1024;

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    minutes: { type: 'string' },
    'sample-seconds': { type: 'string' },
    out: { type: 'string' },
    rejudge: { type: 'string' },
  },
});

const smoke = args.smoke === true;
const plannedSeconds = smoke ? 20 : Number(args.minutes ?? 30) * 60;
const sampleEveryS = Number(args['sample-seconds'] ?? (smoke ? 1 : 10));
if (!(plannedSeconds > 0) || !(sampleEveryS > 0)) throw new Error('--minutes and --sample-seconds take positive numbers');
// A smoke run has every loop come round several times in its 20 s.
const rates: TrafficRates = smoke ? { ...DEFAULT_RATES, detectionEveryMs: 5000, adminEveryMs: 2000 } : DEFAULT_RATES;
const outDir = args.out ?? (smoke ? mkdtempSync(join(tmpdir(), 'vigil-soak-smoke-')) : undefined);
const resultsPath = outDir === undefined ? join(ROOT, 'bench/soak/results.json') : join(outDir, 'results.json');
const docPath = outDir === undefined ? join(ROOT, 'docs/reliability.md') : join(outDir, 'reliability.md');

const NOT_FLAT = 'not flat';
const verdictLine = (v: FlatnessVerdict) => `${v.judged ? (v.flat ? 'flat' : 'NOT flat') : 'not judged'} (${v.reason})`;

if (args.rejudge !== undefined) {
  // The samples of a finished run judged again by today's criteria; the run's traffic failures stay.
  const recorded = JSON.parse(readFileSync(args.rejudge, 'utf8')) as SoakResults;
  const verdict = judgeFlatness(recorded.samples);
  const failures = [...recorded.failures.filter((f) => !f.startsWith(NOT_FLAT)), ...(verdict.judged && !verdict.flat ? [`${NOT_FLAT} (${verdict.reason})`] : [])];
  const rejudged: SoakResults = { ...recorded, verdict, failures, passed: failures.length === 0, rejudgedAt: new Date().toISOString() };
  writeFileSync(args.rejudge, `${JSON.stringify(rejudged, null, 2)}\n`);
  writeResultsSection(docPath, rejudged);
  process.stdout.write(`rejudged ${args.rejudge}: ${verdictLine(verdict)}; wrote ${docPath}\n`);
  process.exit(rejudged.passed ? 0 : 1);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;
const say = (line: string) => process.stdout.write(`${line}\n`);

const startedAt = new Date();
const git = (...gitArgs: string[]) => spawnSync('git', gitArgs, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim() ?? '';
/** The code the server runs: the commit, and how many tracked files differ from it. */
const source = { commit: git('rev-parse', '--short', 'HEAD') || 'unknown', modifiedFiles: git('status', '--porcelain', '--untracked-files=no').split('\n').filter((l) => l !== '').length };
say(`soak: ${smoke ? 'smoke run, ' : ''}${clock(plannedSeconds)} of mixed traffic, a sample every ${sampleEveryS} s; starting the server, the model server and the webhook receiver...`);
const world = await startSoakWorld();
let interrupted = false;
process.once('SIGINT', () => {
  interrupted = true;
  say('soak: interrupted; stopping the traffic and writing what was measured');
});

const ledger = new RequestLedger(seededRandom(5));
const serverLog = { warnings: 0, errors: 0, first: [] as string[] };
/** The heap each isolate's latest full collection left, from the server's `--trace-gc` lines. */
const fullGcs = new Map<string, number>();
/** Counts the server's warnings and errors, then forgets its output (a soak must not grow its own memory). */
const readServerLog = () => {
  const lines = world.server.output.splice(0);
  recordFullGcs(lines, fullGcs);
  for (const line of lines) {
    const level = /"level":(\d+)/.exec(line);
    const n = level === null ? 0 : Number(level[1]);
    if (n >= 50) serverLog.errors++;
    else if (n >= 40) serverLog.warnings++;
    if (n >= 40 && serverLog.first.length < 10) serverLog.first.push(line);
  }
};
const alerting = { notifications: 0, firing: 0, resolved: 0, badSignatures: 0, duplicates: 0 };
const hookIds = new Set<string>();
const readHooks = () => {
  for (const hook of world.hooks.received.splice(0)) {
    alerting.notifications++;
    if (!hook.signatureValid) alerting.badSignatures++;
    const id = String(hook.headers['webhook-id']);
    // The receiver accepts every delivery, so an id seen twice is a notification sent twice.
    if (hookIds.has(id)) alerting.duplicates++;
    hookIds.add(id);
    if (hook.json?.status === 'firing') alerting.firing++;
    else if (hook.json?.status === 'resolved') alerting.resolved++;
  }
};

const traffic = startTraffic(world, ledger, rates);
const t0 = performance.now();
const samples: SoakSample[] = [];
const failures: string[] = [];
const metricsUrl = `${world.server.url}/metrics`;
for (let next = 0; ; next += sampleEveryS) {
  const wait = next * 1000 - (performance.now() - t0);
  if (wait > 0) await sleep(wait);
  if (world.server.process.exitCode !== null || world.server.process.signalCode !== null) {
    failures.push(`the server process exited (${world.server.process.exitCode ?? world.server.process.signalCode}) after ${clock((performance.now() - t0) / 1000)}`);
    break;
  }
  const atS = (performance.now() - t0) / 1000;
  const measured = await sampleServer(world.pid, world.server.dataDir, metricsUrl, ledger);
  readServerLog();
  const sample: SoakSample = { atS, ...measured, heapAfterGcBytes: liveHeap(fullGcs), requests: ledger.total, unexpected: ledger.unexpected };
  samples.push(sample);
  readHooks();
  const first = samples[0]!;
  const counts = TRAFFIC_KINDS.map((k) => `${k} ${ledger.counts[k].requests}`).join(' ');
  say(
    `[${clock(atS).padStart(5)} / ${clock(plannedSeconds)}] rss ${(sample.rssBytes / MIB).toFixed(1)} MiB (×${(sample.rssBytes / first.rssBytes).toFixed(2)} of start)` +
      ` heap ${sample.heapUsedBytes === null ? 'n/a' : `${(sample.heapUsedBytes / MIB).toFixed(1)} MiB`} (after full GC ${sample.heapAfterGcBytes == null ? 'n/a' : `${(sample.heapAfterGcBytes / MIB).toFixed(1)} MiB`}) fds ${sample.openFds} (${sample.openFds - first.openFds >= 0 ? '+' : ''}${sample.openFds - first.openFds}; ${sample.fdKinds.sockets} sockets, ${sample.fdKinds.procfs} /proc, ${sample.fdKinds.files} files) threads ${sample.threads}` +
      ` | ${sample.requests} requests (${counts}) unexpected ${sample.unexpected} | hooks ${alerting.notifications} | load ${sample.loadAverage1m.toFixed(2)}`,
  );
  if (atS >= plannedSeconds || interrupted) break;
}
await traffic.stop();
readServerLog();
readHooks();
await world.stop();

const verdict = judgeFlatness(samples);
const loads = samples.map((s) => s.loadAverage1m);
const durationS = samples.length === 0 ? 0 : samples[samples.length - 1]!.atS;
const unexpected = ledger.unexpected;
if (unexpected > 0) failures.push(`${unexpected} requests got an unexpected answer (${ledger.serverErrors} of them 5xx)`);
for (const kind of TRAFFIC_KINDS) if (ledger.counts[kind].ok === 0) failures.push(`no ${kind} request was answered as expected`);
if (verdict.judged && !verdict.flat) failures.push(`${NOT_FLAT} (${verdict.reason})`);
if (interrupted) failures.push('interrupted before the planned end');

const results: SoakResults = {
  mode: smoke ? 'smoke' : 'full',
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  plannedSeconds,
  durationS,
  sampleEveryS,
  source,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model.trim() ?? 'unknown', memoryGiB: Math.round(totalmem() / 1024 ** 3), node: process.versions.node, kernel: release() },
  load: { min: Math.min(...loads), median: median(loads), max: Math.max(...loads) },
  rates,
  traffic: Object.fromEntries(TRAFFIC_KINDS.map((k) => [k, { ...ledger.counts[k], p50Ms: ledger.latency(k).p50, p99Ms: ledger.latency(k).p99 }])) as SoakResults['traffic'],
  totals: {
    requests: ledger.total,
    ok: TRAFFIC_KINDS.reduce((sum, k) => sum + ledger.counts[k].ok, 0),
    backPressure: TRAFFIC_KINDS.reduce((sum, k) => sum + ledger.counts[k].backPressure, 0),
    unexpected,
    serverErrors: ledger.serverErrors,
  },
  alerting: { ...alerting, firingAlertsSeen: traffic.observed.firingAlertsSeen, windowsSeen: traffic.observed.windowsSeen },
  serverLog,
  firstUnexpected: ledger.firstUnexpected,
  verdict,
  passed: failures.length === 0,
  failures,
  samples,
};

mkdirSync(join(resultsPath, '..'), { recursive: true });
writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
writeResultsSection(docPath, results);

const start = samples[0];
say('');
say(`soak: ${clock(durationS)} of traffic, ${ledger.total} requests, ${unexpected} unexpected (${ledger.serverErrors} 5xx), ${results.totals.backPressure} back-pressure`);
for (const kind of TRAFFIC_KINDS) {
  const c = ledger.counts[kind];
  say(`  ${kind.padEnd(9)} ${String(c.requests).padStart(7)} requests  ${String(c.ok).padStart(7)} ok  ${String(c.items).padStart(8)} items  ${c.unexpected} unexpected  p50 ${ledger.latency(kind).p50.toFixed(1)} ms  p99 ${ledger.latency(kind).p99.toFixed(1)} ms`);
}
say(`  alerting: ${alerting.notifications} webhook notifications (${alerting.firing} firing, ${alerting.resolved} resolved), ${alerting.badSignatures} bad signatures, ${alerting.duplicates} duplicates; server log ${serverLog.warnings} warnings, ${serverLog.errors} errors`);
if (start !== undefined) say(`  start of run: rss ${(start.rssBytes / MIB).toFixed(1)} MiB, heap ${start.heapUsedBytes === null ? 'n/a' : `${(start.heapUsedBytes / MIB).toFixed(1)} MiB`}, fds ${start.openFds}`);
for (const c of verdict.checks) say(`  ${c.name.padEnd(9)} ${checkFigures(c, durationS).replaceAll(' | ', ', ')} (${c.limit}) ${c.pass ? 'pass' : 'FAIL'}`);
say(`  verdict: ${verdictLine(verdict)}`);
for (const line of ledger.firstUnexpected.slice(0, 5)) say(`  unexpected: ${line}`);
say(`wrote ${resultsPath} and ${docPath}`);
say(results.passed ? 'soak: passed' : `soak: FAILED: ${failures.join('; ')}`);
process.exit(results.passed ? 0 : 1);
