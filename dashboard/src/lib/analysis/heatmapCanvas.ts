import * as Plot from '@observablehq/plot';
import type { ScaleOptions } from '@observablehq/plot';
import { VERDICT_COLORS } from '../palette';
import type { HeatmapGrid } from './heatmapGrid';

/**
 * Paints the heatmap's plot area on a canvas: the cells, white row separators and the verdict
 * overlay (drift: a solid bar with a white edge; moderate: a thin dashed line). A 90-day x
 * 50-feature matrix of hourly windows is 108,000 cells: as SVG elements they take seconds to
 * lay out, on a canvas a few milliseconds. Colours come from a 256-entry table of the same
 * Plot colour scale the legend shows, so the canvas and the legend agree.
 */

const LEVELS = 256;
export const EMPTY_CELL = '#ececec';

interface ColorTable {
  rgb: Uint8Array;
  indexOf: (value: number) => number;
}

function colorTable(options: ScaleOptions): ColorTable {
  const scale = Plot.scale({ color: options });
  const [lo, hi] = (options.domain ?? [0, 1]) as [number, number];
  const log = options.type === 'log';
  const a = log ? Math.log10(lo) : lo;
  const b = log ? Math.log10(hi) : hi;
  const rgb = new Uint8Array(LEVELS * 3);
  const probe = document.createElement('canvas').getContext('2d');
  for (let i = 0; i < LEVELS; i++) {
    const t = a + ((b - a) * i) / (LEVELS - 1);
    const css = String(scale.apply(log ? 10 ** t : t));
    const [r, g, bl] = parseColor(css, probe);
    rgb.set([r, g, bl], i * 3);
  }
  const span = b - a || 1;
  return {
    rgb,
    indexOf: (value) => {
      const t = ((log ? Math.log10(value) : value) - a) / span;
      return Math.max(0, Math.min(LEVELS - 1, Math.round(t * (LEVELS - 1))));
    },
  };
}

/** `rgb(1, 2, 3)` or `#010203` (what Plot's schemes return), through the canvas for anything else. */
function parseColor(css: string, probe: CanvasRenderingContext2D | null): [number, number, number] {
  const rgb = /^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/.exec(css);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  let hex = /^#[0-9a-f]{6}$/i.test(css) ? css : null;
  if (!hex && probe) {
    probe.fillStyle = css;
    hex = /^#[0-9a-f]{6}$/i.test(probe.fillStyle) ? probe.fillStyle : null;
  }
  return hex ? [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)] : [0, 0, 0];
}

export interface PaintSize {
  width: number;
  height: number;
  rowHeight: number;
  pixelRatio: number;
}

export function paintHeatmap(grid: HeatmapGrid, values: Float64Array, color: ScaleOptions, { width, height, rowHeight, pixelRatio }: PaintSize): HTMLCanvasElement {
  const rows = grid.rows.length;
  const table = colorTable(color);

  // One pixel per cell, then scaled up without smoothing.
  const cells = document.createElement('canvas');
  cells.width = grid.columns;
  cells.height = Math.max(1, rows);
  const cellContext = cells.getContext('2d');
  if (cellContext && rows > 0) {
    const image = cellContext.createImageData(grid.columns, rows);
    const data = image.data;
    for (let i = 0; i < values.length; i++) {
      const value = values[i] ?? Number.NaN;
      if (Number.isNaN(value)) continue;
      const at = table.indexOf(value) * 3;
      const j = i * 4;
      data[j] = table.rgb[at] ?? 0;
      data[j + 1] = table.rgb[at + 1] ?? 0;
      data[j + 2] = table.rgb[at + 2] ?? 0;
      data[j + 3] = 255;
    }
    cellContext.putImageData(image, 0, 0);
  }

  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * pixelRatio));
  canvas.height = Math.max(1, Math.round(height * pixelRatio));
  const context = canvas.getContext('2d');
  if (!context) return canvas;
  context.scale(pixelRatio, pixelRatio);
  context.fillStyle = EMPTY_CELL;
  context.fillRect(0, 0, width, height);
  context.imageSmoothingEnabled = false;
  context.drawImage(cells, 0, 0, width, rows * rowHeight);

  context.fillStyle = '#fff';
  const separator = rows > 24 ? 0.5 : 1;
  for (let r = 1; r < rows; r++) context.fillRect(0, r * rowHeight - separator / 2, width, separator);

  const x = (ms: number) => ((ms - grid.startMs) / (grid.endMs - grid.startMs)) * width;
  const bar = Math.max(3, Math.round(rowHeight * 0.32));
  const middle = (row: number) => row * rowHeight + rowHeight / 2;
  // Moderate first, as one dashed path; drift on top, each with a white edge.
  context.strokeStyle = VERDICT_COLORS.moderate ?? '#E69F00';
  context.lineWidth = 2;
  context.setLineDash([3, 2]);
  context.beginPath();
  for (const run of grid.runs) {
    if (run.code !== 'm') continue;
    context.moveTo(x(run.startMs), middle(run.row));
    context.lineTo(Math.max(x(run.startMs) + 1.5, x(run.endMs)), middle(run.row));
  }
  context.stroke();
  for (const [fill, grow] of [['#fff', 1], [VERDICT_COLORS.drift ?? '#D55E00', 0]] as const) {
    context.fillStyle = fill;
    for (const run of grid.runs) {
      if (run.code !== 'd') continue;
      const left = x(run.startMs);
      const right = Math.max(left + 1.5, x(run.endMs));
      context.fillRect(left - grow, middle(run.row) - bar / 2 - grow, right - left + 2 * grow, bar + 2 * grow);
    }
  }
  return canvas;
}

/**
 * A Plot mark (a render function) that puts `paint`'s canvas into the plot's frame, inside a
 * foreignObject: no PNG encoding (toDataURL of a frame-sized canvas costs tens of ms).
 */
export function canvasMark(paint: (size: { width: number; height: number }) => HTMLCanvasElement, ariaLabel: string): Plot.RenderFunction {
  return (_index, _scales, _values, dimensions, context) => {
    const width = dimensions.width - dimensions.marginLeft - dimensions.marginRight;
    const height = dimensions.height - dimensions.marginTop - dimensions.marginBottom;
    const holder = context.document.createElementNS('http://www.w3.org/2000/svg', 'foreignObject');
    holder.setAttribute('x', String(dimensions.marginLeft));
    holder.setAttribute('y', String(dimensions.marginTop));
    holder.setAttribute('width', String(width));
    holder.setAttribute('height', String(height));
    const canvas = paint({ width, height });
    canvas.style.display = 'block';
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', ariaLabel);
    holder.append(canvas);
    return holder;
  };
}
