import { exportRangeInput } from '@turnout/shared';
import { attendanceCsv, clubJson, creditLogCsv } from '../../services/reports.export.service.js';
import { clubProcedure, router } from '../init.js';

/**
 * Owner downloads, answered as `{ filename, contentType, body }` for the app
 * to save (a Blob), rather than as plain URLs a service worker's navigation
 * fallback could swallow.
 */
export const exportsRouter = router({
  attendanceCsv: clubProcedure('owner')
    .input(exportRangeInput)
    .query(({ ctx, input }) => attendanceCsv(ctx, ctx.actor, input)),

  creditLogCsv: clubProcedure('owner')
    .input(exportRangeInput)
    .query(({ ctx, input }) => creditLogCsv(ctx, ctx.actor, input)),

  clubJson: clubProcedure('owner').query(({ ctx }) => clubJson(ctx, ctx.actor)),
});
