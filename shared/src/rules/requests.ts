import type { MutationArgs } from '../protocol/mutations.js';
import { toIso } from '../time/index.js';
import { canManagePasses } from './access.js';
import { applied, refuse, refuseWith, type CommandContext, type Decision } from './decision.js';
import { explain } from './explain.js';
import type { PassRequest, Template } from './types.js';

/**
 * A member requests a template for themselves (any role may). Approval is
 * not a command of its own: a `pass.grant` naming the request approves it.
 */
export function createPassRequest(
  ctx: CommandContext,
  args: MutationArgs<'passRequest.create'>,
  facts: { template: Template | null; existing: PassRequest | null },
): Decision {
  if (facts.existing) return refuse('id_taken');
  if (!facts.template || facts.template.deletedAt) return refuse('not_found');
  return applied({
    passRequests: [
      {
        id: args.requestId,
        memberId: ctx.actor.memberId,
        templateId: facts.template.id,
        note: args.note || null,
        status: 'pending',
        createdAt: toIso(ctx.now),
        decidedAt: null,
        decidedBy: null,
        reason: null,
        passId: null,
      },
    ],
  });
}

/** Reject a pending request, optionally with a reason; the member is notified with it. */
export function rejectPassRequest(
  ctx: CommandContext,
  args: MutationArgs<'passRequest.reject'>,
  facts: { request: PassRequest | null },
): Decision {
  if (!canManagePasses(ctx.actor, ctx.settings)) return refuse('not_permitted');
  const r = facts.request;
  if (!r) return refuse('not_found');
  if (r.status !== 'pending') return refuseWith('conflict', explain.requestDecided(r.status));
  const at = toIso(ctx.now);
  const reason = args.reason ?? null;
  return applied({
    passRequests: [
      { ...r, status: 'rejected', decidedAt: at, decidedBy: ctx.actor.memberId, reason },
    ],
    notifications: [
      {
        memberId: r.memberId,
        kind: 'pass_request_rejected',
        sessionId: null,
        data: { requestId: r.id, templateId: r.templateId, reason },
        at,
      },
    ],
  });
}

/**
 * A member takes back their own pending request. Only the member who made it
 * may (an organizer rejects instead); a request already decided, or already
 * withdrawn, stays as it is. Withdrawn requests leave the organizer's
 * pending list and badge; they keep their place in "All".
 */
export function withdrawPassRequest(
  ctx: CommandContext,
  args: MutationArgs<'passRequest.withdraw'>,
  facts: { request: PassRequest | null },
): Decision {
  const r = facts.request;
  if (!r) return refuse('not_found');
  if (r.memberId !== ctx.actor.memberId) return refuse('not_permitted');
  if (r.status !== 'pending') return refuseWith('conflict', explain.requestDecided(r.status));
  return applied({
    passRequests: [
      { ...r, status: 'withdrawn', decidedAt: toIso(ctx.now), decidedBy: ctx.actor.memberId },
    ],
  });
}

/** The number on the organizer's "Pending" badge. */
export function pendingRequestCount(requests: readonly PassRequest[]): number {
  return requests.filter((r) => r.status === 'pending').length;
}
