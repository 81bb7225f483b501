import { CODE_RANK } from './verdicts';
import type { DriftMatrix, FeatureKind } from './types';

/** The pseudo-feature of the model's output (prediction drift). */
export const PREDICTION_FEATURE = '__prediction';

export interface HeatmapRow {
  feature: string;
  kind: FeatureKind;
  /** Windows in the range with verdict drift (as the server counted them). */
  driftedWindows: number;
  moderateWindows: number;
  /** Verdict letter of the newest window with a result, or '-'. */
  latestCode: string;
  /** Largest value of the statistic in the range, or null. */
  maxValue: number | null;
}

/** A run of neighbouring cells of one row with the same verdict, drawn as one overlay mark. */
export interface VerdictRun {
  row: number;
  code: 'd' | 'm';
  /** Epoch ms of the left edge of the first column and the right edge of the last. */
  startMs: number;
  endMs: number;
}

/**
 * The drift matrix laid out on a regular time grid for a raster: `columns` slots of `slotMs`
 * from `startMs`, one row per feature, values row-major in a Float64Array (NaN = no result).
 * Several results in one slot (two versions in one window, or slots widened to fit
 * `maxColumns`) keep the worst verdict and its value; `windowIndex` remembers which window of
 * the matrix each cell shows (-1 for none), for tooltips and links.
 */
export interface HeatmapGrid {
  rows: HeatmapRow[];
  columns: number;
  slotMs: number;
  startMs: number;
  endMs: number;
  values: Float64Array;
  codes: Uint8Array;
  windowIndex: Int32Array;
  runs: VerdictRun[];
}

const CODE_BYTES = ['-', 'i', 'n', 'm', 'd'];
/** CODE_RANK by character code, for the hot loop over every cell. */
const RANK_OF_CHAR: number[] = [];
for (const [code, rank] of Object.entries(CODE_RANK)) RANK_OF_CHAR[code.charCodeAt(0)] = rank;
export const codeAt = (grid: HeatmapGrid, row: number, column: number): string => CODE_BYTES[grid.codes[row * grid.columns + column] ?? 0] ?? '-';

/** The most common window length of the matrix (its window size), or an hour when it has none. */
export function windowSizeMs(matrix: DriftMatrix): number {
  const counts = new Map<number, number>();
  for (const w of matrix.windows) {
    const size = Date.parse(w.end) - Date.parse(w.start);
    if (size > 0) counts.set(size, (counts.get(size) ?? 0) + 1);
  }
  let best = 3_600_000;
  let bestCount = 0;
  for (const [size, count] of counts) if (count > bestCount) [best, bestCount] = [size, count];
  return best;
}

export interface GridOptions {
  /** The range asked for: the grid covers it whole, so empty stretches show as empty. */
  fromMs: number;
  toMs: number;
  /** Upper bound of columns; slots widen by whole windows to stay under it. */
  maxColumns?: number;
  order?: 'drift' | 'name';
}

/** Rows of the heatmap: every feature but the prediction, most drifted first or by name. */
export function heatmapRows(matrix: DriftMatrix, order: 'drift' | 'name' = 'drift'): DriftMatrix['features'] {
  const rows = matrix.features.filter((f) => f.feature !== PREDICTION_FEATURE);
  const byName = (a: { feature: string }, b: { feature: string }) => (a.feature < b.feature ? -1 : a.feature > b.feature ? 1 : 0);
  if (order === 'name') return rows.sort(byName);
  const moderate = (f: { verdicts: string }) => f.verdicts.split('m').length - 1;
  return rows.sort((a, b) => b.driftedWindows - a.driftedWindows || moderate(b) - moderate(a) || byName(a, b));
}

export function heatmapGrid(matrix: DriftMatrix, { fromMs, toMs, maxColumns = 4000, order = 'drift' }: GridOptions): HeatmapGrid {
  const features = heatmapRows(matrix, order);
  const windowMs = windowSizeMs(matrix);
  let slotMs = windowMs;
  let startMs = Math.floor(fromMs / slotMs) * slotMs;
  let columns = Math.max(1, Math.ceil((toMs - startMs) / slotMs));
  if (columns > maxColumns) {
    slotMs = windowMs * Math.ceil(columns / maxColumns);
    startMs = Math.floor(fromMs / slotMs) * slotMs;
    columns = Math.max(1, Math.ceil((toMs - startMs) / slotMs));
  }
  const endMs = startMs + columns * slotMs;

  // Columns each window covers, computed once for every feature.
  const first = new Int32Array(matrix.windows.length);
  const last = new Int32Array(matrix.windows.length);
  matrix.windows.forEach((w, i) => {
    const start = Date.parse(w.start);
    const end = Math.max(start + 1, Date.parse(w.end));
    first[i] = Math.max(0, Math.floor((start - startMs) / slotMs));
    last[i] = Math.min(columns, Math.ceil((end - startMs) / slotMs));
  });

  const cells = features.length * columns;
  const values = new Float64Array(cells).fill(Number.NaN);
  const codes = new Uint8Array(cells);
  const windowIndex = new Int32Array(cells).fill(-1);
  const rows: HeatmapRow[] = [];

  features.forEach((feature, r) => {
    let moderateWindows = 0;
    let latestCode = '-';
    let maxValue: number | null = null;
    const verdicts = feature.verdicts;
    for (let w = 0; w < matrix.windows.length; w++) {
      const rank = RANK_OF_CHAR[verdicts.charCodeAt(w)] ?? 0;
      const value = feature.values[w] ?? null;
      if (rank === 3) moderateWindows += 1;
      if (rank > 0) latestCode = verdicts[w] ?? '-';
      if (value !== null && (maxValue === null || value > maxValue)) maxValue = value;
      if (rank === 0 && value === null) continue;
      const end = last[w] ?? 0;
      for (let c = first[w] ?? 0; c < end; c++) {
        const at = r * columns + c;
        if (windowIndex[at] !== -1 && (codes[at] ?? 0) >= rank) continue;
        codes[at] = rank;
        values[at] = value ?? Number.NaN;
        windowIndex[at] = w;
      }
    }
    rows.push({ feature: feature.feature, kind: feature.kind, driftedWindows: feature.driftedWindows, moderateWindows, latestCode, maxValue });
  });

  return { rows, columns, slotMs, startMs, endMs, values, codes, windowIndex, runs: verdictRuns(codes, rows.length, columns, startMs, slotMs) };
}

/** Runs of neighbouring drift (rank 4) and moderate (rank 3) cells per row. */
function verdictRuns(codes: Uint8Array, rows: number, columns: number, startMs: number, slotMs: number): VerdictRun[] {
  const runs: VerdictRun[] = [];
  for (let r = 0; r < rows; r++) {
    let open = 0;
    for (let c = 1; c <= columns; c++) {
      const rank = codes[r * columns + open] ?? 0;
      if (c < columns && codes[r * columns + c] === rank) continue;
      if (rank === 4 || rank === 3) runs.push({ row: r, code: rank === 4 ? 'd' : 'm', startMs: startMs + open * slotMs, endMs: startMs + c * slotMs });
      open = c;
    }
  }
  return runs;
}
