/** Helpers shared by the benchmarks: deterministic data, timing, summaries. */

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

export function median(values: number[]): number {
  return percentile([...values].sort((a, b) => a - b), 50);
}

export function spread(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `${round(sorted[0]!)}–${round(sorted.at(-1)!)}`;
}

export function round(value: number, digits = 3): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.max(1, Math.ceil(Math.log10(Math.abs(value) + 1)));
  const factor = 10 ** Math.max(0, digits - magnitude + 2);
  return Math.round(value * factor) / factor;
}

/** One figure as bench/results.json records it. */
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
  spread?: string;
}

export function printResult(r: BenchResult): void {
  const ratio = r.ratio === null ? '' : `  ratio ${round(r.ratio)} (vigil / reference)`;
  const reference = r.reference === null ? '' : `  reference ${round(r.reference)} ${r.unit} (${r.referenceName})`;
  process.stdout.write(`${r.id}: ${r.figure}: vigil ${round(r.vigil)} ${r.unit}${r.spread ? ` [runs ${r.spread}]` : ''}${reference}${ratio}  target ${r.target}\n`);
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
