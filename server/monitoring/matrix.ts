import { VERDICT_LETTERS, type MatrixRow, type StoredWindow } from '../../store/detections';

export { VERDICT_LETTERS };

export interface DriftMatrix {
  statistic: string;
  windows: { start: string; end: string; version: string; status: string }[];
  features: { feature: string; kind: 'numeric' | 'categorical'; values: (number | null)[]; verdicts: string; driftedWindows: number }[];
}

/** Plotting precision: four significant digits keep a 90-day x 50-feature matrix small. */
const plotted = (value: number | null) => (value === null ? null : Number(value.toPrecision(4)));

/**
 * Lays each feature's cells out on the windows' columns: one column per stored (window,
 * version), in the windows' order; a value and a verdict letter per column (`-` and null
 * where the feature has no result).
 */
export function driftMatrix(statistic: string, windows: readonly StoredWindow[], rows: readonly MatrixRow[]): DriftMatrix {
  const column = new Map(windows.map((w, i) => [`${w.startMs}|${w.version}`, i]));
  return {
    statistic,
    windows: windows.map((w) => ({ start: new Date(w.startMs).toISOString(), end: new Date(w.endMs).toISOString(), version: w.version, status: w.status })),
    features: rows.map((row) => {
      const values = new Array<number | null>(windows.length).fill(null);
      const verdicts = new Array<string>(windows.length).fill('-');
      let driftedWindows = 0;
      row.startsMs.forEach((startMs, i) => {
        const at = column.get(`${startMs}|${row.versions[i]}`);
        if (at === undefined) return;
        values[at] = plotted(row.values[i] ?? null);
        verdicts[at] = row.verdicts[i] ?? '-';
        if (row.verdicts[i] === VERDICT_LETTERS.drift) driftedWindows += 1;
      });
      return { feature: row.feature, kind: row.kind, values, verdicts: verdicts.join(''), driftedWindows };
    }),
  };
}
