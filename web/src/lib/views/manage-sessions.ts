import {
  addDaysToDate,
  clubDate,
  clubTime,
  mutationArgs,
  placeHolders,
  toMs,
  zonedInstant,
  type ClubDate,
  type MutationArgsInput,
  type Session,
  type TimeInput,
} from '@turnout/shared';
import type { Replica } from '@turnout/shared';
import { addSchemaProblems, type FormProblems } from './manage';
import {
  changedSessionDetails,
  emptySessionDetails,
  sessionDetailsArgs,
  sessionDetailsFieldOfPath,
  sessionDetailsFormOf,
  type SessionDetailsForm,
} from './manage-session-details';

/**
 * The organizer's one-off session form: what is typed (strings, club-local
 * date and times) and how it becomes `session.create` / `session.update`
 * args. Times are wall-clock times in the club's time zone.
 */
export interface SessionForm extends SessionDetailsForm {
  /** Club-local 'YYYY-MM-DD'. */
  date: string;
  /** Club-local 'HH:mm'. */
  startTime: string;
  /** Club-local 'HH:mm'; at or before the start means the next day. */
  endTime: string;
}

export type SessionField = keyof SessionForm;

export function emptySessionForm(today: ClubDate): SessionForm {
  return { ...emptySessionDetails(), date: today, startTime: '18:00', endTime: '19:00' };
}

/** The form showing an existing session, in the club's time zone. */
export function sessionFormOf(session: Session, timezone: string): SessionForm {
  return {
    ...sessionDetailsFormOf(session),
    date: clubDate(session.startsAt, timezone),
    startTime: clubTime(session.startsAt, timezone),
    endTime: clubTime(session.endsAt, timezone),
  };
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const timePattern = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A real calendar date 'YYYY-MM-DD' (not 2026-02-30). */
export function isClubDate(text: string): boolean {
  const m = datePattern.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

export function isWallTime(text: string): boolean {
  return timePattern.test(text);
}

/** An end time at or before the start time is on the next day (a session past midnight). */
export function endsNextDay(startTime: string, endTime: string): boolean {
  return isWallTime(startTime) && isWallTime(endTime) && endTime <= startTime;
}

/** Minutes from start to end as the form reads them, or null while a time is not valid. */
export function formLengthMinutes(form: Pick<SessionForm, 'startTime' | 'endTime'>): number | null {
  if (!isWallTime(form.startTime) || !isWallTime(form.endTime)) return null;
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const diff = minutes(form.endTime) - minutes(form.startTime);
  return diff > 0 ? diff : diff + 24 * 60;
}

/** Which form field a schema path of the session args belongs to. */
const sessionFieldOfPath: Record<string, SessionField> = {
  ...sessionDetailsFieldOfPath,
  startsAt: 'date',
  endsAt: 'endTime',
};

type SessionCreateInput = MutationArgsInput<'session.create'>;
type SessionUpdateInput = MutationArgsInput<'session.update'>;

export type FormResult<A, F extends string> =
  { ok: true; args: A } | { ok: false; problems: FormProblems<F> };

/**
 * The whole form as `session.create` args, checked with the mutation's own
 * schema; problems are keyed by form field.
 */
export function sessionCreateFromForm(
  form: SessionForm,
  sessionId: string,
  timezone: string,
): FormResult<SessionCreateInput, SessionField> {
  const problems: FormProblems<SessionField> = {};
  if (!isClubDate(form.date)) problems.date = { code: 'date' };
  if (!isWallTime(form.startTime)) problems.startTime = { code: 'time' };
  if (!isWallTime(form.endTime)) problems.endTime = { code: 'time' };
  const details = sessionDetailsArgs(form, problems);

  let startsAt = '';
  let endsAt = '';
  if (!problems.date && !problems.startTime && !problems.endTime) {
    startsAt = zonedInstant(form.date, form.startTime, timezone);
    const endDate = endsNextDay(form.startTime, form.endTime)
      ? addDaysToDate(form.date, 1)
      : form.date;
    endsAt = zonedInstant(endDate, form.endTime, timezone);
  }
  const args: SessionCreateInput = { sessionId, ...details, startsAt, endsAt };
  const parsed = mutationArgs['session.create'].safeParse(args);
  if (!parsed.success) {
    addSchemaProblems(parsed.error.issues, sessionFieldOfPath, problems, (field, issue) => {
      // Times that could not be read are named already; the schema would only repeat it.
      if ((field === 'date' || field === 'endTime') && (!startsAt || !endsAt)) return 'skip';
      return field === 'endTime' && issue.code === 'custom'
        ? { code: 'endBeforeStart' }
        : undefined;
    });
  }
  if (Object.keys(problems).length > 0) return { ok: false, problems };
  return { ok: true, args };
}

/**
 * The edit as `session.update` args: only what changed against the form the
 * edit started from (times are sent when the date or a time was touched),
 * or `null` when nothing changed.
 */
export function sessionUpdateFromForm(
  session: Session,
  initial: SessionForm,
  form: SessionForm,
  timezone: string,
): FormResult<SessionUpdateInput | null, SessionField> {
  const full = sessionCreateFromForm(form, session.id, timezone);
  if (!full.ok) return full;
  const a = full.args;
  const args: SessionUpdateInput = { sessionId: session.id, ...changedSessionDetails(a, session) };
  if (
    form.date !== initial.date ||
    form.startTime !== initial.startTime ||
    form.endTime !== initial.endTime
  ) {
    if (toMs(a.startsAt) !== toMs(session.startsAt)) args.startsAt = a.startsAt;
    if (toMs(a.endsAt) !== toMs(session.endsAt)) args.endsAt = a.endsAt;
    // The rules check the end against the start: send both when either moves.
    if (args.startsAt !== undefined || args.endsAt !== undefined) {
      args.startsAt = a.startsAt;
      args.endsAt = a.endsAt;
    }
  }
  return { ok: true, args: Object.keys(args).length > 1 ? args : null };
}

/** A session in the organizer's lists. */
export interface ManagedSession {
  session: Session;
  /** Club-local start date. */
  date: ClubDate;
  occupancy: number;
  waitlisted: number;
  started: boolean;
  ended: boolean;
}

function managed(view: Replica, session: Session, timezone: string, now: number): ManagedSession {
  const counts = view.tables.sessionCounts.get(session.id);
  return {
    session,
    date: clubDate(session.startsAt, timezone),
    occupancy: counts?.occupancy ?? 0,
    waitlisted: counts?.waitlisted ?? 0,
    started: now >= toMs(session.startsAt),
    ended: now >= toMs(session.endsAt),
  };
}

/**
 * Sessions not over yet (soonest first) and those that ended in the last
 * `recentDays` days (latest first), cancelled ones included.
 */
export function sessionLists(
  view: Replica,
  timezone: string,
  now: TimeInput,
  options: { recentDays?: number } = {},
): { upcoming: ManagedSession[]; recent: ManagedSession[] } {
  const t = toMs(now);
  const since = t - (options.recentDays ?? 14) * 24 * 60 * 60_000;
  const upcoming: ManagedSession[] = [];
  const recent: ManagedSession[] = [];
  for (const s of view.tables.sessions.values()) {
    const ends = toMs(s.endsAt);
    if (ends > t) upcoming.push(managed(view, s, timezone, t));
    else if (ends >= since) recent.push(managed(view, s, timezone, t));
  }
  upcoming.sort((a, b) => toMs(a.session.startsAt) - toMs(b.session.startsAt));
  recent.sort((a, b) => toMs(b.session.startsAt) - toMs(a.session.startsAt));
  return { upcoming, recent };
}

/** What cancelling a session does to people, as the confirmation says it. */
export interface CancelImpact {
  /** Members holding a place (active sign-up or valid check-in). */
  holders: number;
  /** Members waiting on the waitlist (notified too, hold no place). */
  waiting: number;
  /** Credits that go back to passes. */
  credits: number;
}

/**
 * Mirrors the rulebook's cancellation (`cancelInto`): every charge of a
 * sign-up (late cancels too) and of a valid check-in goes back. A host's or
 * owner's device holds every sign-up and check-in of the club's sessions.
 */
export function cancelImpact(view: Replica, sessionId: string): CancelImpact {
  const signups = view.tables.signups.by('session', sessionId);
  const attendance = view.tables.attendance.by('session', sessionId);
  const holders = placeHolders(signups, attendance);
  const waiting = new Set(
    signups
      .filter((s) => s.status === 'waitlisted' && !holders.has(s.memberId))
      .map((s) => s.memberId),
  );
  let credits = 0;
  for (const s of signups) for (const c of s.charges) credits += c.credits;
  for (const a of attendance) if (!a.voided) for (const c of a.charges) credits += c.credits;
  const counted = view.tables.sessionCounts.get(sessionId);
  return {
    // The pulled counts cover a session whose records this device does not hold.
    holders: Math.max(holders.size, counted?.occupancy ?? 0),
    waiting: waiting.size,
    credits,
  };
}
