import { attendanceHistoryInput, creditLogHistoryInput } from '@turnout/shared';
import { memberAttendanceHistory, passCreditLogHistory } from '../../services/history.service.js';
import { clubProcedure, router } from '../init.js';

/**
 * A member's history beyond what their device keeps (docs/protocol.md,
 * "History"): read-only pages, newest first; whose rows may be read is the
 * service's one check.
 */
export const historyRouter = router({
  attendance: clubProcedure('member')
    .input(attendanceHistoryInput)
    .query(({ ctx, input }) => memberAttendanceHistory(ctx, ctx.actor, input)),

  creditLog: clubProcedure('member')
    .input(creditLogHistoryInput)
    .query(({ ctx, input }) => passCreditLogHistory(ctx, ctx.actor, input)),
});
