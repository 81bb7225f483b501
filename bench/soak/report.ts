/**
 * What a soak run found, as bench/soak/results.json keeps it and as docs/reliability.md shows
 * it. The document is written by hand except for the block between the two markers below,
 * which every full run rewrites from its results.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { TRAFFIC_KINDS, type KindCounts, type TrafficKind } from './requests';
import type { TrafficRates } from './traffic';
import type { FlatnessCheck, FlatnessVerdict, SoakSample } from './verdict';

export const BEGIN_MARKER = '<!-- soak-results:begin (written by npm run soak from bench/soak/results.json) -->';
export const END_MARKER = '<!-- soak-results:end -->';

export interface SoakResults {
  mode: 'full' | 'smoke';
  startedAt: string;
  finishedAt: string;
  plannedSeconds: number;
  durationS: number;
  sampleEveryS: number;
  /** Absent in runs written before it was recorded. */
  source?: { commit: string; modifiedFiles: number };
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; kernel: string };
  /** The machine's 1-minute load average over the samples (the machine may be shared). */
  load: { min: number; median: number; max: number };
  rates: TrafficRates;
  traffic: Record<TrafficKind, KindCounts & { p50Ms: number; p99Ms: number }>;
  totals: { requests: number; ok: number; backPressure: number; unexpected: number; serverErrors: number };
  alerting: { notifications: number; firing: number; resolved: number; badSignatures: number; duplicates: number; firingAlertsSeen: number; windowsSeen: number };
  serverLog: { warnings: number; errors: number; first: string[] };
  firstUnexpected: string[];
  verdict: FlatnessVerdict;
  /** Set when `--rejudge` judged the recorded samples again after the run. */
  rejudgedAt?: string;
  /** The run's outcome: no unexpected answers and, when judged, flat. */
  passed: boolean;
  failures: string[];
  samples: SoakSample[];
}

const MIB = 1024 * 1024;
const fixed = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const thousands = (value: number) => Math.round(value).toLocaleString('en-US');
const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/** Every `step`-th sample and the last, for a table a reader can scan. */
function thinned(samples: readonly SoakSample[], rows: number): SoakSample[] {
  if (samples.length <= rows) return [...samples];
  const step = Math.ceil(samples.length / rows);
  const picked = samples.filter((_, i) => i % step === 0);
  if (picked[picked.length - 1] !== samples[samples.length - 1]) picked.push(samples[samples.length - 1]!);
  return picked;
}

/** A check's reference, end and the two beside each other, as three table cells. */
export function checkFigures(c: FlatnessCheck, durationS: number): string {
  const digits = c.unit === 'MiB' || c.unit === 'MiB/h' ? 1 : 0;
  const value = (x: number, unit = c.unit) => `${fixed(x, digits)} ${unit}`;
  switch (c.name) {
    case 'rss-slope':
      return `${value(c.reference, 'MiB')} | ${fixed(c.end, 1)} MiB/h | ${fixed(c.ratio * 100, 1)} % projected over another ${clock(durationS)}`;
    case 'fds':
      return `${value(c.reference)} | ${value(c.end)} | ${c.ratio >= 0 ? '+' : ''}${fixed(c.ratio, 0)}`;
    case 'proc-fds':
      return `${value(c.reference)} | ${value(c.end)} | at most ${fixed(c.ratio, 2)} per thread`;
    default:
      return `${value(c.reference)} | ${value(c.end)} | × ${fixed(c.ratio, 3)}`;
  }
}

/** The generated block of docs/reliability.md, markers included. */
export function resultsSection(r: SoakResults): string {
  const v = r.verdict;
  const verdictWord = !v.judged ? 'not judged' : v.flat ? 'flat' : 'NOT flat';
  const rate = (kind: TrafficKind) => r.traffic[kind].requests / r.durationS;
  const lines = [
    BEGIN_MARKER,
    '',
    `### Latest run: ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${clock(r.durationS)} of traffic, ${r.passed ? 'passed' : 'FAILED'}`,
    '',
    ...(r.source === undefined ? [] : [`Code: commit ${r.source.commit}${r.source.modifiedFiles > 0 ? `, with ${r.source.modifiedFiles} tracked files modified in the working tree` : ''}.`, '']),
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, ${r.machine.memoryGiB} GiB, Node ${r.machine.node}, Linux ${r.machine.kernel}. ` +
      `The machine was shared with other work: its 1-minute load average ran from ${fixed(r.load.min, 2)} to ${fixed(r.load.max, 2)} (median ${fixed(r.load.median, 2)}) on ${r.machine.cpus} cores.`,
    '',
    `Verdict: **${verdictWord}** (${v.reason})${r.rejudgedAt === undefined ? '' : `, judged again from the recorded samples on ${r.rejudgedAt.slice(0, 10)} (\`npm run soak -- --rejudge\`)`}. Warm-up: the first ${clock(v.windows.warmUpEndS)}; reference: the median of the samples from ${clock(v.windows.warmUpEndS)} to ${clock(v.windows.referenceEndS)}; end: the median from ${clock(v.windows.endStartS)} to ${clock(v.windows.durationS)}; a sample every ${r.sampleEveryS} s.`,
    '',
    '| figure | reference | end | end beside reference | limit | |',
    '| --- | --- | --- | --- | --- | --- |',
    ...v.checks.map((c) => `| ${c.description} | ${checkFigures(c, v.windows.durationS)} | ${c.limit.replaceAll('<=', '≤')} | ${c.pass ? 'pass' : '**fail**'} |`),
    '',
    `Requests: ${thousands(r.totals.requests)} in all, ${thousands(r.totals.unexpected)} unexpected (${thousands(r.totals.serverErrors)} of them 5xx), ${thousands(r.totals.backPressure)} refused with back-pressure (429/503 with \`Retry-After\`).`,
    '',
    '| traffic | requests | per second | answered as expected | items carried | back-pressure | unexpected | 5xx | p50 ms | p99 ms |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...TRAFFIC_KINDS.map((k) => {
      const t = r.traffic[k];
      return `| ${k} | ${thousands(t.requests)} | ${fixed(rate(k), 1)} | ${thousands(t.ok)} | ${thousands(t.items)} | ${thousands(t.backPressure)} | ${thousands(t.unexpected)} | ${thousands(t.serverErrors)} | ${fixed(t.p50Ms, 1)} | ${fixed(t.p99Ms, 1)} |`;
    }),
    '',
    `Detection and alerting: the drift matrix showed up to ${r.alerting.windowsSeen} windows of the credit model; up to ${r.alerting.firingAlertsSeen} alerts fired at once; the webhook receiver got ${r.alerting.notifications} notifications (${r.alerting.firing} firing, ${r.alerting.resolved} resolved), ${r.alerting.badSignatures} with a bad signature, ${r.alerting.duplicates} delivered twice.`,
    '',
    `Server log: ${r.serverLog.warnings} warnings, ${r.serverLog.errors} errors.`,
    ...(r.serverLog.first.length === 0 ? [] : ['', 'First warnings and errors:', '', ...r.serverLog.first.map((l) => `    ${l.slice(0, 300)}`)]),
    ...(r.firstUnexpected.length === 0 ? [] : ['', 'First unexpected answers:', '', ...r.firstUnexpected.map((l) => `    ${l.slice(0, 300)}`)]),
    '',
    'The server process over the run (every few samples; bench/soak/results.json has them all):',
    '',
    '| time | RSS MiB | V8 heap MiB | V8 heap after full GC MiB | open fds | threads | data dir MiB | load 1m | requests |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...thinned(r.samples, 16).map(
      (s) => `| ${clock(s.atS)} | ${fixed(s.rssBytes / MIB)} | ${s.heapUsedBytes === null ? 'n/a' : fixed(s.heapUsedBytes / MIB)} | ${typeof s.heapAfterGcBytes === 'number' ? fixed(s.heapAfterGcBytes / MIB) : 'n/a'} | ${s.openFds} | ${s.threads} | ${fixed(s.dataDirBytes / MIB)} | ${fixed(s.loadAverage1m, 2)} | ${thousands(s.requests)} |`,
    ),
    '',
    END_MARKER,
  ];
  return lines.join('\n');
}

const NEW_DOCUMENT = (section: string) => `# Reliability\n\n## The soak run\n\n${section}\n`;

/** Writes the results block into `docPath`, between its markers (the rest stays as written). */
export function writeResultsSection(docPath: string, results: SoakResults): void {
  const section = resultsSection(results);
  if (!existsSync(docPath)) {
    writeFileSync(docPath, NEW_DOCUMENT(section));
    return;
  }
  const text = readFileSync(docPath, 'utf8');
  const begin = text.indexOf(BEGIN_MARKER);
  const end = text.indexOf(END_MARKER);
  if (begin === -1 || end === -1 || end < begin) throw new Error(`${docPath} has no ${BEGIN_MARKER} ... ${END_MARKER} block to write the results into`);
  writeFileSync(docPath, text.slice(0, begin) + section + text.slice(end + END_MARKER.length));
}
