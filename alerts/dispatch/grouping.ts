import type { Labels } from '../fingerprint';

/**
 * Grouping and notification timing, as Alertmanager's dispatcher: alerts are grouped by model
 * (so 30 drifting features make one notification, not 30); a new group waits `groupWaitMs` to
 * collect its first alerts; a changed group (an alert firing or resolving) is notified at most
 * every `groupIntervalMs`; an unchanged firing group is reminded every `repeatIntervalMs`.
 */
export interface GroupTiming {
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
}

export const DEFAULT_GROUP_TIMING: GroupTiming = { groupWaitMs: 30_000, groupIntervalMs: 5 * 60_000, repeatIntervalMs: 4 * 3_600_000 };

/** The labels that make a group: one per model of a project. */
export const GROUP_BY = ['project', 'model'] as const;

export function groupKey(labels: Labels): string {
  return JSON.stringify(GROUP_BY.map((name) => labels[name] ?? ''));
}

export interface GroupState {
  /** When the group's first alert arrived (ms). */
  createdAt: number;
  lastNotifiedAt: number | null;
  /** Fingerprints that were firing in the last notification, sorted. */
  lastNotifiedFiring: string[];
}

/**
 * Whether the group should be notified now, given the fingerprints firing in it now and
 * whether any alert resolved since the last notification.
 */
export function notificationDue(group: GroupState, firing: readonly string[], resolvedSinceLast: boolean, now: number, timing: GroupTiming): boolean {
  if (group.lastNotifiedAt === null) return firing.length > 0 && now - group.createdAt >= timing.groupWaitMs;
  const since = now - group.lastNotifiedAt;
  if (groupChanged(group, firing, resolvedSinceLast)) return since >= timing.groupIntervalMs;
  return firing.length > 0 && since >= timing.repeatIntervalMs;
}

/**
 * Whether the group differs from its last notification: an alert resolved since, or the set of
 * firing fingerprints is another one. An unchanged group is only due for a reminder.
 */
export function groupChanged(group: GroupState, firing: readonly string[], resolvedSinceLast: boolean): boolean {
  if (resolvedSinceLast) return true;
  const current = [...firing].sort();
  return current.length !== group.lastNotifiedFiring.length || current.some((f, i) => f !== group.lastNotifiedFiring[i]);
}
