import { describe, expect, it } from 'vitest';
import { groupChanged, groupKey, notificationDue, type GroupState, type GroupTiming } from './grouping';

const timing: GroupTiming = { groupWaitMs: 30, groupIntervalMs: 300, repeatIntervalMs: 4000 };
const fresh: GroupState = { createdAt: 0, lastNotifiedAt: null, lastNotifiedFiring: [] };
const notified: GroupState = { createdAt: 0, lastNotifiedAt: 1000, lastNotifiedFiring: ['a', 'b'] };

describe('notificationDue', () => {
  const table: [string, GroupState, string[], boolean, number, boolean][] = [
    ['a new group waits group_wait', fresh, ['a'], false, 10, false],
    ['a new group is notified after group_wait', fresh, ['a'], false, 30, true],
    ['a new group with nothing firing is not notified', fresh, [], false, 100, false],
    ['an unchanged group is not notified before repeat_interval', notified, ['b', 'a'], false, 3000, false],
    ['an unchanged firing group is reminded after repeat_interval', notified, ['a', 'b'], false, 5000, true],
    ['a new alert in the group waits group_interval', notified, ['a', 'b', 'c'], false, 1200, false],
    ['a new alert in the group is notified after group_interval', notified, ['a', 'b', 'c'], false, 1300, true],
    ['a resolution is notified after group_interval', notified, ['a'], true, 1300, true],
    ['a group whose alerts all resolved is told so once', { ...notified, lastNotifiedFiring: [] }, [], false, 9000, false],
  ];
  it.each(table)('%s', (_name, group, firing, resolved, now, expected) => {
    expect(notificationDue(group, firing, resolved, now, timing)).toBe(expected);
  });
});

describe('groupKey', () => {
  it('groups the features of one model together and models apart', () => {
    const age = groupKey({ project: 'p', model: 'churn', feature: 'age' });
    expect(groupKey({ project: 'p', model: 'churn', feature: 'plan' })).toBe(age);
    expect(groupKey({ project: 'p', model: 'fraud', feature: 'age' })).not.toBe(age);
    expect(groupKey({ project: 'q', model: 'churn', feature: 'age' })).not.toBe(age);
  });
});

describe('groupChanged', () => {
  it.each([
    ['the same firing set, in any order', ['b', 'a'], false, false],
    ['one more alert firing', ['a', 'b', 'c'], false, true],
    ['one alert fewer', ['a'], false, true],
    ['a resolution since the last notification', ['a', 'b'], true, true],
  ] as const)('%s', (_name, firing, resolved, expected) => {
    expect(groupChanged(notified, firing, resolved)).toBe(expected);
  });
});
