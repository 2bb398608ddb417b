import { z } from 'zod';
import { createSeries, updateSeries } from '../rules/series.js';
import { chargedPassIds, type Definitions } from './define.js';
import { clubDate, id, title, wallTime } from './fields.js';
import { sessionFields } from './sessions.js';
import { lazy } from '../lazy.js';

const weekdays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'Each weekday once');

const seriesFields = lazy(() => ({
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays,
  /** Club-local start time. */
  startTime: wallTime,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  fromDate: clubDate,
  untilDate: clubDate,
  ...sessionFields,
}));

const MAX_SERIES_DAYS = 2 * 366;
const seriesSpan = (v: { fromDate?: string; untilDate?: string }) =>
  v.fromDate === undefined ||
  v.untilDate === undefined ||
  (v.untilDate >= v.fromDate &&
    (Date.parse(v.untilDate) - Date.parse(v.fromDate)) / 86_400_000 <= MAX_SERIES_DAYS);
const seriesSpanIssue = {
  message: 'The series must end on or after its first date, within two years',
  path: ['untilDate'],
};

export const seriesArgs = lazy(() => ({
  'series.create': z.object({ seriesId: id, ...seriesFields }).refine(seriesSpan, seriesSpanIssue),
  'series.update': z
    .object({
      seriesId: id,
      ...seriesFields,
      weekdays: weekdays.optional(),
      startTime: wallTime.optional(),
      durationMinutes: seriesFields.durationMinutes.optional(),
      fromDate: clubDate.optional(),
      untilDate: clubDate.optional(),
      title: title.optional(),
    })
    .refine(seriesSpan, seriesSpanIssue),
}));

const managers = { host: 'hostsCanManageSessions', owner: true } as const;

export const seriesMutations: Definitions<typeof seriesArgs> = {
  'series.create': {
    argsDoc:
      '`seriesId, weekdays[1–7], startTime HH:mm, durationMinutes, fromDate, untilDate` + session fields — creates every occurrence',
    who: managers,
    judge: (facts, ctx, args) =>
      createSeries(ctx, args, {
        existing: facts.series(args.seriesId),
        trainingType: facts.trainingType(args.trainingTypeId),
      }),
  },
  'series.update': {
    argsDoc: '`seriesId` + any series field — changes occurrences that have not started',
    who: managers,
    judge: (facts, ctx, args) => {
      const series = facts.series(args.seriesId);
      const occurrences = (series ? facts.sessionsOfSeries(series.id) : []).map((session) => ({
        session,
        signups: facts.signups(session.id),
        attendance: facts.attendance(session.id),
      }));
      const records = occurrences.flatMap((o) => [...o.signups, ...o.attendance]);
      return updateSeries(ctx, args, {
        series,
        trainingType: facts.trainingType(args.trainingTypeId ?? series?.trainingTypeId),
        occurrences,
        passes: facts.passesByIds(chargedPassIds(records)),
      });
    },
  },
};
