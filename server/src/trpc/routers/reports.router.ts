import {
  attentionListInput,
  expiringPassesInput,
  guestVisitsInput,
  memberAttendanceInput,
  passCreditLogInput,
  pastSessionsInput,
  reportRangeInput,
} from '@turnout/shared';
import { attentionList } from '../../services/reports.attention.service.js';
import {
  expiringPasses,
  passCreditLog,
  templateAnalytics,
} from '../../services/reports.service.js';
import { guestVisits } from '../../services/reports.guests.service.js';
import { memberAttendance, pastSessions } from '../../services/reports.sessions.service.js';
import { clubProcedure, router } from '../init.js';

/**
 * The organizer's online-only reports (spec §5, §6). Money and pass figures
 * are for owners (hosts see the expiring report when they manage passes);
 * attendance history and needs-attention are for hosts and owners.
 */
export const reportsRouter = router({
  templates: clubProcedure('owner')
    .input(reportRangeInput)
    .query(({ ctx, input }) => templateAnalytics(ctx, ctx.actor, input)),

  expiringPasses: clubProcedure('host')
    .input(expiringPassesInput)
    .query(({ ctx, input }) => expiringPasses(ctx, ctx.actor, input)),

  passCreditLog: clubProcedure('owner')
    .input(passCreditLogInput)
    .query(({ ctx, input }) => passCreditLog(ctx, ctx.actor, input)),

  pastSessions: clubProcedure('host')
    .input(pastSessionsInput)
    .query(({ ctx, input }) => pastSessions(ctx, ctx.actor, input)),

  memberAttendance: clubProcedure('host')
    .input(memberAttendanceInput)
    .query(({ ctx, input }) => memberAttendance(ctx, ctx.actor, input)),

  guestVisits: clubProcedure('host')
    .input(guestVisitsInput)
    .query(({ ctx, input }) => guestVisits(ctx, ctx.actor, input)),

  attention: clubProcedure('host')
    .input(attentionListInput)
    .query(({ ctx, input }) => attentionList(ctx, ctx.actor, input)),
});
