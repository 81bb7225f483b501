/**
 * ClickHouse prints `DateTime64(3, 'UTC')` as `2026-11-23 17:01:16.754`; the API speaks
 * RFC 3339. Columns are declared in UTC, so the conversion is textual and exact.
 */
export function toRfc3339(clickhouseTime: string): string {
  return `${clickhouseTime.replace(' ', 'T')}Z`;
}

/** Like `toRfc3339`, passing nulls through. */
export function toRfc3339OrNull(clickhouseTime: string | null): string | null {
  return clickhouseTime === null ? null : toRfc3339(clickhouseTime);
}
