import { describe, expect, it } from 'vitest';
import { expiredOverFiring, matcherProblem, silencedBy, silenceMatches, type Matcher, type Silence } from './silences';

const labels = { alertname: 'FeatureDrift', model: 'churn', version: '3', feature: 'age', severity: 'warning' };
const m = (name: string, value: string, isRegex = false, isEqual = true): Matcher => ({ name, value, isRegex, isEqual });
const silence = (matchers: Matcher[], startsAt = 0, endsAt = 1000, id = 's1'): Silence => ({ id, matchers, startsAt, endsAt, createdBy: 'key_1', comment: '' });

describe('silenceMatches', () => {
  const table: [string, Matcher[], boolean][] = [
    ['equal on one label', [m('model', 'churn')], true],
    ['equal on two labels', [m('model', 'churn'), m('feature', 'age')], true],
    ['one label differs', [m('model', 'churn'), m('feature', 'plan')], false],
    ['not-equal', [m('feature', 'plan', false, false)], true],
    ['regex, anchored', [m('feature', 'a.e', true)], true],
    ['regex that only matches a part', [m('feature', 'ag', true)], false],
    ['negative regex', [m('severity', 'crit.*', true, false)], true],
    ['a missing label matches the empty string', [m('team', '')], true],
    ['a missing label does not match a value', [m('team', 'risk')], false],
  ];
  it.each(table)('%s', (_name, matchers, expected) => {
    expect(silenceMatches(silence(matchers), labels)).toBe(expected);
  });
});

describe('silencedBy', () => {
  it('counts only silences active at that time', () => {
    const silences = [silence([m('model', 'churn')], 0, 100, 'past'), silence([m('model', 'churn')], 50, 500, 'now'), silence([m('model', 'churn')], 300, 900, 'future')];
    expect(silencedBy(labels, silences, 200)).toEqual(['now']);
    expect(silencedBy(labels, silences, 500)).toEqual(['future']);
    expect(silencedBy(labels, silences, 950)).toEqual([]);
  });
});

describe('expiredOverFiring', () => {
  it('reports a silence that ended over an alert still firing, once', () => {
    const firing = [{ fingerprint: 'a1', labels }, { fingerprint: 'a2', labels: { ...labels, model: 'fraud' } }];
    const silences = [silence([m('model', 'churn')], 0, 1000, 'ended'), silence([m('model', 'other')], 0, 1000, 'unrelated')];
    expect(expiredOverFiring(silences, firing, 900, 1100)).toEqual([{ silence: silences[0], alerts: ['a1'] }]);
    expect(expiredOverFiring(silences, firing, 1100, 1200)).toEqual([]);
  });
});

describe('matcherProblem', () => {
  it('refuses empty names, invalid and oversized patterns', () => {
    expect(matcherProblem(m('', 'x'))).toMatch(/label name/);
    expect(matcherProblem(m('feature', '(', true))).toMatch(/not a valid regular expression/);
    expect(matcherProblem(m('feature', 'a'.repeat(300), true))).toMatch(/at most 256/);
    expect(matcherProblem(m('feature', 'age|plan', true))).toBeNull();
  });
});
