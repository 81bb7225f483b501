/** Helpers shared by the benchmarks: deterministic data, timing, summaries. */
import { readFileSync, writeFileSync } from 'node:fs';

/** Mulberry32: a tiny deterministic PRNG, so every run measures the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** The middle value (the mean of the two middle values for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.max(1, Math.ceil(Math.log10(Math.abs(value) + 1)));
  const factor = 10 ** Math.max(0, digits - magnitude + 2);
  return Math.round(value * factor) / factor;
}

/** Every measured run of one side of a figure, and their range. */
export interface RunSpread {
  values: number[];
  min: number;
  max: number;
}

/** One figure as bench/results.json records it: medians over runs, ratio = vigil / reference. */
export interface BenchResult {
  id: string;
  figure: string;
  unit: string;
  vigil: number;
  reference: number | null;
  referenceName: string | null;
  ratio: number | null;
  target: string;
  higherIsBetter: boolean;
  spread: { vigil: RunSpread; reference: RunSpread | null };
  /** Detection rows only: the sizes behind the figure, for docs/bench-scaling.png. */
  scaling?: { windowRows: number; features: number; baselineRows: number };
}

function runSpread(values: number[]): RunSpread {
  if (values.length === 0) throw new Error('a figure needs at least one measured run');
  return { values, min: Math.min(...values), max: Math.max(...values) };
}

/**
 * A figure from every measured run of Vigil and of its reference (none when the reference has
 * no such number): both medians, the ratio of the medians, and each side's runs and range.
 */
export function figureFromRuns(
  description: Omit<BenchResult, 'vigil' | 'reference' | 'ratio' | 'spread'>,
  vigilRuns: number[],
  referenceRuns: number[] | null,
): BenchResult {
  const vigil = median(vigilRuns);
  const reference = referenceRuns === null || referenceRuns.length === 0 ? null : median(referenceRuns);
  return {
    ...description,
    referenceName: reference === null ? null : description.referenceName,
    vigil,
    reference,
    ratio: reference === null || reference === 0 ? null : vigil / reference,
    spread: { vigil: runSpread(vigilRuns), reference: reference === null ? null : runSpread(referenceRuns!) },
  };
}

/** "median (min–max, n runs)" */
export function describeRuns(median: number, spread: RunSpread, unit: string): string {
  const range = spread.values.length > 1 ? `${round(spread.min)}–${round(spread.max)}, ${spread.values.length} runs` : '1 run';
  return `${round(median)}${unit ? ` ${unit}` : ''} (${range})`;
}

export function printResult(r: BenchResult): void {
  const ratio = r.ratio === null ? '' : `  ratio ${round(r.ratio)} (vigil / reference)`;
  const reference = r.reference === null ? '' : `  reference ${describeRuns(r.reference, r.spread.reference!, r.unit)} [${r.referenceName}]`;
  process.stdout.write(`${r.id}: ${r.figure}: vigil ${describeRuns(r.vigil, r.spread.vigil, r.unit)}${reference}${ratio}  target ${r.target}\n`);
}

/**
 * A process's peak resident memory (Linux's VmHWM, in bytes) since the last
 * `resetPeakRss` of it: exact, where sampling RSS every few milliseconds could miss a spike.
 */
export function peakRss(pid: number | 'self'): number {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (match === null) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** Starts a new peak: the kernel sets VmHWM to the current RSS (`clear_refs` 5, Linux >= 4.0). */
export function resetPeakRss(pid: number | 'self'): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** The 20 numeric features of the ingest benchmarks' model. */
export const BENCH_FEATURES = Array.from({ length: 20 }, (_, i) => `f${i}`);

/**
 * `count` deterministic `/v1/predictions` bodies of `batch` predictions each (20 numeric
 * features), ids prefixed with `runTag`: the same data for HTTP and Kafka ingest benchmarks.
 */
export function predictionBodies(count: number, batch: number, seed: number, runTag: string): string[] {
  const random = seededRandom(seed);
  const base = Date.parse('2026-11-01T00:00:00Z');
  return Array.from({ length: count }, (_, r) =>
    JSON.stringify({
      predictions: Array.from({ length: batch }, (_, i) => ({
        model: 'bench',
        version: '1',
        id: `${runTag}-${r}-${i}`,
        timestamp: base + r * batch + i,
        features: Object.fromEntries(BENCH_FEATURES.map((f) => [f, Math.round(random() * 1e6) / 1e3])),
        prediction: random(),
        latencyMs: Math.round(random() * 100) / 10,
      })),
    }),
  );
}
