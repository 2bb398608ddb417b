import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  isTRPCClientError,
  splitLink,
} from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { errorMessages, isErrorCode, type ErrorCode, type FieldIssue } from '@turnout/shared';
import type { AppRouter } from '@turnout/server';

/**
 * The tRPC client for the server's online procedures. Same origin, plain
 * JSON; the session cookie is HttpOnly and travels with every request
 * (fetch's default `credentials: 'same-origin'`, and EventSource's for the
 * same origin).
 */
/** HTTP statuses that refuse a call for now, and the code each stands for. */
const refusalCodes: Partial<Record<number, 'too_large' | 'rate_limited' | 'busy'>> = {
  413: 'too_large',
  429: 'rate_limited',
  503: 'busy',
};

/**
 * A refusal answered without a tRPC body, e.g. by a reverse proxy's own
 * rate limit: tRPC would only see JSON it cannot parse and report no status.
 */
class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`The server answered HTTP ${status}`);
    this.name = 'HttpRefusal';
  }
}

/**
 * `Retry-After` in milliseconds: delay-seconds or an HTTP date (RFC 9110
 * §10.2.3); null when absent or unreadable.
 */
export function retryAfterFromHeader(value: string | null, now = Date.now()): number | null {
  if (value === null) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; `Date.parse` alone would take "-5" for a year.
  const at = /[a-z]{3}/i.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

/** `fetch` for the tRPC link: turns a bare 413/429/503 (no JSON answer) into an `HttpRefusal`. */
export async function fetchNoticingRefusals(
  input: RequestInfo | URL | string,
  init?: object,
  through: typeof globalThis.fetch = globalThis.fetch,
): Promise<Response> {
  const response = await through(input, init as RequestInit | undefined);
  const json = response.headers.get('content-type')?.includes('application/json') ?? false;
  if (!json && refusalCodes[response.status]) {
    throw new HttpRefusal(
      response.status,
      retryAfterFromHeader(response.headers.get('retry-after')),
    );
  }
  return response;
}

export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // Live "something changed" pokes come over server-sent events.
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpLink({ url: '/trpc', fetch: fetchNoticingRefusals }),
    }),
  ],
});

/**
 * The same API asked through another `fetch`: a SvelteKit `load`'s own, which SvelteKit
 * expects there (in development it warns about `window.fetch` used while a load runs).
 */
export function apiThrough(through: typeof globalThis.fetch) {
  return createTRPCClient<AppRouter>({
    links: [
      httpLink({
        url: '/trpc',
        fetch: (input, init) => fetchNoticingRefusals(input, init, through),
      }),
    ],
  });
}

export type RouterOutputs = inferRouterOutputs<AppRouter>;

export type Me = RouterOutputs['auth']['me'];
export type MyClub = Me['clubs'][number];
export type Member = RouterOutputs['members']['list'][number];
export type Invite = RouterOutputs['invites']['list'][number];
export type CreatedInvite = RouterOutputs['invites']['create'];
export type InvitePreview = RouterOutputs['invites']['preview'];

/** Why a call failed: a stable code from the server, or `network` when it was not reached. */
export interface ApiFailure {
  code: ErrorCode | 'network';
  /** The server's human message (English), kept as a fallback for unknown codes. */
  message: string;
  /**
   * Field problems for `invalid_args`, keyed by the dotted path of the field,
   * in the server's English: `fieldErrors` (forms.ts) words them for people.
   */
  fields: Record<string, string>;
  /** The same problems with their codes and limits, as the server sent them. */
  issues?: FieldIssue[];
  /**
   * How long the server asked to be left alone before the next try
   * (`rate_limited`, `busy`: `retryAfterSeconds` or the `Retry-After` header).
   */
  retryAfterMs?: number;
}

interface ErrorDataLike {
  code?: unknown;
  issues?: unknown;
  retryAfterSeconds?: unknown;
}

/** What `TRPCClientError.meta.response` holds when the server answered (a fetch Response). */
interface AnsweredResponse {
  status: number;
  headers: { get(name: string): string | null };
}

function responseOf(meta: Record<string, unknown> | undefined): AnsweredResponse | null {
  const response = meta?.response as Partial<AnsweredResponse> | undefined;
  return typeof response?.status === 'number' && typeof response.headers?.get === 'function'
    ? (response as AnsweredResponse)
    : null;
}

/** The wait the server asked for: the error's data first, then the `Retry-After` header. */
function retryAfterOf(
  data: ErrorDataLike | undefined,
  response: AnsweredResponse | null,
): number | null {
  const seconds = data?.retryAfterSeconds;
  if (typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0) {
    return Math.round(seconds * 1000);
  }
  return response ? retryAfterFromHeader(response.headers.get('retry-after')) : null;
}

function withRetryAfter(failure: ApiFailure, retryAfterMs: number | null): ApiFailure {
  return retryAfterMs === null ? failure : { ...failure, retryAfterMs };
}

/** The field issues of an answer (tRPC's `data` or a plain HTTP refusal's body), as sent. */
export function issuesOf(data: { issues?: unknown } | null | undefined): FieldIssue[] {
  if (!data || !Array.isArray(data.issues)) return [];
  const issues: FieldIssue[] = [];
  for (const raw of data.issues as unknown[]) {
    if (typeof raw !== 'object' || raw === null) continue;
    const { path, message, code, minimum, maximum, format } = raw as Record<string, unknown>;
    if (typeof message !== 'string') continue;
    const issue: FieldIssue = {
      path: Array.isArray(path) ? path.join('.') : String(path ?? ''),
      message,
    };
    if (typeof code === 'string') issue.code = code;
    if (typeof minimum === 'number') issue.minimum = minimum;
    if (typeof maximum === 'number') issue.maximum = maximum;
    if (typeof format === 'string') issue.format = format;
    issues.push(issue);
  }
  return issues;
}

/** The first problem of each field, in the server's words. */
export function fieldsOf(issues: readonly FieldIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) if (!(issue.path in fields)) fields[issue.path] = issue.message;
  return fields;
}

/**
 * A failure already described as an `ApiFailure` by a call that is not
 * tRPC (a plain HTTP download, $lib/download), passed through `attempt` as is.
 */
export class CallFailure extends Error {
  constructor(readonly failure: ApiFailure) {
    super(failure.message);
    this.name = 'CallFailure';
  }
}

/** Turns whatever a call threw into an `ApiFailure` the screens can show. */
export function toFailure(error: unknown): ApiFailure {
  if (error instanceof CallFailure) return error.failure;
  if (isTRPCClientError<AppRouter>(error)) {
    const data = error.data as ErrorDataLike | undefined;
    const response = responseOf(error.meta);
    if (data && isErrorCode(data.code)) {
      const issues = issuesOf(data);
      const failure: ApiFailure = {
        code: data.code,
        message: error.message,
        fields: fieldsOf(issues),
      };
      if (issues.length) failure.issues = issues;
      return withRetryAfter(failure, retryAfterOf(data, response));
    }
    // A refusal without a tRPC answer (a proxy's own limit): non-JSON bodies arrive as the
    // `HttpRefusal` our fetch threw, JSON ones of another shape with the response in `meta`.
    const refusal =
      error.cause instanceof HttpRefusal
        ? error.cause
        : response && refusalCodes[response.status]
          ? new HttpRefusal(response.status, retryAfterOf(undefined, response))
          : null;
    const code = refusal && refusalCodes[refusal.status];
    if (refusal && code) {
      return withRetryAfter(
        { code, message: errorMessages[code], fields: {} },
        refusal.retryAfterMs,
      );
    }
    // No error data: the request never got a tRPC answer (offline, server down, proxy page).
    return { code: 'network', message: error.message, fields: {} };
  }
  return { code: 'internal', message: String(error), fields: {} };
}

/** Runs a call and returns either its result or an `ApiFailure`, never throwing. */
export async function attempt<T>(
  call: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; failure: ApiFailure }> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    return { ok: false, failure: toFailure(error) };
  }
}
