import { describe, expect, it } from 'vitest';
import { byAttention, modelHealth, type ModelHealth } from './health';
import type { ModelActivity } from './overview';
import type { Alert, DriftMatrix, ModelSummary } from './types';

const NO_HEALTH = { latestWindow: null, driftedFeatures: [], moderateFeatures: [], firingAlerts: 0, pendingAlerts: 0, predictions24h: 0, lastPredictionAt: null };

const model = (name: string, health: Partial<ModelSummary['summary']['health']> = {}): ModelSummary => ({
  name,
  task: 'regression',
  features: [{ name: 'age', type: 'numeric' }, { name: 'plan', type: 'categorical' }],
  description: '',
  owner: '',
  tags: {},
  settings: { allowUnknownFeatures: false, windowSize: '1h', allowedLatenessMs: 300_000, minSamples: 100, psiDrift: 0.2, psiModerate: 0.1, adjustedPValue: 0.05, wassersteinNormedMin: 0.1, jsDistanceMin: 0.1, positiveClass: null },
  createdAt: '2026-11-01T00:00:00.000Z',
  createdBy: 'key-1',
  updatedAt: '2026-11-01T00:00:00.000Z',
  summary: { versionCount: 1, latestVersion: '1', aliases: { production: '1' }, health: { ...NO_HEALTH, ...health } },
});

const matrix = (age: string, plan: string): DriftMatrix => ({
  statistic: 'psi',
  windows: [...age].map((_, i) => ({ start: `2026-11-20T0${i}:00:00.000Z`, end: `2026-11-20T0${i + 1}:00:00.000Z`, version: '1', status: 'ok' })),
  features: [
    { feature: 'age', kind: 'numeric', values: [...age].map(() => 0), verdicts: age, driftedWindows: [...age].filter((c) => c === 'd').length },
    { feature: 'plan', kind: 'categorical', values: [...plan].map(() => 0), verdicts: plan, driftedWindows: [...plan].filter((c) => c === 'd').length },
  ],
});

const firing = (name: string, severity: string): Alert => ({
  id: `${name}-${severity}`,
  fingerprint: `${name}-${severity}`,
  state: 'firing',
  labels: { model: name, severity, alertname: 'FeatureDrift', feature: 'age' },
  rule: 'rule-1',
  value: 1,
  details: null,
  activeSince: null,
  firedAt: null,
  resolvedAt: null,
  firstSeen: '2026-11-20T00:00:00.000Z',
  lastSeen: '2026-11-20T00:00:00.000Z',
  heldWindows: 1,
  acknowledged: null,
  silencedBy: [],
  inhibitedBy: null,
});

describe('model health on the overview', () => {
  const rows: { name: string; alerts: Alert[]; activity: ModelActivity | undefined; status: ModelHealth['status'] }[] = [
    { name: 'quiet', alerts: [], activity: { matrix: matrix('nn', 'nn'), traffic: [] }, status: 'healthy' },
    { name: 'drifting now', alerts: [], activity: { matrix: matrix('nd', 'nn'), traffic: [] }, status: 'attention' },
    { name: 'drifted earlier', alerts: [], activity: { matrix: matrix('dn', 'nn'), traffic: [] }, status: 'watch' },
    { name: 'moderate now', alerts: [], activity: { matrix: matrix('nn', 'nm'), traffic: [] }, status: 'watch' },
    { name: 'critical alert', alerts: [firing('critical alert', 'critical')], activity: { matrix: matrix('nn', 'nn'), traffic: [] }, status: 'attention' },
    { name: 'never seen', alerts: [], activity: undefined, status: 'no-data' },
  ];

  it.each(rows)('$name is $status', ({ name, alerts, activity, status }) => {
    expect(modelHealth(model(name), alerts, activity).status).toBe(status);
  });

  it("shows the server's glance at the newest window until the model's own data arrives", () => {
    const glance = { latestWindow: { start: '2026-11-20T05:00:00.000Z', end: '2026-11-20T06:00:00.000Z', status: 'ok' as const }, driftedFeatures: ['__prediction', 'age'], moderateFeatures: ['plan'] };
    const health = modelHealth(model('loading', glance), [], undefined);
    expect(health.status).toBe('attention');
    expect(health.latest).toMatchObject({ start: '2026-11-20T05:00:00.000Z', drifted: ['age'], moderate: ['plan'] });
    expect(modelHealth(model('seen', { lastPredictionAt: '2026-11-20T05:00:00.000Z' }), [], undefined).status).toBe('healthy');
  });

  it('puts critical alerts first, then drift in the latest window, then drift earlier', () => {
    const healths = rows.map(({ name, alerts, activity }) => modelHealth(model(name), alerts, activity));
    expect(healths.sort(byAttention).map((h) => h.model.name)).toEqual(['critical alert', 'drifting now', 'drifted earlier', 'moderate now', 'quiet', 'never seen']);
  });

  it('names the latest window’s drifted features', () => {
    const health = modelHealth(model('m'), [], { matrix: matrix('nd', 'nm'), traffic: [] });
    expect(health.latest).toMatchObject({ start: '2026-11-20T01:00:00.000Z', drifted: ['age'], moderate: ['plan'], noDrift: 0 });
  });
});
