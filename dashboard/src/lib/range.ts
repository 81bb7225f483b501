/**
 * The time range of a page, kept in the URL: `range=7d` (relative to now) or `from`/`to`
 * (absolute, RFC 3339). The default is the last 7 days.
 */
export const RANGE_PRESETS = ['24h', '7d', '30d', '90d'] as const;
export const DEFAULT_RANGE = '7d';

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function durationMs(text: string): number | null {
  const found = /^(\d+)([mhd])$/.exec(text);
  return found ? Number(found[1]) * (UNIT_MS[found[2] ?? ''] ?? 0) : null;
}

export interface TimeRange {
  from: string;
  to: string;
  /** The preset it came from, or null for an absolute range. */
  preset: string | null;
}

export function rangeFrom(query: URLSearchParams, now = Date.now()): TimeRange {
  const from = query.get('from');
  const to = query.get('to');
  if (from && to && !Number.isNaN(Date.parse(from)) && !Number.isNaN(Date.parse(to)) && Date.parse(from) < Date.parse(to)) {
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), preset: null };
  }
  const preset = query.get('range') ?? DEFAULT_RANGE;
  const span = durationMs(preset) ?? (durationMs(DEFAULT_RANGE) as number);
  // Rounded up to the next minute so that re-renders within a minute ask for the same data.
  const end = Math.ceil(now / 60_000) * 60_000;
  return { from: new Date(end - span).toISOString(), to: new Date(end).toISOString(), preset: durationMs(preset) === null ? DEFAULT_RANGE : preset };
}
