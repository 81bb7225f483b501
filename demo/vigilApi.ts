/**
 * The demo's client of Vigil's HTTP API: JSON in and out with one API key, and a `must` that
 * turns any answer other than 2xx into an error naming the call and Vigil's own message.
 */
export class DemoError extends Error {}

export interface ApiAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export class VigilApi {
  constructor(
    readonly url: string,
    private readonly key: string,
  ) {}

  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer<T>> {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const response = await fetch(new URL(path, this.url), {
      method,
      headers: { authorization: `Bearer ${this.key}`, ...(text === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(text === undefined ? {} : { body: text }),
    });
    const raw = await response.text();
    const parsed = raw !== '' && response.headers.get('content-type')?.includes('json') ? (JSON.parse(raw) as unknown) : raw;
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  /** The answer's body when the status is 2xx; otherwise a DemoError with Vigil's message. */
  async must<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const answer = await this.call<T>(method, path, body, headers);
    if (answer.status >= 300) throw new DemoError(`${method} ${path} answered ${answer.status}: ${errorMessage(answer.body)}`);
    return answer.body;
  }

  get<T = unknown>(path: string): Promise<T> {
    return this.must<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    return this.must<T>('POST', path, body, headers);
  }

  put<T = unknown>(path: string, body: unknown): Promise<T> {
    return this.must<T>('PUT', path, body);
  }

  delete(path: string): Promise<unknown> {
    return this.must('DELETE', path);
  }
}

/** Vigil's `{"error": {"message"}}`, or the body as text. */
export function errorMessage(body: unknown): string {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' ? message : typeof body === 'string' ? body.slice(0, 300) : JSON.stringify(body).slice(0, 300);
}
