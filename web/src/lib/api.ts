import {
  createTRPCClient,
  httpLink,
  httpSubscriptionLink,
  isTRPCClientError,
  splitLink,
} from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { isErrorCode, type ErrorCode } from '@turnout/shared';
import type { AppRouter } from '@turnout/server';

/**
 * The tRPC client for the server's online procedures. Same origin, plain
 * JSON; the session cookie is HttpOnly and travels with every request
 * (fetch's default `credentials: 'same-origin'`, and EventSource's for the
 * same origin).
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      // Live "something changed" pokes come over server-sent events.
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc' }),
      false: httpLink({ url: '/trpc' }),
    }),
  ],
});

export type RouterInputs = inferRouterInputs<AppRouter>;
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
  /** Field problems for `invalid_args`, keyed by the dotted path of the field. */
  fields: Record<string, string>;
}

interface ErrorDataLike {
  code?: unknown;
  issues?: unknown;
}

function issuesOf(data: ErrorDataLike | undefined): Record<string, string> {
  const fields: Record<string, string> = {};
  if (!data || !Array.isArray(data.issues)) return fields;
  for (const issue of data.issues as unknown[]) {
    if (typeof issue !== 'object' || issue === null) continue;
    const { path, message } = issue as { path?: unknown; message?: unknown };
    const key = Array.isArray(path) ? path.join('.') : String(path ?? '');
    if (typeof message === 'string' && !(key in fields)) fields[key] = message;
  }
  return fields;
}

/** Turns whatever a call threw into an `ApiFailure` the screens can show. */
export function toFailure(error: unknown): ApiFailure {
  if (isTRPCClientError<AppRouter>(error)) {
    const data = error.data as ErrorDataLike | undefined;
    if (data && isErrorCode(data.code)) {
      return { code: data.code, message: error.message, fields: issuesOf(data) };
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
