import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDataDir } from '../test/support/server';
import { AlertRepository, newStoredAlert, type AlertEvent, type StoredAlert } from './alerts';
import { RollbackLog } from './alertsRollbacks';
import { openStore, type Store } from './clickhouse';
import { migrate } from './migrations';

/**
 * The alert queries that select by time, against embedded ClickHouse: an alert's history over
 * a range (GET /v1/alert-history), the alerts the evaluator still works on (not those resolved
 * long ago), and the rollbacks of the last day (the rollback channel's daily limit) hold
 * exactly what falls in their range.
 */
const data = tempDataDir();
let store: Store;
const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');

beforeAll(async () => {
  store = await openStore({ database: 'vigil', dataDir: data.dir });
  await migrate(store);
}, 60_000);

afterAll(async () => {
  await store?.close();
  data.remove();
});

describe('alert history over a time range', () => {
  it('holds the events in [from, to), newest first, and no others', async () => {
    const alerts = new AlertRepository(store);
    const event = (hoursAgo: number, model: string): AlertEvent => ({
      fingerprint: `fp-${model}`,
      at: NOW - hoursAgo * HOUR,
      event: 'firing',
      state: 'firing',
      labels: { alertname: 'FeatureDrift', model },
      value: hoursAgo,
      detail: '',
    });
    await alerts.appendEvents('p', [event(30, 'a'), event(5, 'a'), event(3, 'b'), event(1, 'a'), event(0, 'b')]);
    await alerts.appendEvents('other', [event(2, 'a')]);

    const lastSixHours = await alerts.history('p', NOW - 6 * HOUR, NOW, 100);
    expect(lastSixHours.map((e) => [e.at, e.labels.model])).toEqual([
      [NOW - HOUR, 'a'],
      [NOW - 3 * HOUR, 'b'],
      [NOW - 5 * HOUR, 'a'],
    ]);
    expect((await alerts.history('p', NOW - 6 * HOUR, NOW + 1, 100, 'b')).map((e) => e.at)).toEqual([NOW, NOW - 3 * HOUR]);
    expect(await alerts.history('p', NOW - 100 * HOUR, NOW - 40 * HOUR, 100)).toEqual([]);
  });
});

describe('the alerts the evaluator works on', () => {
  it('are those not resolved, and those resolved since the given time, with their times as stored', async () => {
    const alerts = new AlertRepository(store);
    const alert = (fingerprint: string, state: StoredAlert['state'], resolvedHoursAgo: number | null): StoredAlert => ({
      ...newStoredAlert(fingerprint, { alertname: 'FeatureDrift', model: 'm' }, 'r', NOW - 48 * HOUR),
      state,
      firedAt: NOW - 48 * HOUR,
      resolvedAt: resolvedHoursAgo === null ? null : NOW - resolvedHoursAgo * HOUR,
      updatedAt: NOW,
    });
    await alerts.put('live', [alert('firing', 'firing', null), alert('resolved-lately', 'resolved', 2), alert('resolved-long-ago', 'resolved', 40)], NOW);

    const live = await alerts.live('live', NOW - 24 * HOUR);
    expect(live.map((a) => a.fingerprint).sort()).toEqual(['firing', 'resolved-lately']);
    expect(live.find((a) => a.fingerprint === 'resolved-lately')).toMatchObject({ resolvedAt: NOW - 2 * HOUR, firedAt: NOW - 48 * HOUR, firstSeen: NOW - 48 * HOUR, updatedAt: NOW });
  });
});

describe('rollbacks since a time', () => {
  it('counts only those at or after it, for that model and alias', async () => {
    const log = new RollbackLog(store);
    const rollback = (hoursAgo: number, model = 'm', alias = 'production') =>
      log.append({ project: 'p', model, alias, fromVersion: '2', toVersion: '1', at: NOW - hoursAgo * HOUR, channelId: 'ch', fingerprints: [], reason: 'drift' });
    await rollback(72);
    await rollback(25);
    await rollback(23);
    await rollback(2);
    await rollback(1, 'other-model');
    await rollback(1, 'm', 'canary');

    expect(await log.since('p', 'm', 'production', NOW - 24 * HOUR)).toEqual([NOW - 2 * HOUR, NOW - 23 * HOUR]);
    expect(await log.since('p', 'm', 'production', NOW - HOUR)).toEqual([]);
  });
});
