import { describe, expect, it } from 'vitest';
import { alertTabOf, deliveryWait, groupByModel, stateSince, type Alert } from './alerts';

const alert = (id: string, labels: Record<string, string>, extra: Partial<Alert> = {}): Alert =>
  ({ id, fingerprint: id, state: 'firing', labels, rule: 'r', value: 1, details: null, activeSince: null, firedAt: null, resolvedAt: null, firstSeen: '', lastSeen: '', heldWindows: 1, acknowledged: null, silencedBy: [], inhibitedBy: null, ...extra }) as Alert;

describe('groupByModel', () => {
  it('puts the model with the most severe alert first, and orders alerts by severity, name and feature', () => {
    const groups = groupByModel([
      alert('1', { model: 'a', severity: 'warning', alertname: 'FeatureDrift', feature: 'plan' }),
      alert('2', { model: 'b', severity: 'critical', alertname: 'AccuracyDrop' }),
      alert('3', { model: 'a', severity: 'warning', alertname: 'FeatureDrift', feature: 'age' }),
      alert('4', { model: 'a', severity: 'info', alertname: 'AgePsi', feature: 'age' }),
    ]);
    expect(groups.map((g) => [g.model, g.alerts.map((a) => a.id)])).toEqual([
      ['b', ['2']],
      ['a', ['3', '1', '4']],
    ]);
  });
});

describe('alertTabOf', () => {
  it.each([
    ['state=pending', 'pending'],
    ['state=resolved&model=x', 'resolved'],
    ['state=inactive', 'firing'],
    ['', 'firing'],
  ])('%j', (search, expected) => expect(alertTabOf(new URLSearchParams(search))).toBe(expected));
});

describe('stateSince', () => {
  it('is the time the alert entered the state its tab shows', () => {
    const times = { activeSince: 'A', firedAt: 'F', resolvedAt: 'R' };
    expect(stateSince(alert('1', {}, { ...times, state: 'pending' }))).toBe('A');
    expect(stateSince(alert('1', {}, { ...times, state: 'firing' }))).toBe('F');
    expect(stateSince(alert('1', {}, { ...times, state: 'resolved' }))).toBe('R');
  });
});

describe('deliveryWait', () => {
  const now = Date.parse('2026-12-04T12:00:00Z');
  it('says when a pending notification is tried next, or that it waits behind an earlier one on its channel', () => {
    expect(deliveryWait({ state: 'pending', nextAttemptAt: '2026-12-04T12:00:30.000Z' }, now)).toEqual({ kind: 'next-attempt', at: '2026-12-04T12:00:30.000Z' });
    // Due a moment ago: the worker is about to try it.
    expect(deliveryWait({ state: 'pending', nextAttemptAt: '2026-12-04T11:59:58.000Z' }, now)).toEqual({ kind: 'next-attempt', at: '2026-12-04T11:59:58.000Z' });
    expect(deliveryWait({ state: 'pending', nextAttemptAt: '2026-12-04T11:58:00.000Z' }, now)).toEqual({ kind: 'queued-behind' });
    expect(deliveryWait({ state: 'delivered', nextAttemptAt: '2026-12-04T11:58:00.000Z' }, now)).toBeNull();
    expect(deliveryWait({ state: 'pending', nextAttemptAt: null }, now)).toBeNull();
  });
});
