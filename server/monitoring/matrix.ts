import type { MatrixCell, StoredWindow } from '../../store/detections';

/** One letter per verdict in `DriftMatrix.features[].verdicts`; `-` where a window has no result for the feature. */
export const VERDICT_CODES = { no_drift: 'n', moderate: 'm', drift: 'd', insufficient_data: 'i' } as const;

export interface DriftMatrix {
  statistic: string;
  windows: { start: string; end: string; version: string; status: string }[];
  features: { feature: string; kind: 'numeric' | 'categorical'; values: (number | null)[]; verdicts: string; driftedWindows: number }[];
}

/** Plotting precision: four significant digits keep a 90-day x 50-feature matrix small. */
const plotted = (value: number | null) => (value === null ? null : Number(value.toPrecision(4)));

/**
 * Lays cells out as a features x windows matrix: one column per stored (window, version), in
 * the windows' order; each feature has a value and a verdict letter per column.
 */
export function driftMatrix(statistic: string, windows: readonly StoredWindow[], cells: readonly MatrixCell[]): DriftMatrix {
  const column = new Map(windows.map((w, i) => [`${w.startMs}|${w.version}`, i]));
  const rows = new Map<string, { feature: string; kind: 'numeric' | 'categorical'; values: (number | null)[]; verdicts: string[]; driftedWindows: number }>();
  for (const cell of cells) {
    const at = column.get(`${cell.startMs}|${cell.version}`);
    if (at === undefined) continue;
    let row = rows.get(cell.feature);
    if (row === undefined) {
      row = { feature: cell.feature, kind: cell.kind, values: new Array<number | null>(windows.length).fill(null), verdicts: new Array<string>(windows.length).fill('-'), driftedWindows: 0 };
      rows.set(cell.feature, row);
    }
    row.values[at] = plotted(cell.value);
    row.verdicts[at] = VERDICT_CODES[cell.verdict as keyof typeof VERDICT_CODES] ?? '-';
    if (cell.verdict === 'drift') row.driftedWindows += 1;
  }
  return {
    statistic,
    windows: windows.map((w) => ({ start: new Date(w.startMs).toISOString(), end: new Date(w.endMs).toISOString(), version: w.version, status: w.status })),
    features: [...rows.values()].map((row) => ({ ...row, verdicts: row.verdicts.join('') })),
  };
}
