import {
  doorCardCodeInput,
  doorCardInput,
  doorCertifyInput,
  doorPassesInput,
  doorRevokeInput,
} from '@turnout/shared';
import {
  cardCode,
  certifyPhone,
  issueCard,
  listPasses,
  revokePass,
} from '../../services/door.service.js';
import { clubProcedure, router } from '../init.js';

/**
 * QR check-in's online half (docs/protocol.md, "Door codes"): the club signs
 * phones' keys and printed cards, and revokes them. Checking a code needs no
 * call: devices do it offline (`checkin.byCode`).
 */
export const doorRouter = router({
  /** Any member, for their own phone. */
  certify: clubProcedure('member')
    .input(doorCertifyInput)
    .mutation(({ ctx, input }) => certifyPhone(ctx, ctx.actor, input.deviceKey)),

  issueCard: clubProcedure('host')
    .input(doorCardInput)
    .mutation(({ ctx, input }) => issueCard(ctx, ctx.actor, input.memberId)),

  cardCode: clubProcedure('host')
    .input(doorCardCodeInput)
    .query(({ ctx, input }) => cardCode(ctx, ctx.actor, input.serial)),

  revoke: clubProcedure('host')
    .input(doorRevokeInput)
    .mutation(({ ctx, input }) => revokePass(ctx, ctx.actor, input.serial)),

  passes: clubProcedure('host')
    .input(doorPassesInput)
    .query(({ ctx, input }) => listPasses(ctx, ctx.actor, input.memberId)),
});
