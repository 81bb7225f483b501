/**
 * Colour-blind-safe colours (Okabe & Ito, "Color Universal Design"), used for every series and
 * state, and a sequential scheme for magnitudes. Verdicts also differ in shape or label, never
 * in colour alone.
 */
export const OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** Baseline vs current in distribution plots. */
export const BASELINE_COLOR = '#0072B2';
export const CURRENT_COLOR = '#E69F00';

export const VERDICT_COLORS: Record<string, string> = {
  no_drift: '#009E73',
  moderate: '#E69F00',
  drift: '#D55E00',
  insufficient_data: '#999999',
};

export const VERDICT_LABELS: Record<string, string> = {
  no_drift: 'no drift',
  moderate: 'moderate',
  drift: 'drift',
  insufficient_data: 'insufficient data',
};

export const SEVERITY_COLORS: Record<string, string> = { critical: '#D55E00', warning: '#E69F00', info: '#56B4E9' };

/** Sequential scheme for heatmaps (perceptually uniform, readable with every colour-vision deficiency). */
export const MAGNITUDE_SCHEME = 'cividis';
