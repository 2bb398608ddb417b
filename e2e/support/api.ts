/**
 * A small tRPC-over-HTTP client for seeding and checking what the server
 * holds, as docs/protocol.md describes it: plain JSON, a query is
 * `GET /trpc/<name>?input=…`, a mutation `POST /trpc/<name>`. It keeps the
 * login cookie the server sets, like any non-browser client would.
 */

/** A tRPC error answer, with the server's stable code. */
export class ApiError extends Error {
  constructor(
    readonly procedure: string,
    readonly code: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(`${procedure} failed: ${code} (${httpStatus}) ${message}`);
  }
}

export const sessionCookieName = 'turnout_session';

export interface ApiOptions {
  baseURL: string;
  /**
   * Sent as X-Forwarded-For (the e2e server trusts the proxy headers): each
   * seeded club comes from its own address, so the server's per-address
   * guessing limits (setup and invitation codes, logins) never throttle a
   * run that seeds many clubs, and the tests' own browsers keep theirs.
   */
  address?: string;
}

interface TrpcAnswer {
  result?: { data: unknown };
  error?: { message: string; data?: { code?: string; httpStatus?: number } };
}

export class Api {
  #cookie: string | undefined;

  constructor(readonly options: ApiOptions) {}

  /** The login cookie's value, once logged in. */
  get sessionToken(): string | undefined {
    return this.#cookie;
  }

  /** A client with the same address and no login. */
  fresh(): Api {
    return new Api(this.options);
  }

  query<T>(procedure: string, input?: unknown): Promise<T> {
    const query = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
    return this.#call<T>(procedure, `${this.options.baseURL}/trpc/${procedure}${query}`, {
      method: 'GET',
    });
  }

  mutate<T>(procedure: string, input?: unknown): Promise<T> {
    return this.#call<T>(procedure, `${this.options.baseURL}/trpc/${procedure}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input ?? null),
    });
  }

  async #call<T>(procedure: string, url: string, init: RequestInit): Promise<T> {
    const headers = new Headers(init.headers);
    if (this.#cookie) headers.set('cookie', `${sessionCookieName}=${this.#cookie}`);
    if (this.options.address) headers.set('x-forwarded-for', this.options.address);
    const response = await fetch(url, { ...init, headers });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name?.trim() === sessionCookieName) this.#cookie = value.join('=') || undefined;
    }
    const answer = (await response.json()) as TrpcAnswer;
    if (answer.error) {
      throw new ApiError(
        procedure,
        answer.error.data?.code ?? 'unknown',
        answer.error.message,
        answer.error.data?.httpStatus ?? response.status,
      );
    }
    return answer.result?.data as T;
  }
}
