import type { Verdict } from './types';

/** Letters of `DriftMatrix.features[].verdicts` (server/monitoring/matrix.ts); `-` = no result. */
export const VERDICT_OF_CODE: Record<string, Verdict | null> = { n: 'no_drift', m: 'moderate', d: 'drift', i: 'insufficient_data', '-': null };

/** Worse verdicts rank higher: where two results meet in one cell, the worse one is shown. */
export const CODE_RANK: Record<string, number> = { '-': 0, i: 1, n: 2, m: 3, d: 4 };

/** A shape per verdict, so that a verdict never depends on colour alone. */
export const VERDICT_SYMBOLS: Record<Verdict, string> = {
  drift: '▲',
  moderate: '◆',
  no_drift: '●',
  insufficient_data: '○',
};

export function isVerdict(value: unknown): value is Verdict {
  return value === 'no_drift' || value === 'moderate' || value === 'drift' || value === 'insufficient_data';
}
