import type { ClubSettings } from '../settings.js';
import { addMinutes, toMs, type TimeInput } from '../time/index.js';
import type { Attendance, Session, Signup } from './types.js';

/** Members holding a place: an active sign-up or a valid (non-voided) check-in. Intents never count. */
export function placeHolders(
  signups: readonly Signup[],
  attendance: readonly Attendance[],
): Set<string> {
  const holders = new Set<string>();
  for (const s of signups) if (s.status === 'active') holders.add(s.memberId);
  for (const a of attendance) if (!a.voided) holders.add(a.memberId);
  return holders;
}

/** Occupancy = distinct members holding a place (signed up and checked in counts once). */
export function occupancy(signups: readonly Signup[], attendance: readonly Attendance[]): number {
  return placeHolders(signups, attendance).size;
}

/** `capacity − occupancy`, never below 0; null when unlimited. */
export function spotsLeft(session: Pick<Session, 'capacity'>, taken: number): number | null {
  return session.capacity === null ? null : Math.max(0, session.capacity - taken);
}

export function isFull(session: Pick<Session, 'capacity'>, taken: number): boolean {
  return session.capacity !== null && taken >= session.capacity;
}

/** Waiters in promotion order: position, then sign-up time, then id. */
export function waitlistOrder(signups: readonly Signup[]): Signup[] {
  return signups
    .filter((s) => s.status === 'waitlisted')
    .sort(
      (a, b) =>
        (a.position ?? Number.MAX_SAFE_INTEGER) - (b.position ?? Number.MAX_SAFE_INTEGER) ||
        Date.parse(a.createdAt) - Date.parse(b.createdAt) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/**
 * A waiter's place in line, 1 = promoted next; null when that sign-up is not
 * waiting. The order is `waitlistOrder`'s, so the number a member is told is
 * the order promotions follow.
 */
export function waitlistRank(signups: readonly Signup[], signupId: string): number | null {
  const index = waitlistOrder(signups).findIndex((s) => s.id === signupId);
  return index === -1 ? null : index + 1;
}

interface CheckInWindow {
  /** Epoch ms: self and host check-in open. */
  opensAt: number;
  /** Epoch ms: self check-in closes; after it a host records a backfill. */
  closesAt: number;
}

export function checkInWindow(
  session: Pick<Session, 'startsAt' | 'endsAt'>,
  settings: Pick<ClubSettings, 'checkInOpensMinutesBefore' | 'checkInGraceMinutes'>,
): CheckInWindow {
  return {
    opensAt: addMinutes(session.startsAt, -settings.checkInOpensMinutesBefore),
    closesAt: addMinutes(session.endsAt, settings.checkInGraceMinutes),
  };
}

/** Whether self check-in is open at `now` (both ends inclusive). */
export function isCheckInOpen(
  session: Pick<Session, 'startsAt' | 'endsAt'>,
  settings: Pick<ClubSettings, 'checkInOpensMinutesBefore' | 'checkInGraceMinutes'>,
  now: TimeInput,
): boolean {
  const { opensAt, closesAt } = checkInWindow(session, settings);
  const t = toMs(now);
  return t >= opensAt && t <= closesAt;
}

export function hasStarted(session: Pick<Session, 'startsAt'>, now: TimeInput): boolean {
  return toMs(now) >= toMs(session.startsAt);
}
