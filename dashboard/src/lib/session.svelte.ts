import { api } from './api';

export interface Caller {
  keyId: string;
  project: string;
  scopes: string[];
}

class Session {
  /** The signed-in key, or null; `checked` turns true after the first look. */
  caller = $state<Caller | null>(null);
  checked = $state(false);
  isAdmin = $derived(this.caller?.scopes.includes('admin') ?? false);
}

export const session = new Session();

export async function loadSession(): Promise<void> {
  try {
    session.caller = await api.get<Caller>('/v1/session');
  } catch {
    session.caller = null;
  } finally {
    session.checked = true;
  }
}

export async function signIn(key: string): Promise<void> {
  session.caller = await api.post<Caller>('/v1/session', { key });
}

export async function signOut(): Promise<void> {
  await api.delete('/v1/session');
  session.caller = null;
}
