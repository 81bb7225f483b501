import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOipServer } from '../test/support/oipServer';
import { startServer } from '../test/support/server';
import { runAsScript } from './script';
import { figureFromRuns, median, percentile, printResult, seededRandom, type BenchResult } from './support';

/**
 * The serving gateway's added latency: the same OIP v2 inference requests (20 features, one
 * row) sent to a model server directly and through a Vigil server process (routing, shadow off,
 * logging every prediction into embedded ClickHouse), alternately, in the same run. The model
 * server runs in this process and answers at once, so the difference is the gateway's cost.
 */
export interface GatewayBenchOptions {
  runs: number;
  /** Requests per path and run, one at a time (latency). */
  sequential: number;
  /** Requests per path and run with `clients` at once (throughput). */
  concurrent: number;
  clients: number;
}

const FEATURES = Array.from({ length: 20 }, (_, i) => `f${i}`);
const ADMIN_KEY = 'bench-admin-key-0123456789abcdef';

function inferBody(random: () => number, id: string): string {
  return JSON.stringify({ id, inputs: FEATURES.map((name) => ({ name, shape: [1], datatype: 'FP64', data: [Math.round(random() * 1e5) / 1e3] })) });
}

async function timed(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const t0 = performance.now();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return performance.now() - t0;
}

export async function benchGateway(options: GatewayBenchOptions): Promise<BenchResult[]> {
  const upstream = await startOipServer({ version: 'bench' });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-bench-gateway-'));
  const server = await startServer({ dataDir, env: { VIGIL_ADMIN_KEY: ADMIN_KEY, ...(process.env.VIGIL_GATEWAY_LOG_LINGER_MS ? { VIGIL_GATEWAY_LOG_LINGER_MS: process.env.VIGIL_GATEWAY_LOG_LINGER_MS } : {}) } });
  const auth = { authorization: `Bearer ${ADMIN_KEY}` };
  const direct = `${upstream.url}/v2/models/bench/infer`;
  const gateway = `${server.url}/v2/models/bench/infer`;
  const random = seededRandom(7);
  let n = 0;
  try {
    const admin = async (method: string, path: string, body: unknown) => {
      const response = await fetch(`${server.url}${path}`, { method, headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    };
    await admin('POST', '/v1/models', { name: 'bench', task: 'binary_classification', features: FEATURES.map((name) => ({ name, type: 'numeric' })) });
    await admin('POST', '/v1/models/bench/versions', { version: '1', endpoint: upstream.url });
    await admin('PUT', '/v1/models/bench/aliases/production', { version: '1' });

    // Warm-up (connections, JIT, caches), not measured.
    for (let i = 0; i < 50; i++) {
      await timed(direct, inferBody(random, `warm-${n++}`), {});
      await timed(gateway, inferBody(random, `warm-${n++}`), auth);
    }
    const rate = async (url: string, headers: Record<string, string>) => {
      let sent = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: options.clients }, async () => {
          while (sent < options.concurrent) {
            sent++;
            await timed(url, inferBody(random, `conc-${n++}`), headers);
          }
        }),
      );
      return options.concurrent / ((performance.now() - started) / 1000);
    };
    const direct50: number[] = [];
    const direct99: number[] = [];
    const gateway50: number[] = [];
    const gateway99: number[] = [];
    const directRates: number[] = [];
    const gatewayRates: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      // Request by request alternating, so that both paths see the same machine conditions.
      const directMs: number[] = [];
      const gatewayMs: number[] = [];
      for (let i = 0; i < options.sequential; i++) {
        directMs.push(await timed(direct, inferBody(random, `seq-${n++}`), {}));
        gatewayMs.push(await timed(gateway, inferBody(random, `seq-${n++}`), auth));
      }
      const d = directMs.sort((a, b) => a - b);
      const g = gatewayMs.sort((a, b) => a - b);
      direct50.push(percentile(d, 50));
      direct99.push(percentile(d, 99));
      gateway50.push(percentile(g, 50));
      gateway99.push(percentile(g, 99));
      directRates.push(await rate(direct, {}));
      gatewayRates.push(await rate(gateway, auth));
    }

    const reference = 'the same request straight to the model server';
    const added = (g: number[], d: number[]) => (median(g) - median(d)).toFixed(2);
    return [
      figureFromRuns(
        {
          id: 'gateway-latency-p50',
          figure: `POST /v2/models/{model}/infer, 20 features, one at a time, each run's p50 of ${options.sequential} (added ${added(gateway50, direct50)} ms)`,
          unit: 'ms',
          referenceName: reference,
          target: 'added < 2 ms',
          higherIsBetter: false,
        },
        gateway50,
        direct50,
      ),
      figureFromRuns(
        { id: 'gateway-latency-p99', figure: `same, each run's p99 (added ${added(gateway99, direct99)} ms)`, unit: 'ms', referenceName: reference, target: 'added < 10 ms', higherIsBetter: false },
        gateway99,
        direct99,
      ),
      figureFromRuns(
        {
          id: 'gateway-rate',
          figure: `inference requests/s with ${options.clients} clients, every one logged, ${options.concurrent} requests a run`,
          unit: 'requests/s',
          referenceName: 'straight to the model server',
          target: 'reported',
          higherIsBetter: true,
        },
        gatewayRates,
        directRates,
      ),
    ];
  } finally {
    await server.stop('SIGTERM');
    await upstream.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await runAsScript(
  import.meta.url,
  (smoke) =>
    benchGateway(
      smoke
        ? { runs: 2, sequential: 20, concurrent: 40, clients: 4 }
        : { runs: Number(process.env.BENCH_RUNS ?? 5), sequential: Number(process.env.BENCH_REQUESTS ?? 400), concurrent: Number(process.env.BENCH_REQUESTS ?? 400) * 2, clients: 8 },
    ),
  printResult,
);
