import { describe, expect, it } from 'vitest';
import { liveHeap, recordFullGcs } from './samples';

const MIB = 1024 * 1024;

describe("the live heap from Node's --trace-gc lines", () => {
  it('keeps, per isolate, the heap its last full collection left, and takes the main (largest) one', () => {
    const latest = new Map<string, number>();
    recordFullGcs(
      [
        '{"level":30,"msg":"request completed"}',
        '[4351:0x13ae1ec0]      330 ms: Mark-Compact 59.2 (88.9) -> 50.4 (83.6) MB, 11.92 / 0.01 ms  (+ 6.0 ms in 60 steps since start of marking, biggest step 1.9 ms, walltime since start of marking 130 ms) (average mu = 1.000, current mu = 1.000) finalize incremental marking via stack guard; GC in old space requested',
        '[4351:0x13ae1ec0]      402 ms: Scavenge 61.0 (90.1) -> 58.3 (90.1) MB, 1.10 / 0.00 ms  (average mu = 0.998, current mu = 0.998) allocation failure;',
        // tsx's module loader, a worker isolate of its own
        '[4351:0x7f00a4000b70]      500 ms: Mark-Compact 12.1 (14.0) -> 9.3 (13.0) MB, 3.1 / 0.0 ms  (average mu = 0.990, current mu = 0.980) allocation failure;',
      ],
      latest,
    );
    expect(liveHeap(latest)).toBe(50.4 * MIB);
    recordFullGcs(['[4351:0x13ae1ec0]      900 ms: Mark-Compact (reduce) 70.3 (95.0) -> 48.25 (80.0) MB, 20.1 / 0.0 ms  (average mu = 0.990, current mu = 0.980) memory reducer'], latest);
    expect(liveHeap(latest)).toBe(48.25 * MIB);
    expect(liveHeap(new Map())).toBeNull();
  });
});
