import { initTRPC, TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import {
  clubInput,
  errorMessages,
  roleAtLeast,
  type ErrorCode,
  type ErrorData,
  type Role,
} from '@turnout/shared';
import { originAllowed } from '../auth/request.js';
import { durable } from '../db/durable.js';
import { AppFailure, fail, fieldIssue, type ZodLikeIssue } from '../errors.js';
import { findActiveMembership } from '../repositories/memberships.repository.js';
import type { Context } from './context.js';

const trpcCodes: Partial<Record<ErrorCode, TRPC_ERROR_CODE_KEY>> = {
  unauthenticated: 'UNAUTHORIZED',
  not_permitted: 'FORBIDDEN',
  bad_origin: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  rate_limited: 'TOO_MANY_REQUESTS',
  busy: 'SERVICE_UNAVAILABLE',
  too_large: 'PAYLOAD_TOO_LARGE',
  internal: 'INTERNAL_SERVER_ERROR',
  email_taken: 'CONFLICT',
  already_member: 'CONFLICT',
  already_set_up: 'CONFLICT',
  last_owner: 'CONFLICT',
};

function toTRPCError(failure: AppFailure): TRPCError {
  return new TRPCError({
    code: trpcCodes[failure.code] ?? 'BAD_REQUEST',
    message: failure.message,
    cause: failure,
  });
}

function zodIssues(cause: unknown): ZodLikeIssue[] | undefined {
  if (cause && typeof cause === 'object' && 'issues' in cause && Array.isArray(cause.issues)) {
    return cause.issues as ZodLikeIssue[];
  }
  return undefined;
}

/** Maps any error to the stable `{ code, message }` the clients rely on; never a stack trace. */
function describe(
  error: TRPCError,
): Pick<ErrorData, 'code' | 'issues' | 'retryAfterSeconds'> & { message: string } {
  if (error.cause instanceof AppFailure) {
    const { code, message, retryAfterSeconds } = error.cause;
    return retryAfterSeconds === undefined
      ? { code, message }
      : { code, message, retryAfterSeconds };
  }
  const issues = zodIssues(error.cause);
  if (issues) {
    const list = issues.map(fieldIssue);
    const summary = list.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
    return {
      code: 'invalid_args',
      message: `${errorMessages.invalid_args} ${summary}`,
      issues: list,
    };
  }
  switch (error.code) {
    case 'PAYLOAD_TOO_LARGE':
      return { code: 'too_large', message: errorMessages.too_large };
    case 'PARSE_ERROR':
    case 'BAD_REQUEST':
    case 'METHOD_NOT_SUPPORTED':
      return { code: 'invalid_args', message: errorMessages.invalid_args };
    case 'NOT_FOUND':
      return { code: 'not_found', message: errorMessages.not_found };
    case 'UNAUTHORIZED':
      return { code: 'unauthenticated', message: errorMessages.unauthenticated };
    case 'FORBIDDEN':
      return { code: 'not_permitted', message: errorMessages.not_permitted };
    case 'TOO_MANY_REQUESTS':
      return { code: 'rate_limited', message: errorMessages.rate_limited };
    default:
      return { code: 'internal', message: errorMessages.internal };
  }
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const { code, message, issues, retryAfterSeconds } = describe(error);
    const data: ErrorData = { code, httpStatus: shape.data.httpStatus };
    if (issues) data.issues = issues;
    if (retryAfterSeconds !== undefined) data.retryAfterSeconds = retryAfterSeconds;
    return { code: shape.code, message, data };
  },
});

export const router = t.router;

/**
 * Turns service refusals into tRPC errors with the right HTTP status; a
 * refusal that says when to try again also sets `Retry-After`.
 */
const refusals = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppFailure) {
    const { retryAfterSeconds } = result.error.cause;
    if (retryAfterSeconds !== undefined && ctx.res && !ctx.res.headersSent) {
      ctx.res.setHeader('retry-after', String(retryAfterSeconds));
    }
    throw toTRPCError(result.error.cause);
  }
  return result;
});

/** Mutations from another site's page are refused (CSRF), before anything runs. */
const sameOrigin = t.middleware(({ ctx, type, next }) => {
  if (type === 'mutation' && !originAllowed(ctx.request, ctx.config)) fail('bad_origin');
  return next();
});

/**
 * A mutation is answered only once what it wrote is on disk (db/durable.ts:
 * commits are flushed off the event loop, not inside COMMIT).
 */
const durableAnswers = t.middleware(async ({ ctx, type, next }) => {
  const result = await next();
  if (type === 'mutation') await durable(ctx.db);
  return result;
});

export const publicProcedure = t.procedure.use(durableAnswers).use(refusals).use(sameOrigin);

/** Requires a login; narrows `ctx.user`. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) fail('unauthenticated');
  return next({ ctx: { user: ctx.user } });
});

/**
 * Requires the caller to hold at least `minRole` in the club named by the
 * input's `clubId`, checked against the database on every call (a role
 * change or removal takes effect at once). Outsiders get `not_permitted`
 * whether or not the club exists.
 */
export function clubProcedure(minRole: Role) {
  return authedProcedure.input(clubInput).use(async ({ ctx, input, next }) => {
    const membership = await findActiveMembership(ctx.db, input.clubId, ctx.user.userId);
    if (!membership || !roleAtLeast(membership.role, minRole)) fail('not_permitted');
    return next({
      ctx: {
        actor: {
          userId: ctx.user.userId,
          clubId: input.clubId,
          memberId: membership.id,
          role: membership.role,
        },
      },
    });
  });
}
