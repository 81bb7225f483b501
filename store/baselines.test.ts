import { describe, expect, it } from 'vitest';
import { followBaseline } from './baselines';

describe('followBaseline', () => {
  const own = new Map([
    ['1', 'bl_one'],
    ['3', 'bl_three'],
  ]);
  const from = new Map<string, string | null>([
    ['1', null],
    ['2', '1'],
    ['3', '1'],
    ['4', '2'],
    ['5', null],
    ['6', '7'],
    ['7', '6'],
  ]);

  it.each([
    { name: 'a version with its own baseline uses it', version: '1', expected: { baselineId: 'bl_one', fromVersion: '1' } },
    { name: 'its own baseline wins over baselineFrom', version: '3', expected: { baselineId: 'bl_three', fromVersion: '3' } },
    { name: 'baselineFrom is followed', version: '2', expected: { baselineId: 'bl_one', fromVersion: '1' } },
    { name: 'chains are followed', version: '4', expected: { baselineId: 'bl_one', fromVersion: '1' } },
    { name: 'no baseline and no link gives none', version: '5', expected: undefined },
    { name: 'a cycle gives none instead of looping', version: '6', expected: undefined },
    { name: 'an unknown version gives none', version: '99', expected: undefined },
  ])('$name', ({ version, expected }) => {
    expect(followBaseline(version, own, from)).toEqual(expected);
  });
});
