import { describe, expect, it } from 'vitest';
import { describeChange, summarizeState } from './audit';

describe('describeChange', () => {
  it.each([
    ['an alias move shows the versions', { version: '2' }, { version: '1' }, { before: '2', after: '1' }],
    ['a new alias has nothing before', null, { version: '3' }, { before: '–', after: '3' }],
    ['a removed alias has nothing after', { version: '3' }, null, { before: '3', after: '–' }],
    [
      'an update shows only the fields that changed',
      { tags: { stage: 'candidate' }, baselineFrom: null, version: '2' },
      { tags: { stage: 'prod' }, baselineFrom: null, version: '2' },
      { before: 'tags: {stage=candidate}', after: 'tags: {stage=prod}' },
    ],
  ])('%s', (_, before, after, expected) => expect(describeChange(before, after)).toEqual(expected));
});

describe('summarizeState', () => {
  it('lists fields, names features by name, and cuts long text', () => {
    expect(summarizeState({ name: 'churn', features: [{ name: 'age', type: 'numeric' }], tags: {} })).toBe('name: churn, features: [age]');
    const long = summarizeState({ description: 'x'.repeat(500) });
    expect(long.length).toBe(120);
    expect(long.endsWith('…')).toBe(true);
  });
});
