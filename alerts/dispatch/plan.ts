import type { StoredAlert } from '../../store/alerts';
import { groupChanged, groupKey, notificationDue, type GroupState, type GroupTiming } from './grouping';

/** One notification to send: a group's alerts for one channel. */
export interface PlannedNotification {
  groupKey: string;
  channelId: string;
  project: string;
  model: string;
  firing: StoredAlert[];
  resolved: StoredAlert[];
}

export interface NotificationPlan {
  notifications: PlannedNotification[];
  /** Group states to store: new groups and groups just notified. */
  groups: { groupKey: string; channelId: string; state: GroupState }[];
}

/** Whether an alert is heard: firing, and neither silenced nor held back by a quality alert. */
export const audible = (a: StoredAlert) => a.state === 'firing' && a.silencedBy.length === 0 && a.inhibitedBy === '';

const stateKey = (group: string, channel: string) => `${group}\u0000${channel}`;

/**
 * Decides which groups to notify now, per channel: alerts are grouped per model (grouping.ts)
 * and routed to channels by their rule (`routes`); a group is notified when grouping's timing
 * says so. Acknowledged alerts still appear in change notifications but do not cause
 * reminders: a group whose firing alerts are all acknowledged is not reminded.
 * Pure: the caller stores the plan's group states and queues its notifications.
 */
export function planNotifications(input: {
  alerts: readonly StoredAlert[];
  routes: (alert: StoredAlert) => readonly string[];
  groups: ReadonlyMap<string, GroupState>;
  now: number;
  timing: GroupTiming;
}): NotificationPlan {
  const { alerts, routes, groups, now, timing } = input;
  const members = new Map<string, { groupKey: string; channelId: string; alerts: StoredAlert[] }>();
  for (const alert of alerts) {
    if (alert.state !== 'firing' && alert.state !== 'resolved') continue;
    const key = groupKey(alert.labels);
    for (const channelId of routes(alert)) {
      const k = stateKey(key, channelId);
      let entry = members.get(k);
      if (entry === undefined) members.set(k, (entry = { groupKey: key, channelId, alerts: [] }));
      entry.alerts.push(alert);
    }
  }
  const plan: NotificationPlan = { notifications: [], groups: [] };
  for (const [k, { groupKey: key, channelId, alerts: inGroup }] of members) {
    const firing = inGroup.filter(audible);
    let group = groups.get(k);
    if (group === undefined) {
      if (firing.length === 0) continue;
      group = { createdAt: now, lastNotifiedAt: null, lastNotifiedFiring: [] };
      plan.groups.push({ groupKey: key, channelId, state: group });
    }
    const lastNotifiedAt = group.lastNotifiedAt;
    const wasNotified = new Set(group.lastNotifiedFiring);
    const resolved = inGroup.filter((a) => a.state === 'resolved' && wasNotified.has(a.fingerprint) && lastNotifiedAt !== null && (a.resolvedAt ?? 0) >= lastNotifiedAt);
    const fingerprints = firing.map((a) => a.fingerprint).sort();
    if (!notificationDue(group, fingerprints, resolved.length > 0, now, timing)) continue;
    const reminderOnly = lastNotifiedAt !== null && !groupChanged(group, fingerprints, resolved.length > 0);
    if (reminderOnly && firing.every((a) => a.ackedAt !== null)) continue;
    const first = inGroup[0];
    plan.notifications.push({ groupKey: key, channelId, project: first?.labels.project ?? '', model: first?.labels.model ?? '', firing, resolved });
    const notified = { createdAt: group.createdAt, lastNotifiedAt: now, lastNotifiedFiring: fingerprints };
    const existing = plan.groups.find((g) => g.groupKey === key && g.channelId === channelId);
    if (existing !== undefined) existing.state = notified;
    else plan.groups.push({ groupKey: key, channelId, state: notified });
  }
  return plan;
}
