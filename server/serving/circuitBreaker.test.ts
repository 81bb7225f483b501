import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from './circuitBreaker';

function breaker() {
  let clock = 1_000;
  const b = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 5_000 }, () => clock);
  return { b, advance: (ms: number) => (clock += ms) };
}

describe('CircuitBreaker', () => {
  it('stays closed below the threshold, and a success resets the count', () => {
    const { b } = breaker();
    b.failed();
    b.failed();
    b.succeeded();
    b.failed();
    b.failed();
    expect(b.state).toBe('closed');
    expect(b.admit()).toEqual({ allowed: true, trial: false });
  });

  it('opens after N consecutive failures and refuses fast with the time left', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failed();
    expect(b.state).toBe('open');
    advance(2_000);
    expect(b.admit()).toEqual({ allowed: false, retryAfterMs: 3_000 });
  });

  it('lets one trial through after the cool-down; its success closes the breaker', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failed();
    advance(5_000);
    expect(b.state).toBe('half_open');
    expect(b.admit()).toEqual({ allowed: true, trial: true });
    expect(b.admit()).toMatchObject({ allowed: false });
    b.succeeded();
    expect(b.state).toBe('closed');
    expect(b.admit()).toEqual({ allowed: true, trial: false });
  });

  it('re-opens for a full cool-down when the trial fails', () => {
    const { b, advance } = breaker();
    for (let i = 0; i < 3; i++) b.failed();
    advance(6_000);
    expect(b.admit()).toMatchObject({ allowed: true, trial: true });
    b.failed();
    expect(b.state).toBe('open');
    expect(b.admit()).toEqual({ allowed: false, retryAfterMs: 5_000 });
  });
});
