import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports';

/** Debian's package installs the binary under this name (`.ci/run` installs it). */
export const ALERTMANAGER_BINARY = 'prometheus-alertmanager';

export interface TestAlertmanager {
  url: string;
  /** GET /api/v2/alerts with the given filter (e.g. `active=false`). */
  alerts(query?: string): Promise<any[]>;
  stop(): Promise<void>;
  output(): string;
}

/**
 * A real Prometheus Alertmanager on a loopback port (`port`, or a free one): a minimal configuration (one receiver
 * that sends nowhere), storage in a temp dir, clustering off; resolves once `/-/ready` answers.
 */
export async function startAlertmanager(options: { timeoutMs?: number; port?: number } = {}): Promise<TestAlertmanager> {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-alertmanager-'));
  const config = join(dir, 'alertmanager.yml');
  writeFileSync(config, ['route:', '  receiver: nowhere', '  group_wait: 1s', 'receivers:', '  - name: nowhere', ''].join('\n'));
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const child: ChildProcess = spawn(ALERTMANAGER_BINARY, [`--config.file=${config}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address=', '--log.level=warn'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (c: Buffer) => output.push(c.toString()));
  child.stderr?.on('data', (c: Buffer) => output.push(c.toString()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`alertmanager exited with ${child.exitCode}:\n${output.join('')}`);
    }
    try {
      if ((await fetch(`${url}/-/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`alertmanager was not ready within ${options.timeoutMs ?? 20_000} ms:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async alerts(query = '') {
      const response = await fetch(`${url}/api/v2/alerts${query ? `?${query}` : ''}`);
      return (await response.json()) as any[];
    },
    stop,
    output: () => output.join(''),
  };
}
