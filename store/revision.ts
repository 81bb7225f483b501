let lastRevision = 0;

/**
 * A strictly increasing revision for row versions and audit order: the wall clock in
 * microseconds, bumped by one when two changes fall in the same microsecond (or the clock
 * steps back), so the newer of two changes always wins in a ReplacingMergeTree, even within
 * a millisecond. Monotonic within this process; across processes the wall clock orders.
 */
export function nextRevision(nowMs: number): number {
  lastRevision = Math.max(Math.floor(nowMs) * 1000, lastRevision + 1);
  return lastRevision;
}
