import { describe, expect, it } from 'vitest';
import { newStoredAlert, type StoredAlert } from '../../store/alerts';
import { planNotifications } from './plan';
import type { GroupState, GroupTiming } from './grouping';

const timing: GroupTiming = { groupWaitMs: 0, groupIntervalMs: 100, repeatIntervalMs: 1000 };

const alert = (feature: string, overrides: Partial<StoredAlert> = {}): StoredAlert => ({
  ...newStoredAlert(`fp-${feature}`, { alertname: 'FeatureDrift', project: 'p', model: 'churn', version: '1', feature, category: 'drift' }, 'r', 0),
  state: 'firing',
  heldWindows: 1,
  activeSince: 0,
  firedAt: 0,
  lastWindowStart: 0,
  value: 2,
  ...overrides,
});

const thirty = Array.from({ length: 30 }, (_, i) => alert(`f${i}`));
const plan = (alerts: StoredAlert[], groups: Map<string, GroupState> = new Map(), now = 10) =>
  planNotifications({ alerts, routes: () => ['mail', 'hook'], groups, now, timing });
const key = (channel: string) => `${JSON.stringify(['p', 'churn'])}\u0000${channel}`;

describe('planNotifications', () => {
  it('makes one notification per channel for 30 drifting features of a model, not 30', () => {
    const result = plan(thirty);
    expect(result.notifications.map((n) => [n.channelId, n.firing.length])).toEqual([
      ['mail', 30],
      ['hook', 30],
    ]);
    expect(result.groups.map((g) => g.state.lastNotifiedFiring.length)).toEqual([30, 30]);
  });

  it('leaves silenced and inhibited alerts out; a group of only those is not notified', () => {
    const result = plan([alert('a', { silencedBy: ['s1'] }), alert('b', { inhibitedBy: 'fp-q' })]);
    expect(result.notifications).toEqual([]);
    expect(result.groups).toEqual([]);
  });

  it('tells of resolutions once, after the group interval', () => {
    const notified: GroupState = { createdAt: 0, lastNotifiedAt: 10, lastNotifiedFiring: ['fp-a', 'fp-b'] };
    const groups = new Map([[key('mail'), notified]]);
    const alerts = [alert('a'), alert('b', { state: 'resolved', resolvedAt: 50 })];
    expect(planNotifications({ alerts, routes: () => ['mail'], groups, now: 60, timing }).notifications).toEqual([]);
    const due = planNotifications({ alerts, routes: () => ['mail'], groups, now: 200, timing });
    expect(due.notifications.map((n) => [n.firing.map((a) => a.fingerprint), n.resolved.map((a) => a.fingerprint)])).toEqual([[['fp-a'], ['fp-b']]]);
  });

  it('reminds after the repeat interval unless every firing alert is acknowledged', () => {
    const notified: GroupState = { createdAt: 0, lastNotifiedAt: 10, lastNotifiedFiring: ['fp-a'] };
    const groups = new Map([[key('mail'), notified]]);
    expect(planNotifications({ alerts: [alert('a')], routes: () => ['mail'], groups, now: 2000, timing }).notifications).toHaveLength(1);
    expect(planNotifications({ alerts: [alert('a', { ackedAt: 500 })], routes: () => ['mail'], groups, now: 2000, timing }).notifications).toEqual([]);
    // A new alert in an acknowledged group is news.
    expect(planNotifications({ alerts: [alert('a', { ackedAt: 500 }), alert('b')], routes: () => ['mail'], groups, now: 2000, timing }).notifications).toHaveLength(1);
  });
});
