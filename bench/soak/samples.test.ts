import { describe, expect, it } from 'vitest';
import { heapAfterLastFullGc } from './samples';

describe('heapAfterLastFullGc', () => {
  it("reads the heap after the last full collection from Node's --trace-gc lines", () => {
    const lines = [
      '{"level":30,"msg":"request completed"}',
      '[4351:0x13ae1ec0]      330 ms: Mark-Compact 59.2 (88.9) -> 50.4 (83.6) MB, 11.92 / 0.01 ms  (+ 6.0 ms in 60 steps since start of marking, biggest step 1.9 ms, walltime since start of marking 130 ms) (average mu = 1.000, current mu = 1.000) finalize incremental marking via stack guard; GC in old space requested',
      '[4351:0x13ae1ec0]      402 ms: Scavenge 61.0 (90.1) -> 58.3 (90.1) MB, 1.10 / 0.00 ms  (average mu = 0.998, current mu = 0.998) allocation failure;',
      '[4351:0x13ae1ec0]      900 ms: Mark-Compact (reduce) 70.3 (95.0) -> 48.25 (80.0) MB, 20.1 / 0.0 ms  (average mu = 0.990, current mu = 0.980) memory reducer',
      '[4351:0x13ae1ec0]      950 ms: Scavenge 50.0 (80.0) -> 49.0 (80.0) MB, 0.5 / 0.0 ms  allocation failure;',
    ];
    expect(heapAfterLastFullGc(lines)).toBe(48.25 * 1024 * 1024);
    expect(heapAfterLastFullGc(lines.slice(0, 3))).toBe(50.4 * 1024 * 1024);
    expect(heapAfterLastFullGc([lines[0]!, lines[2]!])).toBeUndefined();
  });
});
