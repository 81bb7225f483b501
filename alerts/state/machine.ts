import type { Labels } from '../fingerprint';

/**
 * The alert lifecycle, as Prometheus and Alertmanager define it: an alert is `pending` while
 * its condition holds for fewer than `forWindows` consecutive windows, `firing` once it has
 * held that long, and `resolved` when the condition stops holding after it fired. A pending
 * alert whose condition stops is dropped (`inactive`) without any notification. Pure: the
 * caller supplies each evaluated window and stores what comes back.
 */
export type AlertState = 'inactive' | 'pending' | 'firing' | 'resolved';

export interface AlertInstance {
  fingerprint: string;
  labels: Labels;
  state: AlertState;
  /** Consecutive evaluated windows in which the condition held. */
  heldWindows: number;
  /** Start of the first window of the current run of held windows (ms). */
  activeSince: number | null;
  firedAt: number | null;
  resolvedAt: number | null;
  /** Start of the last window applied, so a window is never counted twice (ms). */
  lastWindowStart: number | null;
  /** The value that crossed the threshold in the last window where it held. */
  value: number | null;
}

export interface WindowObservation {
  windowStart: number;
  /** Whether the rule's condition held in this window. */
  holds: boolean;
  value: number | null;
  /** When the evaluation happened (ms): the time of any transition. */
  at: number;
}

export type Transition = 'pending' | 'firing' | 'resolved' | 'dropped' | null;

export function newAlert(fingerprint: string, labels: Labels): AlertInstance {
  return { fingerprint, labels, state: 'inactive', heldWindows: 0, activeSince: null, firedAt: null, resolvedAt: null, lastWindowStart: null, value: null };
}

/**
 * Applies one evaluated window to an alert. Windows must come in order of their start; a
 * window at or before the last one applied (a re-evaluation of late data) changes nothing,
 * so evaluation runs are idempotent.
 */
export function applyWindow(alert: AlertInstance, observation: WindowObservation, forWindows: number): { alert: AlertInstance; transition: Transition } {
  if (alert.lastWindowStart !== null && observation.windowStart <= alert.lastWindowStart) return { alert, transition: null };
  const base = { ...alert, lastWindowStart: observation.windowStart };
  if (observation.holds) {
    const heldWindows = alert.state === 'firing' || alert.state === 'pending' ? alert.heldWindows + 1 : 1;
    const activeSince = heldWindows === 1 ? observation.windowStart : alert.activeSince;
    const next = { ...base, heldWindows, activeSince, value: observation.value };
    if (alert.state === 'firing') return { alert: next, transition: null };
    if (heldWindows >= Math.max(1, forWindows)) return { alert: { ...next, state: 'firing', firedAt: observation.at, resolvedAt: null }, transition: 'firing' };
    return { alert: { ...next, state: 'pending' }, transition: alert.state === 'pending' ? null : 'pending' };
  }
  const cleared = { ...base, heldWindows: 0, activeSince: null };
  if (alert.state === 'firing') return { alert: { ...cleared, state: 'resolved', resolvedAt: observation.at }, transition: 'resolved' };
  if (alert.state === 'pending') return { alert: { ...cleared, state: 'inactive' }, transition: 'dropped' };
  return { alert: cleared, transition: null };
}

/**
 * A new version going live makes the pending alerts of the old one meaningless: they are
 * dropped (firing ones stay until their condition clears, as on-call expects).
 */
export function resetPendingOnNewVersion(alert: AlertInstance, liveVersion: string): AlertInstance {
  if (alert.state !== 'pending' || alert.labels.version === undefined || alert.labels.version === liveVersion) return alert;
  return { ...alert, state: 'inactive', heldWindows: 0, activeSince: null };
}
