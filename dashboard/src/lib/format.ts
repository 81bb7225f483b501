const numberFormat = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });
const integerFormat = new Intl.NumberFormat('en');

export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(2);
  return numberFormat.format(value);
}

export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : integerFormat.format(value);
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : `${numberFormat.format(value * 100)} %`;
}

export function formatTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '–';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '–' : date.toISOString().replace('T', ' ').slice(0, 16);
}

export function formatAgo(value: string | number | null | undefined, now = Date.now()): string {
  if (value === null || value === undefined) return 'never';
  const seconds = Math.round((now - new Date(value).getTime()) / 1000);
  if (seconds < 60) return `${seconds}s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)}m ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)}h ago`;
  return `${Math.round(seconds / 86_400)}d ago`;
}
