import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DemoError } from './vigilApi';

/** Where the demo talks to Vigil, with which key, and where that key came from. */
export interface DemoTarget {
  url: string;
  key: string;
  /** For the first line the demo prints: `VIGIL_API_KEY`, `VIGIL_ADMIN_KEY` or the key file's path. */
  keySource: string;
}

/** The environment variables the demo reads (`process.env` in `run.ts`, chosen values in tests). */
export interface DemoEnv {
  VIGIL_URL?: string | undefined;
  VIGIL_API_KEY?: string | undefined;
  VIGIL_ADMIN_KEY?: string | undefined;
  VIGIL_DATA_DIR?: string | undefined;
  PORT?: string | undefined;
}

const HOW_TO_START = 'Start it in another terminal with `npm start`, then run `npm run demo` again (if Vigil runs elsewhere, set VIGIL_URL and VIGIL_API_KEY).';

/**
 * Finds a running Vigil and a key the demo can use, without the newcomer copying anything:
 * VIGIL_URL, else the local server on PORT (8080); VIGIL_API_KEY, else VIGIL_ADMIN_KEY, else the
 * admin key a first `npm start` kept in `<VIGIL_DATA_DIR or ./data>/admin-key`. Checks that the
 * server answers `/healthz` and that the key is an admin key of it; any failure is a DemoError
 * that says what to do.
 */
export async function findVigil(env: DemoEnv, cwd = process.cwd()): Promise<DemoTarget> {
  const url = (env.VIGIL_URL ?? `http://127.0.0.1:${env.PORT ?? '8080'}`).replace(/\/+$/, '');
  try {
    new URL(url);
  } catch {
    throw new DemoError(`VIGIL_URL=${JSON.stringify(env.VIGIL_URL)} is not a URL; expected something like http://127.0.0.1:8080.`);
  }

  let health: Response;
  try {
    health = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new DemoError(`Vigil is not running at ${url} (${cause}).\n${HOW_TO_START}`);
  }
  if (health.status !== 200) throw new DemoError(`${url}/healthz answered ${health.status}: is that Vigil? ${HOW_TO_START}`);

  const dataDir = env.VIGIL_DATA_DIR ?? './data';
  const keyFile = resolve(cwd, dataDir, 'admin-key');
  let key: string | undefined;
  let keySource: string;
  if (env.VIGIL_API_KEY) [key, keySource] = [env.VIGIL_API_KEY, 'VIGIL_API_KEY'];
  else if (env.VIGIL_ADMIN_KEY) [key, keySource] = [env.VIGIL_ADMIN_KEY, 'VIGIL_ADMIN_KEY'];
  else {
    keySource = keyFile;
    key = await readFile(keyFile, 'utf8').then(
      (text) => text.trim() || undefined,
      () => undefined,
    );
  }
  if (key === undefined) {
    throw new DemoError(
      `Vigil runs at ${url}, but the demo has no key: there is no ${keyFile}.\n` +
        'Set VIGIL_API_KEY to an admin key (the one Vigil printed at its first start), or VIGIL_DATA_DIR to the data directory of the server you started.',
    );
  }

  const check = await fetch(`${url}/v1/keys`, { headers: { authorization: `Bearer ${key}` }, signal: AbortSignal.timeout(10_000) });
  if (check.status === 401) {
    throw new DemoError(`${url} refused the key from ${keySource} (401): it belongs to another Vigil or was revoked.\nSet VIGIL_API_KEY to an admin key of this server.`);
  }
  if (check.status === 403) throw new DemoError(`The key from ${keySource} is not an admin key (403); the demo registers a model, channels and rules.\nSet VIGIL_API_KEY to an admin key.`);
  if (check.status !== 200) throw new DemoError(`${url}/v1/keys answered ${check.status} to the key from ${keySource}; is the server healthy? (GET ${url}/readyz)`);
  return { url, key, keySource };
}
