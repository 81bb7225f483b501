/**
 * A circuit breaker per upstream endpoint: a tiny state machine of its inputs and a clock, no
 * timers. `closed` lets every call through; `failureThreshold` consecutive failures open it;
 * while `open`, calls are refused at once until `cooldownMs` has passed; then it is
 * `half_open`: one trial call goes through (others are still refused), and its outcome closes
 * the breaker or opens it for another cool-down.
 */
export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  failureThreshold: number;
  cooldownMs: number;
}

export type Admission = { allowed: true; trial: boolean } | { allowed: false; retryAfterMs: number };

export class CircuitBreaker {
  private consecutiveFailures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private opened = false;

  constructor(
    private readonly options: BreakerOptions,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): BreakerState {
    if (!this.opened) return 'closed';
    return this.now() - this.openedAt >= this.options.cooldownMs ? 'half_open' : 'open';
  }

  /** Whether a call may go to the upstream now; a `trial` call must report its outcome. */
  admit(): Admission {
    const state = this.state;
    if (state === 'closed') return { allowed: true, trial: false };
    if (state === 'half_open' && !this.trialInFlight) {
      this.trialInFlight = true;
      return { allowed: true, trial: true };
    }
    return { allowed: false, retryAfterMs: Math.max(0, this.openedAt + this.options.cooldownMs - this.now()) };
  }

  /** The upstream answered (any non-5xx answer counts: the server is alive). */
  succeeded(): void {
    this.consecutiveFailures = 0;
    this.opened = false;
    this.trialInFlight = false;
  }

  /** The upstream failed: 5xx, timeout, or unreachable. */
  failed(): void {
    this.consecutiveFailures += 1;
    if (this.trialInFlight || (!this.opened && this.consecutiveFailures >= this.options.failureThreshold)) {
      this.opened = true;
      this.openedAt = this.now();
    }
    this.trialInFlight = false;
  }
}
