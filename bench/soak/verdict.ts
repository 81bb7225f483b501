/**
 * Whether a soak run stayed flat: pure arithmetic over the samples of the server process, no I/O.
 *
 * The first part of a run is warm-up (JIT, caches, ClickHouse's mark and uncompressed caches,
 * connection pools filling) and is not judged. The reference is the median of the samples in
 * the window right after it; the end is the median of the last part of the run. Medians, not
 * single samples, so that a garbage collection or a merge in ClickHouse at the wrong moment
 * does not decide. A slow leak that a ratio of medians could hide is caught by the slope of RSS
 * over the second half: extrapolated over a run of the same length again, it must stay small
 * beside the reference.
 */

/** One look at the server process. */
export interface SoakSample {
  /** Seconds since traffic started. */
  atS: number;
  rssBytes: number;
  openFds: number;
  /** What the descriptors point at. */
  fdKinds: { sockets: number; pipes: number; files: number; procfs: number; anon: number };
  threads: number;
  /** V8 heap in use, from the server's own `/metrics`; null when it could not be read. */
  heapUsedBytes: number | null;
  /** Bytes under the data directory (grows with the data by design; reported, not judged). */
  dataDirBytes: number;
  /** The machine's 1-minute load average. */
  loadAverage1m: number;
  /** Requests answered so far, all kinds. */
  requests: number;
  /** Requests with an unexpected outcome so far. */
  unexpected: number;
}

export interface FlatnessCriteria {
  /** Share of the run's duration at its start that is warm-up, not judged. */
  warmUpShare: number;
  /** Share of the duration right after the warm-up whose median is the reference. */
  referenceShare: number;
  /** Share of the duration at its end whose median is the end value. */
  endShare: number;
  /** Largest end / reference ratio of RSS and of the V8 heap that counts as flat. */
  maxRatio: number;
  /** Largest growth of open file descriptors (end - reference) that counts as flat: this many... */
  fdSlack: number;
  /** ...plus this share of the reference (ClickHouse holds three per pool thread, and its pools breathe). */
  fdSlackShare: number;
  /** Largest RSS growth the second half's slope projects over one more run of the same length, as a share of the reference. */
  maxProjectedGrowth: number;
  /** Runs shorter than this are reported but not judged (a smoke run). */
  minJudgedSeconds: number;
}

export const DEFAULT_CRITERIA: FlatnessCriteria = {
  warmUpShare: 0.15,
  referenceShare: 0.15,
  endShare: 0.2,
  maxRatio: 1.1,
  fdSlack: 10,
  fdSlackShare: 0.05,
  maxProjectedGrowth: 0.05,
  minJudgedSeconds: 300,
};

export interface FlatnessCheck {
  name: 'rss' | 'heap' | 'fds' | 'rss-slope';
  description: string;
  unit: string;
  /** Median of the reference window (for `rss-slope`: the reference RSS). */
  reference: number;
  /** Median of the end window (for `rss-slope`: the slope, in unit per hour). */
  end: number;
  /** end / reference (for `fds`: end - reference; for `rss-slope`: projected growth / reference). */
  ratio: number;
  limit: string;
  pass: boolean;
}

export interface FlatnessVerdict {
  /** False for a run too short to judge: the checks are computed but decide nothing. */
  judged: boolean;
  /** Every check passed (whatever `judged` says). */
  flat: boolean;
  reason: string;
  windows: { warmUpEndS: number; referenceEndS: number; endStartS: number; durationS: number };
  checks: FlatnessCheck[];
}

/** The middle value (the mean of the two middle values for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The least-squares slope of y over x (units of y per unit of x); 0 with fewer than two
 * distinct x.
 *
 * @example slope([0, 1, 2], [1, 3, 5]) // 2
 */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

const MIB = 1024 * 1024;

/** Judges the samples of one run against `criteria`. */
export function judgeFlatness(samples: readonly SoakSample[], criteria: FlatnessCriteria = DEFAULT_CRITERIA): FlatnessVerdict {
  const durationS = samples.length === 0 ? 0 : samples[samples.length - 1]!.atS;
  const warmUpEndS = durationS * criteria.warmUpShare;
  const referenceEndS = warmUpEndS + durationS * criteria.referenceShare;
  const endStartS = durationS * (1 - criteria.endShare);
  const reference = samples.filter((s) => s.atS >= warmUpEndS && s.atS < referenceEndS);
  const end = samples.filter((s) => s.atS >= endStartS);
  const windows = { warmUpEndS, referenceEndS, endStartS, durationS };
  if (reference.length === 0 || end.length === 0) {
    return { judged: false, flat: false, reason: `too few samples (${samples.length}) for a reference window and an end window`, windows, checks: [] };
  }

  const checks: FlatnessCheck[] = [];
  const ratioCheck = (name: 'rss' | 'heap', description: string, pick: (s: SoakSample) => number | null) => {
    const ref = median(reference.map(pick).filter((v): v is number => v !== null));
    const last = median(end.map(pick).filter((v): v is number => v !== null));
    if (!Number.isFinite(ref) || !Number.isFinite(last) || ref <= 0) return;
    const ratio = last / ref;
    checks.push({ name, description, unit: 'MiB', reference: ref / MIB, end: last / MIB, ratio, limit: `ratio <= ${criteria.maxRatio}`, pass: ratio <= criteria.maxRatio });
  };
  ratioCheck('rss', 'resident memory of the server process (VmRSS)', (s) => s.rssBytes);
  ratioCheck('heap', 'V8 heap in use (vigil_nodejs_heap_size_used_bytes)', (s) => s.heapUsedBytes);

  const fdReference = median(reference.map((s) => s.openFds));
  const fdEnd = median(end.map((s) => s.openFds));
  const fdLimit = criteria.fdSlack + Math.round(criteria.fdSlackShare * fdReference);
  checks.push({
    name: 'fds',
    description: 'open file descriptors of the server process (/proc/<pid>/fd)',
    unit: 'fds',
    reference: fdReference,
    end: fdEnd,
    ratio: fdEnd - fdReference,
    limit: `growth <= ${fdLimit} (${criteria.fdSlack} + ${criteria.fdSlackShare * 100} % of the reference)`,
    pass: fdEnd - fdReference <= fdLimit,
  });

  const secondHalf = samples.filter((s) => s.atS >= durationS / 2);
  const rssReference = median(reference.map((s) => s.rssBytes)) / MIB;
  const mibPerHour = slope(
    secondHalf.map((s) => s.atS / 3600),
    secondHalf.map((s) => s.rssBytes / MIB),
  );
  const projected = (mibPerHour * durationS) / 3600 / rssReference;
  checks.push({
    name: 'rss-slope',
    description: 'least-squares slope of RSS over the second half, projected over one more run of the same length, beside the reference RSS',
    unit: 'MiB/h',
    reference: rssReference,
    end: mibPerHour,
    ratio: projected,
    limit: `projected growth <= ${criteria.maxProjectedGrowth} of the reference`,
    pass: projected <= criteria.maxProjectedGrowth,
  });

  const flat = checks.every((c) => c.pass);
  const judged = durationS >= criteria.minJudgedSeconds;
  const failed = checks.filter((c) => !c.pass).map((c) => c.name);
  const reason = !judged
    ? `a ${Math.round(durationS)}-s run is too short to judge flatness (at least ${criteria.minJudgedSeconds} s); figures reported only`
    : flat
      ? 'every check within its limit'
      : `not flat: ${failed.join(', ')}`;
  return { judged, flat, reason, windows, checks };
}
