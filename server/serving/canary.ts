import { createHash } from 'node:crypto';

/**
 * Whether a request goes to the canary. With a request key (the `vigil-request-key` header),
 * the choice is a deterministic function of the model and the key: the same user, session or
 * entity always lands on the same side while the share is unchanged. Without one, it is random.
 *
 * The key is hashed with SHA-256 and its first 32 bits, divided by 2^32, give a point in [0, 1)
 * that is uniform over keys; the request goes to the canary when that point is below `share`.
 * The model name is part of the hash so that one key is not on the canary of every model.
 */
export function goesToCanary(model: string, requestKey: string | undefined, share: number, random: () => number = Math.random): boolean {
  if (share <= 0) return false;
  if (share >= 1) return true;
  return canaryPoint(model, requestKey, random) < share;
}

/** The point in [0, 1) a request falls on: a hash of (model, key), or a random number. */
export function canaryPoint(model: string, requestKey: string | undefined, random: () => number = Math.random): number {
  if (requestKey === undefined || requestKey === '') return random();
  const digest = createHash('sha256').update(model).update('\u0000').update(requestKey).digest();
  return digest.readUInt32BE(0) / 2 ** 32;
}
