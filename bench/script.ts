import { pathToFileURL } from 'node:url';
import type { BenchResult } from './support';

/** Marks the line that carries a benchmark's results for bench/run.ts. */
export const RESULTS_MARKER = 'BENCH_RESULTS ';

/**
 * Runs a benchmark module when it is the script being executed (`npx tsx bench/x.ts [--smoke]`):
 * prints each figure, then one machine-readable line for the runner.
 */
export async function runAsScript(moduleUrl: string, run: (smoke: boolean) => Promise<BenchResult[]>, print: (r: BenchResult) => void): Promise<void> {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  const results = await run(process.argv.includes('--smoke'));
  results.forEach(print);
  process.stdout.write(`${RESULTS_MARKER}${JSON.stringify(results)}\n`);
}
