import { describe, expect, it } from 'vitest';
import { coveredBy, inhibitedBy, type LabelledAlert } from './inhibition';

const alert = (fingerprint: string, labels: Record<string, string>): LabelledAlert => ({ fingerprint, labels: { project: 'default', model: 'churn', version: '3', ...labels } });

const missingAge = alert('q-age', { category: 'quality', alertname: 'MissingRateJump', feature: 'age' });
const trafficDrop = alert('q-traffic', { category: 'quality', alertname: 'TrafficDrop', feature: '*' });
const driftAge = alert('d-age', { category: 'drift', alertname: 'FeatureDrift', feature: 'age' });
const driftPlan = alert('d-plan', { category: 'drift', alertname: 'FeatureDrift', feature: 'plan' });
const driftAgeV4 = alert('d-age-4', { category: 'drift', alertname: 'FeatureDrift', feature: 'age', version: '4' });
const driftOtherModel = alert('d-fraud', { category: 'drift', alertname: 'FeatureDrift', feature: 'age', model: 'fraud' });

describe('inhibitedBy', () => {
  const table: [string, LabelledAlert, LabelledAlert[], string | undefined][] = [
    ['drift on the feature whose missing rate jumped', driftAge, [missingAge], 'q-age'],
    ['drift on another feature is news', driftPlan, [missingAge], undefined],
    ['drift of another version is news', driftAgeV4, [missingAge], undefined],
    ['drift of another model is news', driftOtherModel, [missingAge], undefined],
    ['a model-wide quality alert covers every feature', driftPlan, [trafficDrop], 'q-traffic'],
    ['a quality alert is never held back by another', missingAge, [trafficDrop], undefined],
    ['nothing fires, nothing is held back', driftAge, [], undefined],
  ];
  it.each(table)('%s', (_name, candidate, firing, expected) => {
    expect(inhibitedBy(candidate, firing)?.fingerprint).toBe(expected);
  });
});

describe('coveredBy', () => {
  it('lists the drift alerts a quality notification covers', () => {
    expect(coveredBy(missingAge, [driftAge, driftPlan, driftAgeV4, missingAge]).map((a) => a.fingerprint)).toEqual(['d-age']);
    expect(coveredBy(trafficDrop, [driftAge, driftPlan, driftOtherModel]).map((a) => a.fingerprint)).toEqual(['d-age', 'd-plan']);
  });
});
