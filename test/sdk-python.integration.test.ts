import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The Python SDK's pytest suite (sdk/python/tests), run as part of `npm test`. Its fixtures
 * start their own Vigil (`node --import tsx server/main.ts`), so this only runs pytest and
 * shows its output when it fails. Needs `python3 -m pip install -r sdk/python/requirements-test.txt`
 * (.ci/run does it).
 */
const ROOT = fileURLToPath(new URL('../', import.meta.url));

function runPytest(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.env.VIGIL_PYTHON ?? 'python3', ['-m', 'pytest', 'sdk/python', '-q', '-p', 'no:cacheprovider'], {
      cwd: ROOT,
      env: { ...process.env, PYTHONPATH: [fileURLToPath(new URL('../sdk/python/src', import.meta.url)), process.env.PYTHONPATH].filter(Boolean).join(':'), PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

describe('Python SDK', () => {
  it('passes its pytest suite against a running Vigil', async () => {
    const { code, output } = await runPytest();
    // Exit 5 is "no tests collected": a suite that silently vanished is a failure too.
    expect({ code, tail: output.split('\n').slice(-60).join('\n') }).toEqual({ code: 0, tail: expect.stringMatching(/\d+ passed/) });
    expect(output).not.toMatch(/\d+ skipped/);
  }, 600_000);
});
