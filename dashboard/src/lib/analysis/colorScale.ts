import type { ScaleOptions } from '@observablehq/plot';
import { MAGNITUDE_SCHEME } from '../palette';
import { P_VALUE_FLOOR, statisticInfo } from './statistics';

/**
 * The colour scale of a statistic in the heatmap: cividis, brighter = more drift. Bounded
 * statistics use a fixed domain (so colours mean the same from page to page); unbounded ones
 * go up to the 99th percentile of what is shown (one outlier would otherwise darken the rest);
 * p-values are drawn on a reversed log scale, floored at P_VALUE_FLOOR.
 */
export function heatmapColor(statistic: string, values: ArrayLike<number>): ScaleOptions {
  const info = statisticInfo(statistic);
  const common = { scheme: MAGNITUDE_SCHEME, clamp: true, label: info.label } as const;
  if (info.scale === 'p-value') return { ...common, type: 'log', domain: [P_VALUE_FLOOR, 1], reverse: true, tickFormat: '.0e' };
  if (info.scale === 'bounded') return { ...common, type: 'linear', domain: [0, info.max ?? 1] };
  return { ...common, type: 'linear', domain: [0, upperQuantile(values, 0.99)] };
}

/** Values as the colour scale reads them: p-values floored (a p-value of 0 has no logarithm). */
export function colorValues(statistic: string, values: Float64Array): Float64Array {
  if (statisticInfo(statistic).scale !== 'p-value') return values;
  return values.map((v) => (Number.isNaN(v) ? v : Math.max(v, P_VALUE_FLOOR)));
}

function upperQuantile(values: ArrayLike<number>, q: number): number {
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? Number.NaN;
    if (Number.isFinite(v)) finite.push(v);
  }
  if (finite.length === 0) return 1;
  finite.sort((a, b) => a - b);
  const top = finite[Math.min(finite.length - 1, Math.floor(q * (finite.length - 1)))] ?? 1;
  return top > 0 ? top : 1;
}
