import { matcherMatches as serverMatcherMatches, type Matcher } from '../../../../alerts/silences/silences';
import { api, path, type Answer, type Schema } from '../api';
import type { Alert } from './alerts';

/** Silences (docs/alerts.md, Notifications): label matchers over a time range. */

/** Matchers and their semantics are the server's own (alerts/silences): the preview cannot drift from what mutes. */
export type { Matcher } from '../../../../alerts/silences/silences';

export type Silence = Schema<'Silence'>;

/** What the silence dialog sends: matchers for a duration from now, with a comment. */
export type SilenceInput = Pick<Schema<'SilenceInput'>, 'matchers' | 'comment'> & { durationMs: number };

/** Alertmanager's four matcher operators. */
export const MATCHER_OPERATORS = ['=', '!=', '=~', '!~'] as const;
export type MatcherOperator = (typeof MATCHER_OPERATORS)[number];

export function operatorOf(matcher: Pick<Matcher, 'isRegex' | 'isEqual'>): MatcherOperator {
  return matcher.isRegex ? (matcher.isEqual ? '=~' : '!~') : matcher.isEqual ? '=' : '!=';
}

export function withOperator<M extends Matcher>(matcher: M, operator: MatcherOperator): M {
  return { ...matcher, isRegex: operator.endsWith('~'), isEqual: operator.startsWith('=') };
}

/**
 * Whether one matcher holds for an alert's labels, as the server decides it (a missing label is
 * the empty string; a regular expression must match the whole value). An expression still
 * being typed that is not valid matches nothing (the server refuses to store one).
 *
 * @example matcherMatches({ name: 'feature', value: 'age|plan', isRegex: true, isEqual: true }, { feature: 'plan' }) // true
 */
export function matcherMatches(matcher: Matcher, labels: Record<string, string>): boolean {
  try {
    return serverMatcherMatches(matcher, labels);
  } catch {
    return false;
  }
}

export function silenceMatches(matchers: readonly Matcher[], labels: Record<string, string>): boolean {
  return matchers.length > 0 && matchers.every((m) => matcherMatches(m, labels));
}

/** The matchers that silence exactly this alert's series: its model, rule name, version and feature. */
export function matchersForAlert(alert: Alert): Matcher[] {
  return ['model', 'alertname', 'version', 'feature']
    .filter((name) => (alert.labels[name] ?? '') !== '')
    .map((name) => ({ name, value: alert.labels[name] ?? '', isRegex: false, isEqual: true }));
}

export const DURATION_PRESETS = ['1h', '2h', '4h', '8h', '1d', '3d', '7d'] as const;

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000 } as const;

/**
 * A duration as people write it, in days, hours and minutes: `90m`, `2h`, `1d12h`, `1d 12h`.
 * Null for anything else or for zero.
 *
 * @example parseDuration('1d 12h') // 129600000
 */
export function parseDuration(text: string): number | null {
  const found = /^\s*(?:(\d+)\s*d)?\s*(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?\s*$/i.exec(text);
  if (!found || (found[1] === undefined && found[2] === undefined && found[3] === undefined)) return null;
  const ms = Number(found[1] ?? 0) * UNIT_MS.d + Number(found[2] ?? 0) * UNIT_MS.h + Number(found[3] ?? 0) * UNIT_MS.m;
  return ms > 0 ? ms : null;
}

/** @example formatDuration(5_400_000) // '1h 30m' */
export function formatDuration(ms: number): string {
  if (ms < UNIT_MS.m) return `${Math.max(0, Math.round(ms / 1000))}s`;
  const parts: string[] = [];
  let rest = Math.round(ms / UNIT_MS.m) * UNIT_MS.m;
  for (const unit of ['d', 'h', 'm'] as const) {
    const n = Math.floor(rest / UNIT_MS[unit]);
    if (n > 0) parts.push(`${n}${unit}`);
    rest -= n * UNIT_MS[unit];
  }
  return parts.join(' ');
}

export const fetchSilences = (withExpired: boolean) => api.get<Answer<'/v1/silences', 'get'>>('/v1/silences', { expired: withExpired ? 'true' : undefined }).then((r) => r.silences);
export const createSilence = (input: SilenceInput) => api.post<Answer<'/v1/silences', 'post'>>('/v1/silences', input satisfies Schema<'SilenceInput'>);
export const expireSilence = (id: string) => api.delete<undefined>(path('/v1/silences', id));
