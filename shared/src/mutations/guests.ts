import { z } from 'zod';
import { checkInGuest, guestPayment, guestVisitKind } from '../rules/guests.js';
import { explained, memberSessionFacts, type Definitions } from './define.js';
import { id } from './fields.js';
import { lazy } from '../lazy.js';

export const guestArgs = lazy(() => ({
  /**
   * A walk-in checked in at the door: `guestId` is made on the device (a new
   * id records the guest, a known guest's id records another visit).
   */
  'guest.checkIn': z.object({
    guestId: id,
    sessionId: id,
    name: z.string().trim().min(1).max(100),
    contact: z.string().trim().min(1).max(200).optional(),
    visit: guestVisitKind,
    payment: guestPayment,
    amount: z.string().trim().min(1).max(40).optional(),
  }),
}));

export const guestMutations: Definitions<typeof guestArgs> = {
  'guest.checkIn': {
    argsDoc:
      '`guestId, sessionId, name, contact?, visit (drop_in / trial), payment (cash / card / free_trial / other), amount?` — records a walk-in (new `guestId`) or another visit of a guest, checked in without credits',
    who: { host: true, owner: true, note: 'from check-in opening; backfill per settings' },
    judge: (facts, ctx, args) => {
      const known = memberSessionFacts(facts, args.sessionId, args.guestId);
      const kind = facts.memberKind(args.guestId);
      return explained(facts, known, args.guestId, (f) => checkInGuest(ctx, args, { ...f, kind }));
    },
  },
};
