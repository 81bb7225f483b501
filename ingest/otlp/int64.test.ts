import { describe, expect, it } from 'vitest';
import { int64ToNumber, nanosToEpochMs } from './int64';

/** The two 32-bit halves of a 64-bit value, as the `long` package stores them. */
function bits(value: bigint, unsigned: boolean) {
  return {
    low: Number(BigInt.asIntN(32, value)),
    high: Number(BigInt.asIntN(32, value >> 32n)),
    unsigned,
  };
}

describe('nanosToEpochMs', () => {
  const rows: Array<[name: string, nanos: bigint, ms: number | undefined]> = [
    ['zero means unknown', 0n, undefined],
    ['one nanosecond rounds down to 0 ms', 1n, 0],
    ['an exact millisecond', 1_700_000_000_123_000_000n, 1_700_000_000_123],
    ['one nanosecond before a millisecond boundary', 1_700_000_000_123_999_999n, 1_700_000_000_123],
    ['one nanosecond after a boundary', 1_700_000_000_124_000_001n, 1_700_000_000_124],
    ['the largest fixed64', 2n ** 64n - 1n, Number((2n ** 64n - 1n) / 1_000_000n)],
    ['low half with its top bit set', 2n ** 31n + 5n, Math.floor((2 ** 31 + 5) / 1e6)],
  ];
  it.each(rows)('%s', (_name, nanos, ms) => {
    expect(nanosToEpochMs(bits(nanos, true))).toBe(ms);
  });

  it('agrees with BigInt division over many values around today', () => {
    let nanos = 1_699_999_999_999_000_000n;
    for (let i = 0; i < 5000; i++) {
      nanos += 999_983n + BigInt(i);
      expect(nanosToEpochMs(bits(nanos, true))).toBe(Number(nanos / 1_000_000n));
    }
  });

  it('accepts plain numbers, as protobufjs gives without Long', () => {
    expect(nanosToEpochMs(1_500_000)).toBe(1);
    expect(nanosToEpochMs(0)).toBeUndefined();
  });
});

describe('int64ToNumber', () => {
  const rows: Array<[bigint]> = [[0n], [42n], [-1n], [-(2n ** 40n)], [2n ** 52n + 3n], [-(2n ** 53n)]];
  it.each(rows)('%s', (value) => {
    expect(int64ToNumber(bits(value, false))).toBe(Number(value));
  });

  it('reads unsigned values above 2^63 as positive', () => {
    expect(int64ToNumber(bits(2n ** 63n, true))).toBe(2 ** 63);
  });
});
