import type { ApiKeyRepository } from '../../store/apiKeys';
import type { ProjectRepository } from '../../store/projects';
import { displayPrefix, generateApiKey, hashApiKey } from './apiKey';

export const DEFAULT_PROJECT = 'default';
/** Where, in the data directory, the first start keeps the admin key it generated (mode 600). */
export const ADMIN_KEY_FILE = 'admin-key';
/** The id of the admin key given by VIGIL_ADMIN_KEY; a new value replaces the old key. */
export const ENV_ADMIN_KEY_ID = 'key_from_env';

export interface BootstrapDeps {
  projects: ProjectRepository;
  keys: ApiKeyRepository;
  /** VIGIL_ADMIN_KEY, when set. */
  adminKey: string | undefined;
  now: () => number;
  /** Shows a newly generated admin key to the operator, once. */
  announce: (key: string) => void;
}

/**
 * Makes sure someone can administer Vigil: the `default` project exists; VIGIL_ADMIN_KEY, when
 * set, is an admin key of it; otherwise, on the very first start (no key at all), one admin
 * key is generated and announced once. Later starts announce nothing.
 */
export async function bootstrapAccess({ projects, keys, adminKey, now, announce }: BootstrapDeps): Promise<void> {
  await projects.ensure(DEFAULT_PROJECT, now());
  if (adminKey !== undefined) {
    const keyHash = hashApiKey(adminKey);
    if ((await keys.findActiveByHash(keyHash))?.id !== ENV_ADMIN_KEY_ID) {
      await keys.put(
        { id: ENV_ADMIN_KEY_ID, project: DEFAULT_PROJECT, name: 'VIGIL_ADMIN_KEY', scopes: ['admin'], keyHash, keyPrefix: displayPrefix(adminKey), createdBy: 'environment' },
        now(),
      );
    }
    return;
  }
  if ((await keys.count()) > 0) return;
  const generated = generateApiKey();
  await keys.put(
    { id: 'key_first_admin', project: DEFAULT_PROJECT, name: 'first admin key', scopes: ['admin'], keyHash: generated.keyHash, keyPrefix: generated.keyPrefix, createdBy: 'first start' },
    now(),
  );
  announce(generated.key);
}
