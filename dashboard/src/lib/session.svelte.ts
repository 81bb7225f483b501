import { api, type Answer, type Schema } from './api';

/** The signed-in key: its id, project and scopes (GET /v1/session). */
export type Caller = Schema<'Caller'>;

class Session {
  /** The signed-in key, or null; `checked` turns true after the first look. */
  caller = $state<Caller | null>(null);
  checked = $state(false);
  isAdmin = $derived(this.caller?.scopes.includes('admin') ?? false);
}

export const session = new Session();

export async function loadSession(): Promise<void> {
  try {
    session.caller = await api.get<Answer<'/v1/session', 'get'>>('/v1/session');
  } catch {
    session.caller = null;
  } finally {
    session.checked = true;
  }
}

export async function signIn(key: string): Promise<void> {
  session.caller = await api.post<Answer<'/v1/session', 'post'>>('/v1/session', { key } satisfies Schema<'SignIn'>);
}

export async function signOut(): Promise<void> {
  await api.delete('/v1/session');
  session.caller = null;
}
