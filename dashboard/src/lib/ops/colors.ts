import { SEVERITY_COLORS } from '../palette';

/**
 * Colours of states, from the Okabe & Ito palette of lib/palette.ts. Every badge also carries
 * its state as text, so colour is never the only cue.
 */
export const ALERT_STATE_COLORS: Record<string, string> = { firing: '#D55E00', pending: '#E69F00', resolved: '#009E73', inactive: '#999999' };
export const SILENCE_STATE_COLORS: Record<string, string> = { active: '#0072B2', pending: '#56B4E9', expired: '#999999' };
export const DELIVERY_STATE_COLORS: Record<string, string> = { delivered: '#009E73', failed: '#D55E00', pending: '#E69F00', skipped: '#999999' };
export { SEVERITY_COLORS };

/**
 * Black or white, whichever reads better on `background` (`#rrggbb`), by WCAG relative
 * luminance: orange and sky blue take black text, vermillion and blue take white.
 *
 * @example textColorOn('#E69F00') // '#000000'
 */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  const hex = /^#([0-9a-f]{6})$/i.exec(background)?.[1];
  if (hex === undefined) return '#000000';
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
  // Contrast with black (L + 0.05) / 0.05 against contrast with white 1.05 / (L + 0.05).
  return (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) ? '#000000' : '#ffffff';
}
