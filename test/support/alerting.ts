/**
 * What the alerting tests share: a server that evaluates every 200 ms, notifies at once (no
 * group wait or interval), looks for due deliveries every 100 ms, may reach receivers on
 * loopback, and runs detection only when a test asks for it.
 */
export const PROMPT_ALERTING_ENV = {
  VIGIL_DETECTORS: 'off',
  VIGIL_WEBHOOK_ALLOWLIST: '127.0.0.1',
  VIGIL_ALERT_INTERVAL_MS: '200',
  VIGIL_ALERT_GROUP_WAIT_MS: '0',
  VIGIL_ALERT_GROUP_INTERVAL_MS: '0',
  VIGIL_DELIVERY_POLL_MS: '100',
} as const;

/** A deterministic spread of `n` values over [from, to), in a scrambled order. */
export const spread = (n: number, from: number, to: number): number[] => Array.from({ length: n }, (_, i) => from + ((i * 7919) % n) * ((to - from) / n));
