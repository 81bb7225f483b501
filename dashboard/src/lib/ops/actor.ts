import { session } from '../session.svelte';

/**
 * Who did something, as the pages show it: the API key id, marked "(you)" for the signed-in
 * key; Vigil's automatic actions (`channel:<id>`, `vigil`) as they are.
 */
export function actorLabel(keyId: string): string {
  return keyId !== '' && keyId === session.caller?.keyId ? `${keyId} (you)` : keyId;
}
