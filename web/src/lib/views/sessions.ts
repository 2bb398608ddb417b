import {
  clubDate,
  hasStarted,
  isCheckInOpen,
  spotsLeft,
  toMs,
  type ClubSettings,
  type Session,
  type TimeInput,
} from '@turnout/shared';
import type { Replica } from '@turnout/shared';
import { waitlistPosition } from './waitlist';

/** Where a member stands with a session. */
export type MyStatus = 'checked_in' | 'signed_up' | 'waitlisted' | null;

/** One session as the screens show it. */
export interface SessionCard {
  session: Session;
  /** Club-local date, 'YYYY-MM-DD'. */
  date: string;
  occupancy: number;
  /** null = unlimited. */
  spotsLeft: number | null;
  going: number;
  waitlisted: number;
  /** Whether I marked "going". */
  iAmGoing: boolean;
  myStatus: MyStatus;
  /** My place on the waitlist (1 = next), when this device can tell. */
  waitlistRank: number | null;
  checkInOpen: boolean;
  started: boolean;
  /** Over, including the check-in grace period. */
  closed: boolean;
  cancelled: boolean;
}

export function sessionCard(
  view: Replica,
  session: Session,
  memberId: string,
  settings: ClubSettings,
  now: TimeInput,
): SessionCard {
  const t = view.tables;
  const counts = t.sessionCounts.get(session.id);
  const occupancy = counts?.occupancy ?? 0;
  const mine = t.signups
    .by('session', session.id)
    .filter((s) => s.memberId === memberId && s.status !== 'cancelled');
  const checkedIn = t.attendance
    .by('session', session.id)
    .some((a) => a.memberId === memberId && !a.voided);
  const signup = mine[0] ?? null;
  const waitlistRank =
    signup?.status === 'waitlisted' ? waitlistPosition(view, session.id, memberId) : null;
  const graceEnd = toMs(session.endsAt) + settings.checkInGraceMinutes * 60_000;
  return {
    session,
    date: clubDate(session.startsAt, settings.timezone),
    occupancy,
    spotsLeft: spotsLeft(session, occupancy),
    going: counts?.going ?? 0,
    waitlisted: counts?.waitlisted ?? 0,
    iAmGoing: t.intents.get(`${session.id}:${memberId}`)?.going ?? false,
    myStatus: checkedIn
      ? 'checked_in'
      : signup?.status === 'active'
        ? 'signed_up'
        : signup?.status === 'waitlisted'
          ? 'waitlisted'
          : null,
    waitlistRank,
    checkInOpen: session.status === 'scheduled' && isCheckInOpen(session, settings, now),
    started: hasStarted(session, now),
    closed: toMs(now) > graceEnd,
    cancelled: session.status === 'cancelled',
  };
}
