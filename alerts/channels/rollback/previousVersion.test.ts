import { describe, expect, it } from 'vitest';
import { previousVersion, rollbackAllowed } from './previousVersion';

const moves = (...to: (string | null)[]) => to.map((v) => ({ to: v }));

describe('previousVersion', () => {
  it.each([
    ['no history', moves(), null],
    ['only one version ever', moves('1'), null],
    ['back from 2 to 1', moves('1', '2'), '1'],
    ['after rolling back to 1 there is nothing before it', moves('1', '2', '1'), null],
    ['rolling back twice walks down, never up', moves('1', '2', '3', '2'), '1'],
    ['a skipped version is not gone back to', moves('3', '5'), '3'],
    ['a move by hand to a new version pushes it', moves('1', '2', '1', '4'), '1'],
    ['a deleted alias starts over', moves('1', '2', null, '3'), null],
    ['re-pointing at the same version changes nothing', moves('1', '2', '2'), '1'],
  ] as const)('%s', (_name, history, expected) => {
    expect(previousVersion(history)).toBe(expected);
  });
});

describe('rollbackAllowed', () => {
  const policy = { cooldownMs: 60_000, maxPerDay: 2 };
  it.each([
    ['the first rollback', [], 1_000_000, true],
    ['within the cooldown', [990_000], 1_000_000, false],
    ['after the cooldown', [900_000], 1_000_000, true],
    ['the daily limit reached', [100_000_000, 100_500_000], 101_000_000, false],
    ['yesterday does not count', [1_000, 2_000], 100_000_000, true],
  ] as const)('%s', (_name, previous, now, allowed) => {
    expect(rollbackAllowed(previous, now, policy).allowed).toBe(allowed);
  });
});
