import { z } from 'zod';
import { memberInCode } from '../door/layout.js';
import { checkIn } from '../rules/checkins.js';
import { admitByCode } from '../rules/door.js';
import { explained, memberSessionFacts, type Definitions } from './define.js';
import { creditsArg, id } from './fields.js';
import { lazy } from '../lazy.js';

/** A door code as a QR carries it (a phone code is 280 characters, a card's 140). */
const doorCode = z.string().trim().min(1).max(400);

export const doorArgs = lazy(() => ({
  /**
   * Check in the member a scanned door code names. A new name rather than a
   * `code` on `checkin.create`: a name is a versioned contract.
   */
  'checkin.byCode': z.object({ sessionId: id, code: doorCode, credits: creditsArg.optional() }),
}));

export const doorMutations: Definitions<typeof doorArgs> = {
  'checkin.byCode': {
    argsDoc:
      '`sessionId, code, credits?` — checks in the member a scanned door code (QR) names; the code is checked on the device and again on the server',
    who: {
      host: true,
      owner: true,
      note: 'a code signed by the club, fresh, not revoked, of a member still in the club; then as a host’s check-in',
    },
    // The member is named inside the code: read their records ahead as for any check-in.
    reads: (args) => ({ sessionId: args.sessionId, memberId: memberInCode(args.code) }),
    judge: (facts, ctx, args) => {
      const admitted = admitByCode(ctx, args.code, facts);
      if (!admitted.ok) return admitted;
      const { memberId } = admitted;
      const known = memberSessionFacts(facts, args.sessionId, memberId);
      const checkInArgs = { sessionId: args.sessionId, memberId, credits: args.credits };
      return explained(facts, known, memberId, (f) => checkIn(ctx, checkInArgs, f));
    },
  },
};
