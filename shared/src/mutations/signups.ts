import { z } from 'zod';
import { setIntent, signOut, signUp } from '../rules/signups.js';
import {
  explained,
  memberSessionFacts,
  notFound,
  targetMember,
  waitlistFacts,
  type Definitions,
} from './define.js';
import { guardianOf } from '../rules/family.js';
import { id } from './fields.js';
import { lazy } from '../lazy.js';

export const signupArgs = lazy(() => ({
  'intent.set': z.object({ sessionId: id, going: z.boolean(), memberId: id.optional() }),
  'signup.create': z.object({ sessionId: id, memberId: id.optional() }),
  'signup.cancel': z.object({ sessionId: id, memberId: id.optional() }),
}));

export const signupMutations: Definitions<typeof signupArgs> = {
  'intent.set': {
    argsDoc: '`sessionId, going, memberId?` — `memberId`: a dependant of the sender',
    who: {
      member: true,
      owner: true,
      host: true,
      note: 'for themselves or their dependants, before start',
    },
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      return setIntent(ctx, args, {
        session: facts.session(args.sessionId),
        intent: facts.intent(args.sessionId, memberId),
        guardianId: guardianOf(facts, memberId),
      });
    },
  },
  'signup.create': {
    argsDoc: '`sessionId, memberId?`',
    who: { member: true, host: true, owner: true },
    reads: (args) => ({ sessionId: args.sessionId, memberId: args.memberId }),
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      const known = memberSessionFacts(facts, args.sessionId, memberId);
      const waitlist = known.session ? facts.waitlist(known.session.id) : [];
      return explained(facts, known, memberId, (f) => signUp(ctx, args, { ...f, waitlist }));
    },
  },
  'signup.cancel': {
    argsDoc: '`sessionId, memberId?`',
    who: { member: true, host: true, owner: true },
    reads: (args) => ({ sessionId: args.sessionId, memberId: args.memberId }),
    judge: (facts, ctx, args) => {
      const memberId = targetMember(facts, ctx, args.memberId);
      if (!memberId) return notFound();
      const known = memberSessionFacts(facts, args.sessionId, memberId);
      const waiting = known.session ? waitlistFacts(facts, known.session.id) : {};
      return signOut(ctx, args, { ...known, ...waiting });
    },
  },
};
