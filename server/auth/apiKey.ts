import { createHash, randomBytes } from 'node:crypto';

/** Keys look like `vgl_<43 base64url characters>`: 256 random bits, recognisable in a leak scan. */
const KEY_PREFIX = 'vgl_';

export interface GeneratedApiKey {
  /** The key itself: shown once, never stored. */
  key: string;
  keyHash: string;
  keyPrefix: string;
}

/**
 * SHA-256 of the key, hex. The key carries 256 random bits, so a fast hash is safe here
 * (no dictionary to guess from) and lets every request be checked by one lookup.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The shown part of a key in listings: enough to recognise it, far too little to use it. */
export function displayPrefix(key: string): string {
  return `${key.slice(0, KEY_PREFIX.length + 6)}…`;
}

export function generateApiKey(): GeneratedApiKey {
  const key = KEY_PREFIX + randomBytes(32).toString('base64url');
  return { key, keyHash: hashApiKey(key), keyPrefix: displayPrefix(key) };
}

export function generateKeyId(): string {
  return `key_${randomBytes(8).toString('hex')}`;
}
