import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState } from './circuitBreaker';

/** The gateway's Prometheus metrics, per model and version (docs/gateway.md, "Metrics"). */
export interface GatewayMetrics {
  requests: Counter<'project' | 'model' | 'version' | 'role' | 'outcome'>;
  errors: Counter<'project' | 'model' | 'version' | 'role' | 'outcome'>;
  duration: Histogram<'project' | 'model' | 'version' | 'role'>;
  logFailures: Counter<'project' | 'model' | 'reason'>;
  unmappedValues: Counter<'project' | 'model'>;
  shadowDropped: Counter<'project' | 'model'>;
}

export function createGatewayMetrics(registry: Registry, breakers: () => Iterable<[string, BreakerState]>): GatewayMetrics {
  const labelNames = ['project', 'model', 'version', 'role', 'outcome'] as const;
  const states: BreakerState[] = ['closed', 'open', 'half_open'];
  new Gauge({
    name: 'vigil_gateway_circuit_state',
    help: 'Circuit breaker of each model server URL: 1 for its current state (closed, open, half_open)',
    labelNames: ['endpoint', 'state'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [endpoint, state] of breakers()) for (const s of states) this.set({ endpoint, state: s }, s === state ? 1 : 0);
    },
  });
  return {
    requests: new Counter({
      name: 'vigil_gateway_requests_total',
      help: 'Calls of the gateway to model servers, by model, version, role (production, canary, shadow) and outcome (ok, rejected, upstream_error, timeout, unreachable, circuit_open)',
      labelNames,
      registers: [registry],
    }),
    errors: new Counter({
      name: 'vigil_gateway_errors_total',
      help: 'Failed calls to model servers (5xx, timeout, unreachable, refused by the circuit breaker), by model, version, role and outcome',
      labelNames,
      registers: [registry],
    }),
    duration: new Histogram({
      name: 'vigil_gateway_request_duration_seconds',
      help: 'Time from receiving an inference request to the complete answer of the model server (or the failure), by model, version and role',
      labelNames: ['project', 'model', 'version', 'role'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    logFailures: new Counter({
      name: 'vigil_gateway_log_failures_total',
      help: 'Gateway requests whose prediction could not be logged, by reason (no_output: no usable output tensor; refused: ingest validation; storage; saturated: too much waiting; outcome_storage: the outcome row)',
      labelNames: ['project', 'model', 'reason'],
      registers: [registry],
    }),
    unmappedValues: new Counter({
      name: 'vigil_gateway_unmapped_values_total',
      help: "Input values that could not take their feature's declared type and were logged as missing",
      labelNames: ['project', 'model'],
      registers: [registry],
    }),
    shadowDropped: new Counter({
      name: 'vigil_gateway_shadow_dropped_total',
      help: 'Shadow copies not sent because too many shadow calls were in flight',
      labelNames: ['project', 'model'],
      registers: [registry],
    }),
  };
}
