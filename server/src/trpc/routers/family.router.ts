import { familyLinkCodeInput, familyLinkInput } from '@turnout/shared';
import { createLinkCode, linkDependant } from '../../services/family.service.js';
import { clubProcedure, router } from '../init.js';

/**
 * Linking a teen's own account (docs/protocol.md, "Family"). Children
 * without a login are added offline with `dependant.add`; everything done
 * for a dependant goes through `sync.push` like any action.
 */
export const familyRouter = router({
  linkCode: clubProcedure('member')
    .input(familyLinkCodeInput)
    .mutation(({ ctx }) => createLinkCode(ctx, ctx.actor)),

  link: clubProcedure('member')
    .input(familyLinkInput)
    .mutation(({ ctx, input }) => linkDependant(ctx, ctx.actor, input.code)),
});
