import { z } from 'zod';
import { checkIn } from '../rules/checkins.js';
import { adjustCheckIn, voidCheckIn } from '../rules/corrections.js';
import { settleCheckIn } from '../rules/attention.js';
import { reinstateCheckIn } from '../rules/reinstate.js';
import {
  explained,
  memberSessionFacts,
  notFound,
  targetMember,
  type Definitions,
} from './define.js';
import { creditsArg, id, note, reason } from './fields.js';
import { lazy } from '../lazy.js';

export const checkinArgs = lazy(() => ({
  'checkin.create': z.object({
    sessionId: id,
    memberId: id.optional(),
    credits: creditsArg.optional(),
  }),
  'checkin.void': z.object({ sessionId: id, memberId: id, reason: reason.optional() }),
  'checkin.adjust': z.object({ sessionId: id, memberId: id, credits: creditsArg }),
  /** Charge an unpaid check-in's debt to the member's usable passes. */
  'checkin.settle': z.object({ sessionId: id, memberId: id }),
  /** Record a refused check-in after all, by the owner's decision (rules/reinstate.ts). */
  'checkin.reinstate': z.object({ itemId: id, sessionId: id, memberId: id, note: note.optional() }),
}));

const hosts = { host: true, owner: true } as const;
const reads = (args: { sessionId: string; memberId?: string | undefined }) => ({
  sessionId: args.sessionId,
  memberId: args.memberId,
});

export const checkinMutations: Definitions<typeof checkinArgs> = {
  'checkin.create': {
    argsDoc: '`sessionId, memberId?, credits? (1–20)`',
    who: {
      member: true,
      host: true,
      owner: true,
      note: 'members while check-in is open; backfill per settings',
    },
    reads,
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      const known = memberSessionFacts(facts, args.sessionId, memberId);
      return explained(facts, known, memberId, (f) => checkIn(ctx, args, f));
    },
  },
  'checkin.void': {
    argsDoc: '`sessionId, memberId, reason?`',
    who: hosts,
    reads,
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      return voidCheckIn(ctx, args, memberSessionFacts(facts, args.sessionId, memberId));
    },
  },
  'checkin.adjust': {
    argsDoc: '`sessionId, memberId, credits`',
    who: hosts,
    reads,
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      return adjustCheckIn(ctx, args, memberSessionFacts(facts, args.sessionId, memberId));
    },
  },
  'checkin.settle': {
    argsDoc:
      "`sessionId, memberId` — charges an unpaid check-in's debt to the member's usable passes",
    who: hosts,
    reads,
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      return settleCheckIn(ctx, args, memberSessionFacts(facts, args.sessionId, memberId));
    },
  },
  'checkin.reinstate': {
    argsDoc:
      "`itemId, sessionId, memberId, note?` — records a refused check-in after all (owner's decision, over capacity, charged as usual)",
    who: { owner: true },
    reads,
    judge: (facts, ctx, args) => {
      // Only the server keeps the mutation log: a device has `refusedCheckIn` undefined.
      const refused = facts.refusedCheckIn ? facts.refusedCheckIn(args.itemId) : undefined;
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      const known = memberSessionFacts(facts, args.sessionId, memberId);
      return explained(facts, known, memberId, (f) =>
        reinstateCheckIn(ctx, args, { ...f, refused }),
      );
    },
  },
};
