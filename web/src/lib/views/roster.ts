import {
  addClubDays,
  canBackfill,
  checkInWindow,
  clubDate,
  isStaff,
  occupancy,
  toMs,
  totalCredits,
  usableCredits,
  waitlistOrder,
  type Actor,
  type Attendance,
  type ClubSettings,
  type Session,
  type TimeInput,
} from '@turnout/shared';
import type { Replica } from '$lib/replica/replica';

/** The roster filters a host picks from. */
export const rosterFilters = ['all', 'signed_up', 'going', 'checked_in'] as const;
export type RosterFilter = (typeof rosterFilters)[number];

/** One member of the club and where they stand with one session. */
export interface RosterEntry {
  memberId: string;
  /** null when the member is not known on this device. */
  name: string | null;
  /** Removed from the club: listed only for the records they left on this session. */
  removed: boolean;
  /** `normalizeSearch(name)`, computed once per roster so typing filters instantly. */
  searchKey: string;
  signup: 'active' | 'waitlisted' | null;
  /** Place on the waitlist, 1 = next. */
  waitlistRank: number | null;
  going: boolean;
  /** The valid (non-voided) check-in. */
  checkIn: Attendance | null;
  /** The latest check-in, voided, when there is no valid one. */
  voided: Attendance | null;
  /**
   * Credits the member's passes can spend on this session (the shared
   * pass-choice rule); null when the club does not use credits.
   */
  usableCredits: number | null;
}

export interface RosterSummary {
  checkedIn: number;
  /** Credits recorded by the valid check-ins (participation). */
  credits: number;
  signedUp: number;
  waitlisted: number;
  going: number;
  /** Distinct members holding a place. */
  occupancy: number;
  /** null = unlimited. */
  capacity: number | null;
  /** Valid check-ins carrying a flag (over capacity, unpaid). */
  flagged: number;
}

export interface Roster {
  /** Every member of the club (and removed ones with records here), by name. */
  entries: RosterEntry[];
  summary: RosterSummary;
  /** How many entries each filter shows (before searching). */
  counts: Record<RosterFilter, number>;
}

/**
 * Lower-case, without accents and with single spaces, so "kovac" finds
 * "Kovač" and "JOSE" finds "José".
 */
export function normalizeSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/æ/g, 'ae')
    .replace(/đ/g, 'd')
    .replace(/ł/g, 'l')
    .replace(/\s+/g, ' ')
    .trim();
}

export function matchesFilter(entry: RosterEntry, filter: RosterFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'signed_up':
      return entry.signup !== null;
    case 'going':
      return entry.going;
    case 'checked_in':
      return entry.checkIn !== null;
  }
}

/** Someone with a record on this session: always listed, however long the list. */
export function isInvolved(entry: RosterEntry): boolean {
  return entry.signup !== null || entry.checkIn !== null;
}

/**
 * The roster of one session: built once per change of the club's data (a
 * few milliseconds for 2,000 members), then filtered on every keystroke by
 * `filterRoster`.
 */
export function buildRoster(
  view: Replica,
  session: Session,
  settings: ClubSettings,
  locale = 'en',
): Roster {
  const t = view.tables;
  const signups = t.signups.by('session', session.id);
  const attendance = t.attendance.by('session', session.id);
  const intents = t.intents.by('session', session.id);
  const sessionDate = clubDate(session.startsAt, settings.timezone);

  const activeSignup = new Set<string>();
  for (const s of signups) if (s.status === 'active') activeSignup.add(s.memberId);
  const rank = new Map<string, number>();
  waitlistOrder(signups).forEach((s, i) => {
    if (!rank.has(s.memberId)) rank.set(s.memberId, i + 1);
  });
  const checkedIn = new Map<string, Attendance>();
  const voided = new Map<string, Attendance>();
  for (const a of attendance) {
    if (!a.voided) checkedIn.set(a.memberId, a);
    else {
      const known = voided.get(a.memberId);
      if (!known || known.updatedAt < a.updatedAt) voided.set(a.memberId, a);
    }
  }
  const going = new Set<string>();
  for (const i of intents) if (i.going) going.add(i.memberId);

  const involved = new Set<string>([
    ...activeSignup,
    ...rank.keys(),
    ...checkedIn.keys(),
    ...voided.keys(),
    ...going,
  ]);
  const entryOf = (memberId: string, name: string | null, removed: boolean): RosterEntry => {
    const valid = checkedIn.get(memberId) ?? null;
    return {
      memberId,
      name,
      removed,
      searchKey: normalizeSearch(name ?? ''),
      signup: activeSignup.has(memberId) ? 'active' : rank.has(memberId) ? 'waitlisted' : null,
      waitlistRank: rank.get(memberId) ?? null,
      going: going.has(memberId),
      checkIn: valid,
      voided: valid ? null : (voided.get(memberId) ?? null),
      usableCredits:
        settings.creditPolicy === 'none'
          ? null
          : usableCredits(t.passes.by('member', memberId), session, sessionDate),
    };
  };

  const entries: RosterEntry[] = [];
  const listed = new Set<string>();
  for (const m of t.members.values()) {
    if (m.removed && !involved.has(m.memberId)) continue;
    entries.push(entryOf(m.memberId, m.name, m.removed));
    listed.add(m.memberId);
  }
  for (const memberId of involved) {
    if (!listed.has(memberId)) entries.push(entryOf(memberId, null, false));
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  entries.sort(
    (a, b) =>
      // Unknown names last.
      Number(a.name === null) - Number(b.name === null) ||
      collator.compare(a.name ?? '', b.name ?? '') ||
      (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
  );

  const counted = t.sessionCounts.get(session.id);
  let credits = 0;
  let flagged = 0;
  for (const a of checkedIn.values()) {
    credits += a.credits;
    if (a.flags.length > 0) flagged += 1;
  }
  const counts = { all: 0, signed_up: 0, going: 0, checked_in: 0 };
  for (const e of entries) for (const f of rosterFilters) if (matchesFilter(e, f)) counts[f] += 1;
  return {
    entries,
    counts,
    summary: {
      checkedIn: checkedIn.size,
      credits,
      signedUp: activeSignup.size,
      waitlisted: rank.size,
      going: going.size,
      occupancy: counted?.occupancy ?? occupancy(signups, attendance),
      capacity: session.capacity,
      flagged,
    },
  };
}

export interface RosterPage {
  /** What to render, in roster order. */
  shown: RosterEntry[];
  /** Entries matching the filter and search. */
  matching: number;
}

/**
 * The entries to show for a search and filter: every word of the query must
 * appear in the name (accents and case ignored). Long lists are cut to the
 * first `limit` matches, plus everyone signed up or checked in, so the
 * people a host needs are never hidden.
 */
export function filterRoster(
  roster: Roster,
  query: string,
  filter: RosterFilter,
  limit = 50,
): RosterPage {
  const words = normalizeSearch(query).split(' ').filter(Boolean);
  const shown: RosterEntry[] = [];
  let matching = 0;
  for (const entry of roster.entries) {
    if (!matchesFilter(entry, filter)) continue;
    if (!words.every((w) => entry.searchKey.includes(w))) continue;
    matching += 1;
    if (matching <= limit || isInvolved(entry)) shown.push(entry);
  }
  return { shown, matching };
}

/** Whether a host or owner can record or correct attendance for a session now. */
export type HostRecording =
  | { state: 'cancelled' }
  /** Before check-in opens: nobody can be checked in yet. */
  | { state: 'not_yet'; opensAt: number }
  /** From opening to the end of the grace period. */
  | { state: 'open'; closesAt: number }
  /** After the grace period, inside the backfill window. */
  | { state: 'backfill'; until: number }
  | { state: 'closed'; reason: 'outside_backfill_window' | 'not_permitted' };

/**
 * The time rules of check-in, void and adjust for staff (spec §4), to tell
 * the host ahead what is possible; the shared rules still judge each action.
 */
export function hostRecording(
  session: Session,
  settings: ClubSettings,
  actor: Actor,
  now: TimeInput,
): HostRecording {
  if (session.status === 'cancelled') return { state: 'cancelled' };
  const { opensAt, closesAt } = checkInWindow(session, settings);
  const t = toMs(now);
  if (t < opensAt) return { state: 'not_yet', opensAt };
  if (t <= closesAt) return { state: 'open', closesAt };
  const until = addClubDays(session.endsAt, settings.backfillWindowDays, settings.timezone);
  if (t > until) return { state: 'closed', reason: 'outside_backfill_window' };
  if (!isStaff(actor) || !canBackfill(actor, settings)) {
    return { state: 'closed', reason: 'not_permitted' };
  }
  return { state: 'backfill', until };
}

/** The credits a host's check-in starts with: the session's cost, within what the club allows. */
export function defaultCheckInCredits(session: Session, settings: ClubSettings): number {
  if (!settings.multiCreditEnabled) return session.creditCost;
  return Math.min(Math.max(1, session.creditCost), settings.maxCreditsPerCheckIn);
}

/**
 * What a member's own passes can spend on a session (the shared pass-choice
 * rule), or null when the club does not use credits. A member's device holds
 * their own passes, a host's device everyone's.
 */
export function memberCredits(
  view: Replica,
  session: Session,
  memberId: string,
  settings: ClubSettings,
): number | null {
  if (settings.creditPolicy === 'none') return null;
  const date = clubDate(session.startsAt, settings.timezone);
  return usableCredits(view.tables.passes.by('member', memberId), session, date);
}

/** Credits the member's current sign-up holds charged (kept on a late sign-out). */
export function signupCharges(view: Replica, sessionId: string, memberId: string): number {
  const signup = view.tables.signups
    .by('session', sessionId)
    .find((s) => s.memberId === memberId && s.status !== 'cancelled');
  return signup ? totalCredits(signup.charges) : 0;
}

/**
 * A moment near `now` as a host or member reads it: the time alone when it
 * is on the same club-local day ("9:30 AM"), else with the date.
 */
export function formatMoment(ms: number, now: TimeInput, locale: string, timeZone: string): string {
  const sameDay = clubDate(ms, timeZone) === clubDate(now, timeZone);
  return new Intl.DateTimeFormat(locale, {
    ...(sameDay ? {} : { dateStyle: 'medium' }),
    timeStyle: 'short',
    timeZone,
  }).format(ms);
}
