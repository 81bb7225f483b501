import { describe, expect, it } from 'vitest';
import { DEFAULT_VERDICT_THRESHOLDS, driftVerdict } from './verdict.js';
import type { DriftVerdict, VerdictEvidence } from './verdict.js';

const numeric = (evidence: Partial<Extract<VerdictEvidence, { kind: 'numeric' }>>): VerdictEvidence => ({
  kind: 'numeric',
  currentSampleSize: 1000,
  psi: 0.01,
  adjustedPValue: 0.5,
  wassersteinNormed: 0.01,
  ...evidence,
});
const categorical = (evidence: Partial<Extract<VerdictEvidence, { kind: 'categorical' }>>): VerdictEvidence => ({
  kind: 'categorical',
  currentSampleSize: 1000,
  psi: 0.01,
  adjustedPValue: 0.5,
  jsDistance: 0.01,
  ...evidence,
});

describe('driftVerdict with the default thresholds (STATISTICS.md)', () => {
  it.each<{ name: string; evidence: VerdictEvidence; expected: DriftVerdict }>([
    { name: 'nothing moved', evidence: numeric({}), expected: 'no_drift' },
    { name: '99 current values are too few, whatever the statistics', evidence: numeric({ currentSampleSize: 99, psi: 5, adjustedPValue: 0 }), expected: 'insufficient_data' },
    { name: '100 current values are enough', evidence: numeric({ currentSampleSize: 100 }), expected: 'no_drift' },
    { name: 'PSI 0.2 is drift on its own', evidence: numeric({ psi: 0.2 }), expected: 'drift' },
    { name: 'PSI just below 0.2 is moderate', evidence: numeric({ psi: 0.1999 }), expected: 'moderate' },
    { name: 'PSI 0.1 is moderate', evidence: numeric({ psi: 0.1 }), expected: 'moderate' },
    { name: 'PSI just below 0.1 is no drift', evidence: numeric({ psi: 0.0999 }), expected: 'no_drift' },
    { name: 'significant and large numeric effect', evidence: numeric({ adjustedPValue: 0.01, wassersteinNormed: 0.1 }), expected: 'drift' },
    { name: 'significant but negligible numeric effect (large sample)', evidence: numeric({ adjustedPValue: 1e-18, wassersteinNormed: 0.07 }), expected: 'no_drift' },
    { name: 'large effect but adjusted p = 0.05 is not significant', evidence: numeric({ adjustedPValue: 0.05, wassersteinNormed: 0.5 }), expected: 'no_drift' },
    { name: 'significant, negligible effect, moderate PSI', evidence: numeric({ psi: 0.15, adjustedPValue: 1e-9, wassersteinNormed: 0.05 }), expected: 'moderate' },
    { name: 'constant baseline (normed null) with a significant change', evidence: numeric({ adjustedPValue: 1e-50, wassersteinNormed: null }), expected: 'drift' },
    { name: 'constant baseline, nothing significant', evidence: numeric({ wassersteinNormed: null }), expected: 'no_drift' },
    { name: 'significant and large categorical effect', evidence: categorical({ adjustedPValue: 0.001, jsDistance: 0.1 }), expected: 'drift' },
    { name: 'significant but negligible categorical effect', evidence: categorical({ adjustedPValue: 0.001, jsDistance: 0.03 }), expected: 'no_drift' },
    { name: 'categorical PSI drift', evidence: categorical({ psi: 0.25 }), expected: 'drift' },
  ])('$name', ({ evidence, expected }) => {
    expect(driftVerdict(evidence)).toBe(expected);
  });

  it('is insufficient_data for a feature whose statistics could not be computed', () => {
    const result = {
      status: 'insufficient_data' as const,
      reason: 'the current window has no non-missing values',
      baselineSampleSize: 500,
      currentSampleSize: 0,
      baselineMissingRate: 0,
      currentMissingRate: 1,
    };
    expect(driftVerdict(result)).toBe('insufficient_data');
  });
});

describe('driftVerdict with thresholds configured per model or feature', () => {
  it.each<{ name: string; evidence: VerdictEvidence; thresholds: Partial<typeof DEFAULT_VERDICT_THRESHOLDS>; expected: DriftVerdict }>([
    { name: 'a lower minSamples admits small windows', evidence: numeric({ currentSampleSize: 30, psi: 0.3 }), thresholds: { minSamples: 20 }, expected: 'drift' },
    { name: 'a stricter PSI drift threshold', evidence: numeric({ psi: 0.3 }), thresholds: { psiDrift: 0.5 }, expected: 'moderate' },
    { name: 'a stricter FDR', evidence: numeric({ adjustedPValue: 0.02, wassersteinNormed: 0.3 }), thresholds: { adjustedPValue: 0.01 }, expected: 'no_drift' },
    { name: 'a looser effect size', evidence: numeric({ adjustedPValue: 0.02, wassersteinNormed: 0.07 }), thresholds: { wassersteinNormedMin: 0.05 }, expected: 'drift' },
    { name: 'a looser categorical effect size', evidence: categorical({ adjustedPValue: 0.02, jsDistance: 0.07 }), thresholds: { jsDistanceMin: 0.05 }, expected: 'drift' },
  ])('$name', ({ evidence, thresholds, expected }) => {
    expect(driftVerdict(evidence, thresholds)).toBe(expected);
  });

  it('keeps the documented defaults', () => {
    expect(DEFAULT_VERDICT_THRESHOLDS).toEqual({
      minSamples: 100,
      psiDrift: 0.2,
      psiModerate: 0.1,
      adjustedPValue: 0.05,
      wassersteinNormedMin: 0.1,
      jsDistanceMin: 0.1,
    });
  });
});
