import { describe, expect, it } from 'vitest';
import { applyWindow, newAlert, resetPendingOnNewVersion, type AlertInstance, type Transition } from './machine';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-23T00:00:00Z');

/** Runs a sequence of windows (true = condition held) and returns states and transitions. */
function run(held: boolean[], forWindows: number, start: AlertInstance = newAlert('f', { model: 'churn', version: '3' })) {
  let alert = start;
  const transitions: Transition[] = [];
  held.forEach((holds, i) => {
    const result = applyWindow(alert, { windowStart: T0 + i * HOUR, holds, value: holds ? 0.3 : 0.01, at: T0 + (i + 1) * HOUR }, forWindows);
    alert = result.alert;
    transitions.push(result.transition);
  });
  return { alert, transitions };
}

describe('applyWindow', () => {
  const table: [string, boolean[], number, string, Transition[]][] = [
    ['fires at once with forWindows 1', [true], 1, 'firing', ['firing']],
    ['is pending until the condition held forWindows windows', [true, true], 3, 'pending', ['pending', null]],
    ['fires on the forWindows-th consecutive window', [true, true, true], 3, 'firing', ['pending', null, 'firing']],
    ['drops a pending alert whose condition stops, silently', [true, false], 3, 'inactive', ['pending', 'dropped']],
    ['restarts the count after an interruption', [true, true, false, true, true], 3, 'pending', ['pending', null, 'dropped', 'pending', null]],
    ['stays firing while the condition holds, notifying once', [true, true, true, true], 1, 'firing', ['firing', null, null, null]],
    ['resolves a firing alert when the condition stops', [true, false], 1, 'resolved', ['firing', 'resolved']],
    ['fires again after resolving', [true, false, true], 1, 'firing', ['firing', 'resolved', 'firing']],
    ['never fires when the condition never holds', [false, false], 1, 'inactive', [null, null]],
  ];
  it.each(table)('%s', (_name, held, forWindows, state, transitions) => {
    const result = run(held, forWindows);
    expect(result.alert.state).toBe(state);
    expect(result.transitions).toEqual(transitions);
  });

  it('records when the run of held windows began and when it fired and resolved', () => {
    const { alert } = run([false, true, true, false], 2);
    expect(alert).toMatchObject({ state: 'resolved', firedAt: T0 + 3 * HOUR, resolvedAt: T0 + 4 * HOUR, activeSince: null });
    const firing = run([false, true, true], 2).alert;
    expect(firing).toMatchObject({ state: 'firing', activeSince: T0 + HOUR, heldWindows: 2, value: 0.3 });
  });

  it('ignores a window it has already applied (re-evaluation is idempotent)', () => {
    const { alert } = run([true], 2);
    const again = applyWindow(alert, { windowStart: T0, holds: true, value: 0.5, at: T0 + 5 * HOUR }, 2);
    expect(again.transition).toBeNull();
    expect(again.alert).toBe(alert);
  });
});

describe('resetPendingOnNewVersion', () => {
  it('drops pending alerts of an old version, and keeps firing ones and those of the live version', () => {
    const pendingOld = run([true], 3).alert;
    expect(resetPendingOnNewVersion(pendingOld, '4')).toMatchObject({ state: 'inactive', heldWindows: 0 });
    expect(resetPendingOnNewVersion(pendingOld, '3')).toBe(pendingOld);
    const firingOld = run([true], 1).alert;
    expect(resetPendingOnNewVersion(firingOld, '4')).toBe(firingOld);
  });
});
