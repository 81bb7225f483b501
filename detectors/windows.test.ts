import { describe, expect, it } from 'vitest';
import { isClosed, windowSizeMs, windowStartOf, windowsCovering } from './windows';

describe('windows', () => {
  it.each([
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['2d', 172_800_000],
  ])('%s is %i ms', (size, ms) => expect(windowSizeMs(size)).toBe(ms));

  it.each(['', '0h', '1w', '1.5h', 'h'])('refuses %j', (size) => expect(() => windowSizeMs(size)).toThrow(/window size/));

  it('aligns hourly windows to the hour and covers a range', () => {
    const t = Date.parse('2026-11-20T10:17:00Z');
    expect(new Date(windowStartOf(t, 3_600_000)).toISOString()).toBe('2026-11-20T10:00:00.000Z');
    const windows = windowsCovering(t, t + 2 * 3_600_000, 3_600_000);
    expect(windows.map((w) => new Date(w.startMs).toISOString())).toEqual(['2026-11-20T10:00:00.000Z', '2026-11-20T11:00:00.000Z', '2026-11-20T12:00:00.000Z']);
  });

  it('closes a window after its end plus the allowed lateness', () => {
    const w = { startMs: 0, endMs: 3_600_000 };
    expect(isClosed(w, 300_000, 3_899_999)).toBe(false);
    expect(isClosed(w, 300_000, 3_900_000)).toBe(true);
  });
});
