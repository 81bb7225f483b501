import { describe, expect, it } from 'vitest';
import type { Alert } from './alerts';
import { formatDuration, matcherMatches, matchersForAlert, operatorOf, parseDuration, silenceMatches, withOperator, type Matcher } from './silences';

const m = (name: string, value: string, op: '=' | '!=' | '=~' | '!~' = '='): Matcher => withOperator({ name, value, isRegex: false, isEqual: true }, op);
const labels = { model: 'churn', feature: 'plan', alertname: 'FeatureDrift' };

describe('matcherMatches (Alertmanager semantics)', () => {
  it.each([
    ['= on an equal value', m('model', 'churn'), true],
    ['= on another value', m('model', 'fraud'), false],
    ['!= on another value', m('model', 'fraud', '!='), true],
    ['=~ matching the whole value', m('feature', 'age|plan', '=~'), true],
    ['=~ matching only part of the value', m('feature', 'pl', '=~'), false],
    ['!~ on a matching value', m('feature', 'p.*', '!~'), false],
    ['= "" on a missing label', m('version', ''), true],
    ['an invalid regular expression', m('feature', 'pl(an', '=~'), false],
  ])('%s', (_, matcher, expected) => expect(matcherMatches(matcher, labels)).toBe(expected));

  it('needs every matcher, and at least one', () => {
    expect(silenceMatches([m('model', 'churn'), m('feature', 'age')], labels)).toBe(false);
    expect(silenceMatches([m('model', 'churn'), m('feature', 'plan')], labels)).toBe(true);
    expect(silenceMatches([], labels)).toBe(false);
  });
});

describe('operators', () => {
  it.each(['=', '!=', '=~', '!~'] as const)('%s survives a round trip', (op) => expect(operatorOf(withOperator(m('a', 'b'), op))).toBe(op));
});

describe('matchersForAlert', () => {
  it('names the series: model, rule name, version and feature, skipping empty labels', () => {
    const alert = { labels: { model: 'a "b"/c', alertname: 'FeatureDrift', version: '', feature: 'age', severity: 'warning' } } as unknown as Alert;
    expect(matchersForAlert(alert).map((x) => [x.name, x.value])).toEqual([
      ['model', 'a "b"/c'],
      ['alertname', 'FeatureDrift'],
      ['feature', 'age'],
    ]);
  });
});

describe('durations', () => {
  it.each([
    ['90m', 5_400_000],
    ['2h', 7_200_000],
    ['1d 12h', 129_600_000],
    ['1d12h30m', 131_400_000],
    ['0h', null],
    ['', null],
    ['2 weeks', null],
  ])('parseDuration(%j)', (text, expected) => expect(parseDuration(text)).toBe(expected));

  it.each([
    [5_400_000, '1h 30m'],
    [86_400_000, '1d'],
    [30_000, '30s'],
  ])('formatDuration(%d)', (ms, expected) => expect(formatDuration(ms)).toBe(expected));
});
