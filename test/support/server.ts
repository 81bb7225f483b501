import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface RunningServer {
  url: string;
  dataDir: string;
  /** Every line the process printed on stdout so far. */
  output: string[];
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  process: ChildProcess;
}

export function tempDataDir(prefix = 'vigil-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Starts Vigil as a user would (`server/main.ts` in its own process, on a free loopback
 * port) and resolves once it logs that it is listening. `nodeArgs` go to Node before the
 * script (flags that NODE_OPTIONS does not take, such as `--trace-gc`).
 */
export async function startServer(options: { dataDir: string; env?: Record<string, string>; timeoutMs?: number; nodeArgs?: string[] }): Promise<RunningServer> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', HOST: '127.0.0.1', VIGIL_DATA_DIR: options.dataDir, LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const errors: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => errors.push(chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${options.timeoutMs ?? 60_000} ms\nstdout:\n${output.join('\n')}\nstderr:\n${errors.join('')}`));
    }, options.timeoutMs ?? 60_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      output.push(line);
      if (line.includes('"msg":"listening"')) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { url: string }).url);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening\nstdout:\n${output.join('\n')}\nstderr:\n${errors.join('')}`));
    });
  });

  return {
    url,
    dataDir: options.dataDir,
    output,
    process: child,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** The admin key a first start announced on stdout, if any. */
export function announcedKey(output: readonly string[]): string | undefined {
  for (const line of output) {
    const match = /^\s+(vgl_[A-Za-z0-9_-]{43})\s*$/.exec(line);
    if (match) return match[1];
  }
  return undefined;
}
