import type { Attendance, Intent, Series, Session, Signup } from '../rules/types.js';
import { addMinutes, clubDate, toIso, toMs, type TimeInput } from '../time/index.js';
import { MEMBER, uuid } from './ids.js';

/** The default session: Tue 2025-03-11 18:00–19:00 in Berlin (17:00Z–18:00Z). */
export const START = '2025-03-11T17:00:00.000Z';
export const END = '2025-03-11T18:00:00.000Z';

/** A session's times: starting at `start`, lasting `minutes`. */
export function startingAt(start: TimeInput, minutes = 60): Pick<Session, 'startsAt' | 'endsAt'> {
  return { startsAt: toIso(start), endsAt: toIso(addMinutes(start, minutes)) };
}

/**
 * The start of a session whose check-in is open at `now` on the club's
 * today: 10 minutes ago, or in 10 minutes (check-in opens 30 before by
 * default) when 10 minutes ago was yesterday in `timezone`. Why: a time pass
 * covers only days from the one it was granted on, so a test run just after
 * midnight must not put "the session now" on the day before.
 */
export function openSessionStart(now: TimeInput, timezone: string): number {
  const t = toMs(now);
  const earlier = t - 10 * 60_000;
  return clubDate(earlier, timezone) === clubDate(t, timezone) ? earlier : t + 10 * 60_000;
}

/** 'Tuesday Yoga' at START–END, no capacity limit, one credit. */
export function aSession(over: Partial<Session> = {}): Session {
  return {
    id: uuid(),
    title: 'Tuesday Yoga',
    description: null,
    trainingTypeId: null,
    startsAt: START,
    endsAt: END,
    location: null,
    capacity: null,
    creditCost: 1,
    status: 'scheduled',
    cancelReason: null,
    seriesId: null,
    ...over,
  };
}

/** Tuesdays at 18:00 for an hour, four weeks from the default session's day. */
export function aSeries(over: Partial<Series> = {}): Series {
  return {
    id: uuid(),
    weekdays: [2],
    startTime: '18:00',
    durationMinutes: 60,
    fromDate: '2025-03-11',
    untilDate: '2025-04-01',
    title: 'Tuesday Yoga',
    description: null,
    trainingTypeId: null,
    location: null,
    capacity: null,
    creditCost: 1,
    ...over,
  };
}

/** MEMBER's active sign-up, made by themself the day before the default session. */
export function aSignup(over: Partial<Signup> = {}): Signup {
  const memberId = over.memberId ?? MEMBER;
  return {
    id: uuid(),
    sessionId: uuid(),
    memberId,
    status: 'active',
    position: null,
    charges: [],
    lateCancel: false,
    createdAt: '2025-03-10T09:00:00.000Z',
    updatedAt: '2025-03-10T09:00:00.000Z',
    byMemberId: memberId,
    deviceLabel: null,
    ...over,
  };
}

/** MEMBER checked themself in for one credit, ten minutes before the default session. */
export function anAttendance(over: Partial<Attendance> = {}): Attendance {
  const memberId = over.memberId ?? MEMBER;
  return {
    id: uuid(),
    sessionId: uuid(),
    memberId,
    credits: 1,
    charges: [],
    signupCredits: 0,
    unpaidCredits: 0,
    flags: [],
    backfilled: false,
    voided: false,
    voidReason: null,
    voidedAt: null,
    voidedBy: null,
    checkedInAt: '2025-03-11T16:50:00.000Z',
    updatedAt: '2025-03-11T16:50:00.000Z',
    byMemberId: memberId,
    deviceLabel: null,
    ...over,
  };
}

/** MEMBER is going, said the day before the default session. */
export function anIntent(over: Partial<Intent> = {}): Intent {
  return {
    sessionId: uuid(),
    memberId: MEMBER,
    going: true,
    updatedAt: '2025-03-10T09:00:00.000Z',
    ...over,
  };
}
