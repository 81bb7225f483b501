/**
 * The dashboard's only way to the server: same-origin JSON with the session cookie (set by
 * POST /v1/session, httpOnly, never readable here). State-changing calls carry the header the
 * server requires of cookie-authenticated requests, which a cross-site form cannot send.
 */

import type { components, paths } from './api.gen';

/**
 * A named schema of the server's /openapi.json. The dashboard's API shapes are aliases of these
 * (and of `Answer`), generated into api.gen.ts, so a server change fails the type check here.
 */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The methods the server documents for `Path`. */
type MethodOf<Path extends keyof paths> = { [M in Method]: paths[Path][M] extends { responses: object } ? M : never }[Method];
type Operation<Path extends keyof paths, M extends MethodOf<Path>> = Extract<paths[Path][M], { responses: object }>;
/** A JSON answer's body; `unknown` (of which no page can read a field) when there is no JSON answer. */
type JsonBody<Response> = [Response] extends [never] ? unknown : Response extends { content: { 'application/json': infer Body } } ? Body : unknown;

/** The JSON body of the server's success answer (200 or 201) to `method path`, as documented. */
export type Answer<Path extends keyof paths, M extends MethodOf<Path>> = JsonBody<Operation<Path, M>['responses'][Extract<keyof Operation<Path, M>['responses'], 200 | 201>]>;

export type ErrorDetail = NonNullable<Schema<'Error'>['error']['details']>[number];

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

/** Called when the server answers 401: the session is gone (signed out, key revoked, expired). */
let onUnauthorized: () => void = () => {};
export function whenUnauthorized(handler: () => void): void {
  onUnauthorized = handler;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** `/v1/models/{model}`: each segment encoded, so names with slashes, quotes or spaces stay one segment. */
export function path(...segments: string[]): string {
  return segments.map((s, i) => (i === 0 ? s : encodeURIComponent(s))).join('/');
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', 'x-vigil-csrf': '1' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? null : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'network', `cannot reach the Vigil server (${(error as Error).message})`);
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const error = (parsed as { error?: { code?: string; message?: string; details?: ErrorDetail[] } } | undefined)?.error;
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `${response.status} ${response.statusText}`, error?.details ?? []);
  }
  return parsed as T;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>('GET', withQuery(url, query)),
  post: <T>(url: string, body?: unknown) => request<T>('POST', url, body ?? {}),
  put: <T>(url: string, body?: unknown) => request<T>('PUT', url, body ?? {}),
  delete: <T>(url: string) => request<T>('DELETE', url),
};
