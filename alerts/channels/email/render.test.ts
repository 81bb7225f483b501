import { describe, expect, it } from 'vitest';
import type { Notification } from '../../dispatch/notification';
import { renderEmail } from './render';

const n: Notification = {
  id: 'msg_1',
  kind: 'alerts',
  project: 'default',
  model: 'churn',
  groupKey: 'g',
  status: 'firing',
  firing: [
    {
      id: 'q1',
      labels: { alertname: 'MissingRateJump', model: 'churn', version: '3', feature: 'age', severity: 'critical', metric: 'missing_rate_increase', category: 'quality' },
      state: 'firing',
      startsAt: '2026-11-20T10:00:00.000Z',
      endsAt: null,
      value: 0.38,
      details: { windowStart: Date.parse('2026-11-20T10:00:00Z'), windowEnd: Date.parse('2026-11-20T11:00:00Z'), feature: 'age', statistics: { currentMissingRate: 0.39, baselineMissingRate: 0.01 } },
      covers: [{ id: 'd1', alertname: 'FeatureDrift', feature: 'age' }],
    },
  ],
  resolved: [],
  dashboardUrl: 'https://vigil.example/models/churn?from=a&to=b',
  dataUrl: 'https://vigil.example/v1/models/churn/predictions',
  createdAt: '2026-11-20T11:05:00.000Z',
};

describe('renderEmail', () => {
  it('says what and where in the subject; statistics, covered alerts and the link in both bodies', () => {
    const email = renderEmail(n);
    expect(email.subject).toBe('[Vigil] [FIRING:1] churn v3: MissingRateJump on age');
    expect(email.text).toContain('missing_rate_increase = 0.38');
    expect(email.text).toContain('currentMissingRate 0.39, baselineMissingRate 0.01');
    expect(email.text).toContain('holds back (data quality explains them): FeatureDrift on age');
    expect(email.text).toContain('Dashboard: https://vigil.example/models/churn?from=a&to=b');
    expect(email.html).toContain('href="https://vigil.example/models/churn?from=a&amp;to=b"');
    expect(email.html).toContain('<td>currentMissingRate</td>');
  });

  it('escapes label values in HTML', () => {
    const hostile = { ...n, firing: [{ ...n.firing[0]!, labels: { ...n.firing[0]!.labels, feature: '<script>x</script>' } }] };
    expect(renderEmail(hostile).html).not.toContain('<script>');
  });

  it('names the project when it is not the default one', () => {
    expect(renderEmail({ ...n, project: 'team-a' }).subject).toBe('[Vigil] [FIRING:1] churn v3: MissingRateJump on age (project team-a)');
  });
});
