import { randomUUID } from 'node:crypto';
import type { Delivery } from '../../store/alertsDeliveries';
import type { Notification } from '../dispatch/notification';
import { dashboardLink } from '../dispatch/notification';
import type { Channel, ChannelType } from './config';
import type { Notifier } from './notifier';

/**
 * Channel types a test notification may go to. A retrain channel would start a training run
 * and a rollback channel would move an alias: those act, so they have no test send.
 */
export const TEST_SENDABLE: readonly ChannelType[] = ['email', 'webhook', 'alertmanager'];

export interface TestSendResult {
  delivered: boolean;
  detail: string;
}

/** A firing alert that says it is a test: the `VigilTest` alert of model `vigil-test`, severity info. */
export function testNotification(project: string, publicUrl: string, nowMs: number): Notification {
  const at = new Date(nowMs).toISOString();
  const labels = { alertname: 'VigilTest', project, model: 'vigil-test', severity: 'info', category: 'test' };
  return {
    id: `msg_test_${randomUUID()}`,
    kind: 'alerts',
    project,
    model: 'vigil-test',
    groupKey: `test:${project}`,
    status: 'firing',
    firing: [{ id: 'test', labels, state: 'firing', startsAt: at, endsAt: null, value: null, details: null, covers: [] }],
    resolved: [],
    dashboardUrl: dashboardLink(publicUrl, 'vigil-test', nowMs - 3_600_000, nowMs),
    dataUrl: new URL('/v1/models', publicUrl).toString(),
    createdAt: at,
  };
}

/** One attempt of a test notification through the channel's notifier: no retries, nothing stored. */
export async function sendTest(notifier: Notifier, channel: Channel, project: string, publicUrl: string, nowMs: number): Promise<TestSendResult> {
  const payload = testNotification(project, publicUrl, nowMs);
  const delivery: Delivery = {
    id: `dl_test_${randomUUID()}`,
    project,
    channelId: channel.id,
    channelType: channel.type,
    kind: 'alerts',
    groupKey: payload.groupKey,
    fingerprints: ['test'],
    payload,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: nowMs,
    lastError: '',
    createdAt: nowMs,
    updatedAt: nowMs,
  };
  try {
    const { outcome, statusCode } = await notifier.deliver(delivery, channel, 1);
    const status = statusCode === null ? '' : ` (status ${statusCode})`;
    if (outcome.kind === 'delivered') return { delivered: true, detail: `delivered${status}` };
    return { delivered: false, detail: `${outcome.kind === 'skipped' ? 'skipped' : 'failed'}: ${outcome.reason}${status}` };
  } catch (error) {
    return { delivered: false, detail: `failed: ${(error as Error).message}` };
  }
}
