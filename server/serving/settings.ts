/** The gateway's settings (docs/configuration.md, "Serving gateway"). */
export interface GatewaySettings {
  /** How long a model server may take to answer completely, body included. */
  timeoutMs: number;
  /** Share of requests, 0..1, that go to the `canary` alias when it is set. */
  canaryShare: number;
  /** Consecutive failures of an endpoint that open its circuit breaker. */
  breakerFailures: number;
  /** How long an open breaker refuses calls before one trial call is let through. */
  breakerCooldownMs: number;
  /**
   * How long where aliases point is trusted. Changes made in this process take effect at once
   * (the cache hears them); changes made by another replica within this delay.
   */
  routeCacheMs: number;
  /** Shadow calls in flight at most; copies beyond this are dropped (and counted). */
  shadowMaxInFlight: number;
  /**
   * How long logged predictions and outcomes are gathered before they are written: a few
   * inserts per second whatever the request rate (embedded ClickHouse inserts on the event
   * loop's thread). Also what a crash can lose of the gateway's log.
   */
  logLingerMs: number;
}

export const DEFAULT_GATEWAY_SETTINGS: GatewaySettings = {
  timeoutMs: 10_000,
  canaryShare: 0.1,
  breakerFailures: 5,
  breakerCooldownMs: 10_000,
  routeCacheMs: 1_000,
  shadowMaxInFlight: 64,
  logLingerMs: 200,
};
