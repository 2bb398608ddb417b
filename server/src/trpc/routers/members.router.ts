import { memberRemoveInput, memberSetRoleInput } from '@turnout/shared';
import { changeRole, listClubMembers, removeMember } from '../../services/members.service.js';
import { clubProcedure, router } from '../init.js';

export const membersRouter = router({
  list: clubProcedure('host').query(({ ctx }) => listClubMembers(ctx, ctx.actor)),

  setRole: clubProcedure('owner')
    .input(memberSetRoleInput)
    .mutation(({ ctx, input }) => changeRole(ctx, ctx.actor, input.memberId, input.role)),

  remove: clubProcedure('owner')
    .input(memberRemoveInput)
    .mutation(({ ctx, input }) => removeMember(ctx, ctx.actor, input.memberId)),
});
