import { bench, describe } from 'vitest';
import { ksPValue } from './ks.js';
import { numericDrift } from './numericDrift.js';

// Run with `npx vitest bench --run detectors/stats`. Deterministic data: no random source needed.
const million = 1_000_000;
const baseline = Float64Array.from({ length: million }, (_, i) => Math.sin(i) * 10 + ((i * 7919) % 101) / 10);
const current = Float64Array.from({ length: million }, (_, i) => Math.cos(i) * 10 + ((i * 104_729) % 103) / 10);

describe('numeric drift of one feature', () => {
  bench('numericDrift, 10^6 baseline and 10^6 current values', () => {
    numericDrift(baseline, current);
  });
  bench('numericDrift, 10^4 vs 10^4 values (exact KS p-value)', () => {
    numericDrift(baseline.subarray(0, 10_000), current.subarray(0, 10_000));
  });
  bench('ksPValue exact worst case: n = 10^4 and 10^4 - 1, D = 0.5', () => {
    ksPValue(0.5, 10_000, 9_999);
  });
});
