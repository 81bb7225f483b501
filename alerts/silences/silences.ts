import type { Labels } from '../labels';

/**
 * Silences as Alertmanager has them: matchers on labels and a time range. An alert matched by
 * an active silence is not notified; it still changes state, so the history stays complete.
 */
export interface Matcher {
  name: string;
  value: string;
  /** The value is a regular expression, anchored at both ends as in Alertmanager. */
  isRegex: boolean;
  /** false for `!=` / `!~`. */
  isEqual: boolean;
}

export interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: number;
  endsAt: number;
  createdBy: string;
  comment: string;
}

/** Longest regex accepted in a matcher: bounds the cost of matching every alert against it. */
export const MAX_MATCHER_PATTERN = 256;

/** Why a matcher cannot be used, or null when it can. */
export function matcherProblem(matcher: Matcher): string | null {
  if (matcher.name.length === 0) return 'expected a label name';
  if (!matcher.isRegex) return null;
  if (matcher.value.length > MAX_MATCHER_PATTERN) return `expected a pattern of at most ${MAX_MATCHER_PATTERN} characters`;
  try {
    new RegExp(`^(?:${matcher.value})$`);
    return null;
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
}

/** Whether one matcher holds for the labels; the dashboard's silence preview calls this too. */
export function matcherMatches(matcher: Matcher, labels: Labels): boolean {
  // A missing label matches the empty string, as in Alertmanager.
  const value = labels[matcher.name] ?? '';
  const equal = matcher.isRegex ? new RegExp(`^(?:${matcher.value})$`).test(value) : value === matcher.value;
  return equal === matcher.isEqual;
}

/** True when every matcher of the silence matches the labels. */
export function silenceMatches(silence: Silence, labels: Labels): boolean {
  return silence.matchers.every((m) => matcherMatches(m, labels));
}

export function isActive(silence: Silence, now: number): boolean {
  return silence.startsAt <= now && now < silence.endsAt;
}

/** Ids of the active silences that mute an alert with these labels. */
export function silencedBy(labels: Labels, silences: readonly Silence[], now: number): string[] {
  return silences.filter((s) => isActive(s, now) && silenceMatches(s, labels)).map((s) => s.id);
}

/**
 * Silences that ended in (since, now] over alerts that are still firing: on-call must hear
 * that those alerts are audible again.
 */
export function expiredOverFiring(silences: readonly Silence[], firing: readonly { fingerprint: string; labels: Labels }[], since: number, now: number) {
  return silences
    .filter((s) => s.endsAt > since && s.endsAt <= now)
    .map((silence) => ({ silence, alerts: firing.filter((a) => silenceMatches(silence, a.labels)).map((a) => a.fingerprint) }))
    .filter((notice) => notice.alerts.length > 0);
}
