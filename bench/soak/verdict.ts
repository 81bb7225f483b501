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
  /**
   * V8 heap left after the latest full (mark-compact) collection before this sample, as the
   * server's `--trace-gc` lines report it: the live heap, which a leak grows. Heap in use also
   * counts garbage not yet collected and swings with the collector's timing. Null (or absent,
   * in runs recorded before it was sampled) until the first full collection.
   */
  heapAfterGcBytes?: number | null;
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
  /** Largest end / reference ratio of RSS, of the V8 heap and of the thread count that counts as flat. */
  maxRatio: number;
  /** Largest growth (end - reference) of the descriptors other than ClickHouse's per-thread /proc files that counts as flat. */
  fdSlack: number;
  /**
   * ClickHouse opens /proc/<pid>/task/<tid>/{stat,schedstat,io} once a pool thread first runs a
   * query, and keeps them for the thread's life: those descriptors follow the threads (judged by
   * their own ratio), and are judged only to stay within this many per thread, in every sample.
   */
  procFdsPerThread: number;
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
  procFdsPerThread: 3,
  maxProjectedGrowth: 0.05,
  minJudgedSeconds: 300,
};

export interface FlatnessCheck {
  name: 'rss' | 'heap' | 'threads' | 'fds' | 'proc-fds' | 'rss-slope';
  description: string;
  unit: string;
  /** Median of the reference window (for `rss-slope`: the reference RSS). */
  reference: number;
  /** Median of the end window (for `rss-slope`: the slope, in unit per hour). */
  end: number;
  /** end / reference (for `fds`: end - reference; for `proc-fds`: the most per thread in any sample after the warm-up; for `rss-slope`: projected growth / reference). */
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
  const ratioCheck = (name: 'rss' | 'heap' | 'threads', description: string, unit: string, pick: (s: SoakSample) => number | null) => {
    const ref = median(reference.map(pick).filter((v): v is number => v !== null));
    const last = median(end.map(pick).filter((v): v is number => v !== null));
    if (!Number.isFinite(ref) || !Number.isFinite(last) || ref <= 0) return;
    const ratio = last / ref;
    checks.push({ name, description, unit, reference: ref, end: last, ratio, limit: `ratio <= ${criteria.maxRatio}`, pass: ratio <= criteria.maxRatio });
  };
  ratioCheck('rss', 'resident memory of the server process (VmRSS)', 'MiB', (s) => s.rssBytes / MIB);
  if (samples.some((s) => typeof s.heapAfterGcBytes === 'number')) {
    ratioCheck('heap', 'V8 heap left by the latest full collection (--trace-gc): the live heap', 'MiB', (s) => (typeof s.heapAfterGcBytes === 'number' ? s.heapAfterGcBytes / MIB : null));
  } else {
    ratioCheck('heap', 'V8 heap in use (vigil_nodejs_heap_size_used_bytes)', 'MiB', (s) => (s.heapUsedBytes === null ? null : s.heapUsedBytes / MIB));
  }
  ratioCheck('threads', 'threads of the server process (Node and ClickHouse pools)', 'threads', (s) => s.threads);

  // Sockets, pipes, data files, eventfds: everything but the per-thread /proc files.
  const ownFds = (s: SoakSample) => s.openFds - s.fdKinds.procfs;
  const fdReference = median(reference.map(ownFds));
  const fdEnd = median(end.map(ownFds));
  checks.push({
    name: 'fds',
    description: 'open descriptors other than per-thread /proc files: sockets, pipes, files, eventfds',
    unit: 'fds',
    reference: fdReference,
    end: fdEnd,
    ratio: fdEnd - fdReference,
    limit: `growth <= ${criteria.fdSlack}`,
    pass: fdEnd - fdReference <= criteria.fdSlack,
  });
  const judgedSamples = samples.filter((s) => s.atS >= warmUpEndS);
  const perThread = Math.max(...judgedSamples.map((s) => s.fdKinds.procfs / Math.max(1, s.threads)));
  checks.push({
    name: 'proc-fds',
    description: 'per-thread /proc files (ClickHouse thread counters), per thread',
    unit: 'fds',
    reference: median(reference.map((s) => s.fdKinds.procfs)),
    end: median(end.map((s) => s.fdKinds.procfs)),
    ratio: perThread,
    limit: `<= ${criteria.procFdsPerThread} per thread in every sample`,
    pass: perThread <= criteria.procFdsPerThread,
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
      : `over the limit: ${failed.join(', ')}`;
  return { judged, flat, reason, windows, checks };
}
