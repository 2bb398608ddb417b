import {
  clubDate,
  occupancy,
  recordingWindow,
  totalCredits,
  usableCredits,
  waitlistOrder,
  type Actor,
  type Attendance,
  type ClubSettings,
  type PulledMember,
  type RecordingWindow,
  type Session,
  type TimeInput,
} from '@turnout/shared';
import type { Replica } from '@turnout/shared';
import { formatMoment as formatMomentIn } from '$lib/format';

/** The roster filters a host picks from. */
export const rosterFilters = ['all', 'signed_up', 'going', 'checked_in'] as const;
export type RosterFilter = (typeof rosterFilters)[number];

/** Someone the roster lists: the part that does not depend on the session. */
interface RosterPerson {
  memberId: string;
  /** null when the member is not known on this device. */
  name: string | null;
  /** Removed from the club: listed only for the records they left on this session. */
  removed: boolean;
  /** A walk-in without an account (yet): shown as a guest on the roster. */
  guest: boolean;
  /** A dependant's guardian ("Lena (Mia's child)"), when this device knows them. */
  guardian?: { name: string; child: boolean } | null;
  /** `normalizeSearch(name)`, computed once per member so typing filters instantly. */
  searchKey: string;
}

/** One member of the club and where they stand with one session. */
export interface RosterEntry extends RosterPerson {
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

interface RosterSummary {
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

/**
 * The club's members sorted by name with their search keys, kept between
 * builds: a check-in rebuilds the roster, but the members are the same row
 * objects until a pull changes one, and sorting and normalizing 2,000 names
 * was most of the time a tap took to show.
 */
let directory: { locale: string; rows: PulledMember[]; people: RosterPerson[] } | null = null;

function memberDirectory(view: Replica, locale: string): RosterPerson[] {
  const rows = [...view.tables.members.values()];
  const known = directory;
  if (
    known &&
    known.locale === locale &&
    known.rows.length === rows.length &&
    rows.every((row, i) => row === known.rows[i])
  ) {
    return known.people;
  }
  const collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
  const names = new Map(rows.map((m) => [m.memberId, m.name]));
  const people = rows
    .map((m) => {
      const guardianName = m.guardianId ? names.get(m.guardianId) : undefined;
      const guardian = guardianName ? { name: guardianName, child: m.child === true } : null;
      return listedMember(m.memberId, m.name, m.removed, m.guest === true, guardian);
    })
    .sort(
      (a, b) =>
        // Unknown names last.
        Number(a.name === null) - Number(b.name === null) ||
        collator.compare(a.name ?? '', b.name ?? '') ||
        (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0),
    );
  directory = { locale, rows, people };
  return people;
}

/**
 * A member as listed. The search key is worked out on first use: a roster
 * opened to tap people in needs none until someone types.
 */
function listedMember(
  memberId: string,
  name: string | null,
  removed: boolean,
  guest: boolean,
  guardian: RosterPerson['guardian'] = null,
): RosterPerson {
  let key: string | undefined;
  // A child is found by their guardian's name too ("Mia" finds Lena at the door).
  const searched = guardian ? `${name ?? ''} ${guardian.name}` : (name ?? '');
  return {
    memberId,
    name,
    removed,
    guest,
    guardian,
    get searchKey() {
      key ??= searchKeys.get(searched) ?? normalizeSearch(searched);
      searchKeys.set(searched, key);
      return key;
    },
  };
}

/** Search keys by name, kept while the app runs (names rarely change). */
const searchKeys = new Map<string, string>();

/** The roster last built, whose unchanged entries the next build hands out again. */
let lastRoster: Roster | null = null;

/**
 * The roster of one session. Built on every change of the club's data (a
 * tap), so it only gathers the session's records; a person's entry is made
 * when a search shows them, and an entry that did not change is the same
 * object as in the previous roster, so its row is not drawn again.
 */
export class Roster {
  /** Everyone listed, by name: the club's members (removed ones only with records here), then unknown people with records. */
  readonly people: readonly RosterPerson[];
  readonly summary: RosterSummary;
  /** How many people each filter shows (before searching). */
  readonly counts: Record<RosterFilter, number>;
  readonly #view: Replica;
  readonly #session: Session;
  readonly #settings: ClubSettings;
  readonly #sessionDate: string;
  readonly #activeSignup = new Set<string>();
  readonly #rank = new Map<string, number>();
  readonly #checkedIn = new Map<string, Attendance>();
  readonly #voided = new Map<string, Attendance>();
  readonly #going = new Set<string>();
  readonly #involved: Set<string>;
  readonly #entries = new Map<string, RosterEntry>();
  #previous: Roster | null;

  constructor(
    view: Replica,
    session: Session,
    settings: ClubSettings,
    locale: string,
    previous: Roster | null,
  ) {
    this.#view = view;
    this.#session = session;
    this.#settings = settings;
    this.#sessionDate = clubDate(session.startsAt, settings.timezone);
    this.#previous = previous && previous.#session.id === session.id ? previous : null;
    // Only the last roster is looked back to; older ones can go.
    if (previous) previous.#previous = null;
    const t = view.tables;
    const signups = t.signups.by('session', session.id);
    const attendance = t.attendance.by('session', session.id);
    for (const s of signups) if (s.status === 'active') this.#activeSignup.add(s.memberId);
    waitlistOrder(signups).forEach((s, i) => {
      if (!this.#rank.has(s.memberId)) this.#rank.set(s.memberId, i + 1);
    });
    for (const a of attendance) {
      if (!a.voided) this.#checkedIn.set(a.memberId, a);
      else {
        const known = this.#voided.get(a.memberId);
        if (!known || known.updatedAt < a.updatedAt) this.#voided.set(a.memberId, a);
      }
    }
    for (const i of t.intents.by('session', session.id)) if (i.going) this.#going.add(i.memberId);
    this.#involved = new Set([
      ...this.#activeSignup,
      ...this.#rank.keys(),
      ...this.#checkedIn.keys(),
      ...this.#voided.keys(),
      ...this.#going,
    ]);

    const members = memberDirectory(view, locale);
    const listed =
      this.#involved.size === 0 && !members.some((m) => m.removed)
        ? members
        : members.filter((m) => !m.removed || this.#involved.has(m.memberId));
    const known = new Set(listed.map((m) => m.memberId));
    // Records of people this device does not know, last.
    const unknown = [...this.#involved]
      .filter((id) => !known.has(id))
      .sort()
      .map((memberId) => ({ memberId, name: null, removed: false, guest: false, searchKey: '' }));
    this.people = unknown.length === 0 ? listed : [...listed, ...unknown];

    let credits = 0;
    let flagged = 0;
    for (const a of this.#checkedIn.values()) {
      credits += a.credits;
      if (a.flags.length > 0) flagged += 1;
    }
    const signedUp = new Set([...this.#activeSignup, ...this.#rank.keys()]);
    this.counts = {
      all: this.people.length,
      signed_up: signedUp.size,
      going: this.#going.size,
      checked_in: this.#checkedIn.size,
    };
    this.summary = {
      checkedIn: this.#checkedIn.size,
      credits,
      signedUp: this.#activeSignup.size,
      waitlisted: this.#rank.size,
      going: this.#going.size,
      occupancy: t.sessionCounts.get(session.id)?.occupancy ?? occupancy(signups, attendance),
      capacity: session.capacity,
      flagged,
    };
  }

  /** Whether a filter shows this person. */
  matches(memberId: string, filter: RosterFilter): boolean {
    switch (filter) {
      case 'all':
        return true;
      case 'signed_up':
        return this.#activeSignup.has(memberId) || this.#rank.has(memberId);
      case 'going':
        return this.#going.has(memberId);
      case 'checked_in':
        return this.#checkedIn.has(memberId);
    }
  }

  /** Someone signed up or checked in here: always shown, however long the list. */
  isInvolved(memberId: string): boolean {
    return (
      this.#activeSignup.has(memberId) || this.#rank.has(memberId) || this.#checkedIn.has(memberId)
    );
  }

  /** Where a listed person stands with the session. */
  entry(person: RosterPerson): RosterEntry {
    const made = this.#entries.get(person.memberId);
    if (made) return made;
    const id = person.memberId;
    const checkIn = this.#checkedIn.get(id) ?? null;
    const fresh: RosterEntry = {
      ...person,
      signup: this.#activeSignup.has(id) ? 'active' : this.#rank.has(id) ? 'waitlisted' : null,
      waitlistRank: this.#rank.get(id) ?? null,
      going: this.#going.has(id),
      checkIn,
      voided: checkIn ? null : (this.#voided.get(id) ?? null),
      usableCredits:
        this.#settings.creditPolicy === 'none'
          ? null
          : usableCredits(
              this.#view.tables.passes.by('member', id),
              this.#session,
              this.#sessionDate,
            ),
    };
    const previous = this.#previous;
    const before = previous ? previous.#entries.get(id) : undefined;
    const entry = before && sameEntry(before, fresh) ? before : fresh;
    this.#entries.set(id, entry);
    return entry;
  }

  /** Every listed person's entry, in roster order. */
  get entries(): RosterEntry[] {
    return this.people.map((p) => this.entry(p));
  }
}

function sameEntry(a: RosterEntry, b: RosterEntry): boolean {
  return (
    a.name === b.name &&
    a.removed === b.removed &&
    a.guest === b.guest &&
    a.searchKey === b.searchKey &&
    a.signup === b.signup &&
    a.waitlistRank === b.waitlistRank &&
    a.going === b.going &&
    a.checkIn === b.checkIn &&
    a.voided === b.voided &&
    a.usableCredits === b.usableCredits
  );
}

/** The roster of one session, built on every change of the club's data; see `Roster`. */
export function buildRoster(
  view: Replica,
  session: Session,
  settings: ClubSettings,
  locale = 'en',
): Roster {
  lastRoster = new Roster(view, session, settings, locale, lastRoster);
  return lastRoster;
}

interface RosterPage {
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
  for (const person of roster.people) {
    if (!roster.matches(person.memberId, filter)) continue;
    if (!words.every((w) => person.searchKey.includes(w))) continue;
    matching += 1;
    if (matching <= limit || roster.isInvolved(person.memberId)) {
      shown.push(roster.entry(person));
    }
  }
  return { shown, matching };
}

/** Whether a host or owner can record or correct attendance for a session now. */
export type HostRecording = { state: 'cancelled' } | RecordingWindow;

/**
 * The time rules of check-in, void and adjust (the shared `recordingWindow`),
 * to tell the host ahead what is possible; the shared rules still judge each
 * action.
 */
export function hostRecording(
  session: Session,
  settings: ClubSettings,
  actor: Actor,
  now: TimeInput,
): HostRecording {
  if (session.status === 'cancelled') return { state: 'cancelled' };
  return recordingWindow(session, settings, actor, now);
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
  return formatMomentIn(ms, now, locale, timeZone);
}
