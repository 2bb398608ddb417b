import {
  addDaysToDate,
  generateOccurrences,
  mutationArgs,
  toMs,
  type ClubDate,
  type MutationArgsInput,
  type Occurrence,
  type Series,
  type SeriesSchedule,
  type Session,
  type TimeInput,
} from '@turnout/shared';
import type { Replica } from '@turnout/shared';
import { addSchemaProblems, parseWholeNumber, type FormProblems } from './manage';
import {
  changedSessionDetails,
  emptySessionDetails,
  sessionDetailsArgs,
  sessionDetailsFieldOfPath,
  sessionDetailsFormOf,
  type SessionDetailsForm,
} from './manage-session-details';
import { cancelImpact, isClubDate, isWallTime, type FormResult } from './manage-sessions';

/** The weekly series form: weekdays are ISO (1 = Monday … 7 = Sunday). */
export interface SeriesForm extends SessionDetailsForm {
  weekdays: number[];
  /** Club-local 'HH:mm'. */
  startTime: string;
  durationMinutes: string;
  fromDate: string;
  untilDate: string;
}

export type SeriesField = keyof SeriesForm;
type SeriesCreateInput = MutationArgsInput<'series.create'>;
type SeriesUpdateInput = MutationArgsInput<'series.update'>;

export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

/** A new series: from today for 13 weeks, weekdays still to pick. */
export function emptySeriesForm(today: ClubDate): SeriesForm {
  return {
    ...emptySessionDetails(),
    weekdays: [],
    startTime: '18:00',
    durationMinutes: '60',
    fromDate: today,
    untilDate: addDaysToDate(today, 13 * 7 - 1),
  };
}

export function seriesFormOf(series: Series): SeriesForm {
  return {
    ...sessionDetailsFormOf(series),
    weekdays: [...series.weekdays].sort(),
    startTime: series.startTime,
    durationMinutes: String(series.durationMinutes),
    fromDate: series.fromDate,
    untilDate: series.untilDate,
  };
}

const seriesFieldOfPath: Record<string, SeriesField> = {
  ...sessionDetailsFieldOfPath,
  weekdays: 'weekdays',
  startTime: 'startTime',
  durationMinutes: 'durationMinutes',
  fromDate: 'fromDate',
  untilDate: 'untilDate',
};

/** The whole form as `series.create` args, checked with the mutation's schema. */
export function seriesCreateFromForm(
  form: SeriesForm,
  seriesId: string,
): FormResult<SeriesCreateInput, SeriesField> {
  const problems: FormProblems<SeriesField> = {};
  if (form.weekdays.length === 0) problems.weekdays = { code: 'weekdays' };
  if (!isWallTime(form.startTime)) problems.startTime = { code: 'time' };
  if (!isClubDate(form.fromDate)) problems.fromDate = { code: 'date' };
  if (!isClubDate(form.untilDate)) problems.untilDate = { code: 'date' };
  const duration = parseWholeNumber(form.durationMinutes, 1, 24 * 60, undefined);
  if (!duration.ok) problems.durationMinutes = duration.problem;
  else if (duration.value === undefined) {
    problems.durationMinutes = { code: 'wholeNumber', values: { min: 1, max: 24 * 60 } };
  }
  const details = sessionDetailsArgs(form, problems);
  const args: SeriesCreateInput = {
    seriesId,
    ...details,
    weekdays: [...new Set(form.weekdays)].sort(),
    startTime: form.startTime,
    durationMinutes: duration.ok ? (duration.value ?? 60) : 60,
    fromDate: form.fromDate,
    untilDate: form.untilDate,
  };
  const parsed = mutationArgs['series.create'].safeParse(args);
  if (!parsed.success) {
    addSchemaProblems(parsed.error.issues, seriesFieldOfPath, problems, (field, issue) => {
      if (field !== 'untilDate' || issue.code !== 'custom') return undefined;
      // A range over the limit; with a first date that could not be read, that one is named.
      return problems.fromDate ? 'skip' : { code: 'seriesSpan' };
    });
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, args };
}

const sameDays = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && [...a].sort().every((d, i) => d === [...b].sort()[i]);

/** The edit as `series.update` args (only what changed), or `null` when nothing did. */
export function seriesUpdateFromForm(
  series: Series,
  form: SeriesForm,
): FormResult<SeriesUpdateInput | null, SeriesField> {
  const full = seriesCreateFromForm(form, series.id);
  if (!full.ok) return full;
  const a = full.args;
  const args: SeriesUpdateInput = { seriesId: series.id, ...changedSessionDetails(a, series) };
  if (!sameDays(a.weekdays, series.weekdays)) args.weekdays = a.weekdays;
  if (a.startTime !== series.startTime) args.startTime = a.startTime;
  if (a.durationMinutes !== series.durationMinutes) args.durationMinutes = a.durationMinutes;
  if (a.fromDate !== series.fromDate) args.fromDate = a.fromDate;
  if (a.untilDate !== series.untilDate) args.untilDate = a.untilDate;
  return { ok: true, args: Object.keys(args).length > 1 ? args : null };
}

/** What a new series would create, for the form's preview. */
interface SeriesPreview {
  count: number;
  first: Occurrence | null;
  last: Occurrence | null;
  /** Occurrences that start before now (created too, so attendance can be backfilled). */
  past: number;
}

export function previewSeries(
  schedule: Omit<SeriesSchedule, 'id'>,
  timezone: string,
  now: TimeInput,
): SeriesPreview {
  const all = generateOccurrences({ ...schedule, id: 'preview' }, timezone);
  const t = toMs(now);
  return {
    count: all.length,
    first: all[0] ?? null,
    last: all.at(-1) ?? null,
    past: all.filter((o) => toMs(o.startsAt) <= t).length,
  };
}

/**
 * What the new series form would create, while its schedule fields make
 * sense (null until then: the preview says "no sessions").
 */
export function seriesFormPreview(
  form: Pick<SeriesForm, 'weekdays' | 'startTime' | 'durationMinutes' | 'fromDate' | 'untilDate'>,
  timezone: string,
  now: TimeInput,
): SeriesPreview | null {
  const minutes = Number(form.durationMinutes);
  if (
    form.weekdays.length === 0 ||
    !isWallTime(form.startTime) ||
    !isClubDate(form.fromDate) ||
    !isClubDate(form.untilDate) ||
    form.untilDate < form.fromDate ||
    !Number.isInteger(minutes) ||
    minutes < 1 ||
    // Past two years the form refuses anyway; no need to count.
    Date.parse(form.untilDate) - Date.parse(form.fromDate) > 2 * 366 * 86_400_000
  ) {
    return null;
  }
  const { weekdays, startTime, fromDate, untilDate } = form;
  return previewSeries(
    { weekdays, startTime, durationMinutes: minutes, fromDate, untilDate },
    timezone,
    now,
  );
}

/** The form's weekdays with `day` ticked or not, in week order. */
export function withWeekday(weekdays: readonly number[], day: number, on: boolean): number[] {
  const days = weekdays.filter((d) => d !== day);
  return on ? [...days, day].sort() : days;
}

/** What saving a series edit does to its occurrences (mirrors `updateSeries` in the rules). */
export interface SeriesEditImpact {
  /** Future occurrences that take the new details and times. */
  changed: number;
  /** New future occurrences. */
  added: number;
  /** Future occurrences no longer in the schedule: cancelled. */
  removed: Session[];
  /** People holding a place in the removed ones, credits going back. */
  holders: number;
  credits: number;
}

export function seriesEditImpact(
  view: Replica,
  next: Series,
  timezone: string,
  now: TimeInput,
): SeriesEditImpact {
  const t = toMs(now);
  const wanted = generateOccurrences(next, timezone);
  const existing = new Map(view.tables.sessions.by('series', next.id).map((s) => [s.id, s]));
  let changed = 0;
  let added = 0;
  for (const occ of wanted) {
    const have = existing.get(occ.id);
    if (have) {
      if (have.status !== 'cancelled' && toMs(have.startsAt) > t) changed += 1;
    } else if (toMs(occ.startsAt) > t) {
      added += 1;
    }
  }
  const wantedIds = new Set(wanted.map((o) => o.id));
  const removed = [...existing.values()]
    .filter((s) => !wantedIds.has(s.id) && s.status !== 'cancelled' && toMs(s.startsAt) > t)
    .sort((a, b) => toMs(a.startsAt) - toMs(b.startsAt));
  let holders = 0;
  let credits = 0;
  for (const s of removed) {
    const impact = cancelImpact(view, s.id);
    holders += impact.holders;
    credits += impact.credits;
  }
  return { changed, added, removed, holders, credits };
}

/** The series row an edit would produce (what `updateSeries` computes), for the impact. */
export function seriesAfter(series: Series, args: SeriesUpdateInput): Series {
  return {
    ...series,
    weekdays: args.weekdays ? [...args.weekdays].sort() : series.weekdays,
    startTime: args.startTime ?? series.startTime,
    durationMinutes: args.durationMinutes ?? series.durationMinutes,
    fromDate: args.fromDate ?? series.fromDate,
    untilDate: args.untilDate ?? series.untilDate,
    title: args.title ?? series.title,
    description: args.description === undefined ? series.description : args.description,
    trainingTypeId: args.trainingTypeId === undefined ? series.trainingTypeId : args.trainingTypeId,
    location: args.location === undefined ? series.location : args.location,
    capacity: args.capacity === undefined ? series.capacity : args.capacity,
    creditCost: args.creditCost ?? series.creditCost,
  };
}

/** A series in the organizer's list with its next occurrences. */
export interface SeriesSummary {
  series: Series;
  /** The next occurrences that have not started (cancelled ones too, marked by status). */
  next: Session[];
  /** Scheduled occurrences still to come. */
  remaining: number;
}

/**
 * Every series: those with occurrences still to come first (soonest next
 * occurrence first), then finished ones (latest end first).
 */
export function seriesSummaries(view: Replica, now: TimeInput, shown = 3): SeriesSummary[] {
  const t = toMs(now);
  const list = [...view.tables.series.values()].map((series) => {
    const future = view.tables.sessions
      .by('series', series.id)
      .filter((s) => toMs(s.startsAt) > t)
      .sort((a, b) => toMs(a.startsAt) - toMs(b.startsAt));
    return {
      series,
      next: future.slice(0, shown),
      remaining: future.filter((s) => s.status === 'scheduled').length,
    };
  });
  const nextStart = (s: SeriesSummary) => (s.next[0] ? toMs(s.next[0].startsAt) : Infinity);
  return list.sort((a, b) => {
    const aDone = a.remaining === 0;
    const bDone = b.remaining === 0;
    if (aDone !== bDone) return aDone ? 1 : -1;
    if (!aDone) return nextStart(a) - nextStart(b) || a.series.title.localeCompare(b.series.title);
    return b.series.untilDate.localeCompare(a.series.untilDate);
  });
}

/** Weekday names in a language, ISO order (Monday first). */
export function weekdayNames(locale: string, style: 'long' | 'short'): string[] {
  const format = new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' });
  // 2024-01-01 was a Monday.
  return isoWeekdays.map((d) => format.format(new Date(Date.UTC(2024, 0, d))));
}
