import type { IncomingMessage, ServerResponse } from 'node:http';
import { roleAtLeast } from '@turnout/shared';
import { readableVersion } from '../db/durable.js';
import { findActiveMembership } from '../repositories/memberships.repository.js';
import { pullPoolOf, pullRequest } from '../sync/pull-pool.js';
import type { Context } from '../trpc/context.js';
import { chooseEncoding } from './compress.js';

/**
 * `GET /trpc/sync.pull`, answered with the bytes a pull worker serialized
 * and compressed (issue 12: on a busy Saturday, turning pull pages into JSON
 * and compressing them took a large share of the main thread, which every
 * push waits for). It answers only what is plainly fine — a logged-in member
 * of the club, valid input, within the rate limit, a page built — exactly as
 * tRPC would (`{"result":{"data":…}}`); anything else it leaves to the tRPC
 * handler (returns false), which checks again and answers refusals in the
 * API's one error shape. The membership check and the rate limit are the
 * procedure's own (trpc/init.ts `clubProcedure`, sync.router.ts).
 */
export async function pullDirect(
  req: IncomingMessage,
  res: ServerResponse,
  context: () => Promise<Context>,
): Promise<boolean> {
  if (req.method !== 'GET') return false;
  const ctx = await context();
  const pool = pullPoolOf(ctx.db);
  if (!pool || !ctx.user) return false;
  const raw = new URL(req.url ?? '/', 'http://local').searchParams.get('input');
  let parsed: unknown;
  try {
    parsed = raw === null ? undefined : JSON.parse(raw);
  } catch {
    return false;
  }
  const input = pullRequest.safeParse(parsed);
  if (!input.success) return false;
  const userId = ctx.user.userId;
  const membership = await findActiveMembership(ctx.db, input.data.clubId, userId);
  if (!membership || !roleAtLeast(membership.role, 'member')) return false;
  try {
    await ctx.rateLimits.pull(userId);
  } catch {
    return false;
  }
  const actor = {
    userId,
    clubId: input.data.clubId,
    memberId: membership.id,
    role: membership.role,
  };
  let page;
  try {
    page = await pool.pullBytes(
      actor,
      input.data,
      ctx.clock(),
      readableVersion(ctx.db),
      chooseEncoding(req.headers['accept-encoding']),
    );
  } catch {
    // A refusal or a lost worker: the tRPC handler pulls again and answers it in the API's shape.
    return false;
  }
  if (res.destroyed) return true;
  res.statusCode = 200;
  res.setHeader('content-type', 'application/json');
  res.setHeader('vary', 'accept-encoding');
  if (page.encoding) res.setHeader('content-encoding', page.encoding);
  res.setHeader('content-length', page.body.byteLength);
  res.end(page.body);
  return true;
}
