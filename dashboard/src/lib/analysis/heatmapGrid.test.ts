import { describe, expect, it } from 'vitest';
import { codeAt, heatmapGrid, heatmapRows } from './heatmapGrid';
import type { DriftMatrix } from './types';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T00:00:00Z');
const window = (hour: number, version = '2') => ({ start: new Date(T0 + hour * HOUR).toISOString(), end: new Date(T0 + (hour + 1) * HOUR).toISOString(), version, status: 'ok' as const });

/** Given a model with `age` drifting in hours 2-3 and `plan` quiet, over four hourly windows. */
const matrix: DriftMatrix = {
  statistic: 'psi',
  windows: [window(0), window(1), window(2), window(3)],
  features: [
    { feature: '__prediction', kind: 'categorical', values: [0.01, 0.01, 0.3, 0.3], verdicts: 'nndd', driftedWindows: 2 },
    { feature: 'plan', kind: 'categorical', values: [0.01, 0.12, null, 0.02], verdicts: 'nm-n', driftedWindows: 0 },
    { feature: 'age', kind: 'numeric', values: [0.02, 0.03, 0.4, 0.5], verdicts: 'nndd', driftedWindows: 2 },
  ],
};

describe('heatmapGrid', () => {
  it('lays every feature but the prediction on the range, most drifted first', () => {
    const grid = heatmapGrid(matrix, { fromMs: T0, toMs: T0 + 6 * HOUR });
    expect(grid.rows.map((r) => r.feature)).toEqual(['age', 'plan']);
    expect(grid.columns).toBe(6);
    expect(grid.slotMs).toBe(HOUR);
    expect(Array.from(grid.values.slice(0, 6))).toEqual([0.02, 0.03, 0.4, 0.5, Number.NaN, Number.NaN]);
    expect([0, 1, 2, 3, 4].map((c) => codeAt(grid, 1, c))).toEqual(['n', 'm', '-', 'n', '-']);
  });

  it('turns neighbouring verdicts into one run per row', () => {
    const grid = heatmapGrid(matrix, { fromMs: T0, toMs: T0 + 4 * HOUR });
    expect(grid.runs).toEqual([
      { row: 0, code: 'd', startMs: T0 + 2 * HOUR, endMs: T0 + 4 * HOUR },
      { row: 1, code: 'm', startMs: T0 + HOUR, endMs: T0 + 2 * HOUR },
    ]);
  });

  it('keeps the worse verdict where two versions share a window', () => {
    const twoVersions: DriftMatrix = {
      statistic: 'psi',
      windows: [window(0, '1'), window(0, '2')],
      features: [{ feature: 'age', kind: 'numeric', values: [0.5, 0.05], verdicts: 'dn', driftedWindows: 1 }],
    };
    const grid = heatmapGrid(twoVersions, { fromMs: T0, toMs: T0 + HOUR });
    expect(codeAt(grid, 0, 0)).toBe('d');
    expect(grid.values[0]).toBe(0.5);
    expect(grid.windowIndex[0]).toBe(0);
  });

  it('widens the slots by whole windows to stay under the column limit', () => {
    const grid = heatmapGrid(matrix, { fromMs: T0, toMs: T0 + 4 * HOUR, maxColumns: 2 });
    expect(grid.slotMs).toBe(2 * HOUR);
    expect(grid.columns).toBe(2);
    expect([0, 1].map((c) => codeAt(grid, 0, c))).toEqual(['n', 'd']);
  });

  it('orders rows by name on request', () => {
    expect(heatmapRows(matrix, 'name').map((f) => f.feature)).toEqual(['age', 'plan']);
  });
});
