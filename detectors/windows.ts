/**
 * Detector windows: tumbling, of a per-model size, aligned to the Unix epoch in UTC (so an
 * hourly window always starts on the hour), by event time.
 */

export interface TimeWindow {
  /** Inclusive, epoch milliseconds. */
  startMs: number;
  /** Exclusive, epoch milliseconds. */
  endMs: number;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * The length of a window size such as `15m`, `1h` or `1d`, in milliseconds; throws a
 * RangeError naming the value for anything else.
 *
 * @example windowSizeMs('1h') // 3600000
 */
export function windowSizeMs(size: string): number {
  const match = /^([1-9]\d{0,4})([mhd])$/.exec(size);
  if (match === null) throw new RangeError(`expected a window size such as "15m", "1h" or "1d", got ${JSON.stringify(size)}`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}

/** The start of the window containing `timeMs`. */
export function windowStartOf(timeMs: number, sizeMs: number): number {
  return Math.floor(timeMs / sizeMs) * sizeMs;
}

/**
 * Every window that overlaps [fromMs, toMs), oldest first.
 *
 * @example windowsCovering(0, 7_200_000, 3_600_000).length // 2
 */
export function windowsCovering(fromMs: number, toMs: number, sizeMs: number): TimeWindow[] {
  const windows: TimeWindow[] = [];
  for (let start = windowStartOf(fromMs, sizeMs); start < toMs; start += sizeMs) windows.push({ startMs: start, endMs: start + sizeMs });
  return windows;
}

/** Whether a window may be evaluated at `nowMs`: its end plus the allowed lateness has passed. */
export function isClosed(window: TimeWindow, allowedLatenessMs: number, nowMs: number): boolean {
  return window.endMs + allowedLatenessMs <= nowMs;
}
