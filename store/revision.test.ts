import { describe, expect, it } from 'vitest';
import { nextRevision } from './revision';

describe('nextRevision', () => {
  it('increases strictly even when the clock stands still or steps back', () => {
    const a = nextRevision(1_700_000_000_000);
    const b = nextRevision(1_700_000_000_000);
    const c = nextRevision(1_600_000_000_000);
    expect(b).toBeGreaterThan(a);
    expect(c).toBeGreaterThan(b);
  });

  it('follows the wall clock in microseconds when it moves on', () => {
    expect(nextRevision(1_900_000_000_000)).toBe(1_900_000_000_000_000);
  });
});
