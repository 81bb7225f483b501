import type { Scope } from './auth/scopes';

/** Who is calling: set by the authentication middleware on every authenticated request. */
export interface RequestAuth {
  keyId: string;
  project: string;
  scopes: Scope[];
}

declare module 'hono' {
  interface ContextVariableMap {
    auth: RequestAuth;
  }
}
