import {
  clubDate,
  recordingWindow,
  type Actor,
  type ClubSettings,
  type PulledMember,
  type Replica,
  type Session,
  toMs,
  type TimeInput,
} from '@turnout/shared';
import { normalizeSearch } from './roster';

/**
 * What the door kiosk shows (spec §9.2, docs/device.md "Kiosk mode"):
 * today's sessions, and people finding themselves by the first letters of
 * their name. A kiosk is seen by everyone in the queue, so it names people
 * by first name and last initial only and shows nothing of anyone's passes.
 */

/** One person the kiosk can find. */
export interface KioskPerson {
  memberId: string;
  /** "Mia M." — more letters of the last name only when two people would read alike. */
  label: string;
  /** The normalized words of the name, searched by prefix. */
  words: string[];
  /** The whole normalized name, for a query typed with its space ("mia mu"). */
  full: string;
}

/** The people the kiosk searches, built once per change of the member list. */
export interface KioskIndex {
  people: KioskPerson[];
}

/**
 * Members who check themselves in at the door: not removed, not walk-ins
 * (a guest has no pass; the host records their visit), sorted by label.
 */
export function buildKioskIndex(members: Iterable<PulledMember>): KioskIndex {
  const people: { memberId: string; first: string; last: string; words: string[]; full: string }[] =
    [];
  for (const m of members) {
    if (m.removed || m.guest) continue;
    const parts = m.name.trim().split(/\s+/).filter(Boolean);
    if (parts.length === 0) continue;
    const full = normalizeSearch(m.name);
    people.push({
      memberId: m.memberId,
      first: parts[0]!,
      last: parts.length > 1 ? parts[parts.length - 1]! : '',
      words: full.split(' '),
      full,
    });
  }
  const labels = shortLabels(people);
  return {
    people: people
      .map((p, i) => ({ memberId: p.memberId, label: labels[i]!, words: p.words, full: p.full }))
      .sort((a, b) => a.label.localeCompare(b.label) || a.memberId.localeCompare(b.memberId)),
  };
}

/**
 * "First L." for each person; where two would read the same (accents aside), as many
 * letters of the last name as tell them apart (the whole last name at most).
 */
function shortLabels(people: readonly { first: string; last: string }[]): string[] {
  const label = (p: { first: string; last: string }, n: number) =>
    p.last === ''
      ? p.first
      : n >= [...p.last].length
        ? `${p.first} ${p.last}`
        : `${p.first} ${[...p.last].slice(0, n).join('')}.`;
  const letters = people.map(() => 1);
  for (let round = 0; round < 40; round++) {
    const seen = new Map<string, number[]>();
    people.forEach((p, i) => {
      const key = normalizeSearch(label(p, letters[i]!));
      seen.set(key, [...(seen.get(key) ?? []), i]);
    });
    let grew = false;
    for (const same of seen.values()) {
      if (same.length < 2) continue;
      for (const i of same) {
        if (letters[i]! < [...people[i]!.last].length) {
          letters[i]! += 1;
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  return people.map((p, i) => label(p, letters[i]!));
}

/** The kiosk shows at most this many matches: a longer list means "type more letters". */
export const KIOSK_MATCHES = 8;

export interface KioskMatches {
  people: KioskPerson[];
  /** More people match than are shown. */
  more: boolean;
}

/**
 * People whose name has a word starting with each word typed ("mi mu" finds
 * Mia Müller), case- and accent-insensitively. At least two letters: one
 * letter would list half the club to the whole queue.
 */
export function searchKiosk(index: KioskIndex, query: string, limit = KIOSK_MATCHES): KioskMatches {
  const q = normalizeSearch(query);
  if (q.replace(/ /g, '').length < 2) return { people: [], more: false };
  const typed = q.split(' ');
  const found: KioskPerson[] = [];
  for (const person of index.people) {
    if (!matches(person, q, typed)) continue;
    if (found.length === limit) return { people: found, more: true };
    found.push(person);
  }
  return { people: found, more: false };
}

function matches(person: KioskPerson, q: string, typed: readonly string[]): boolean {
  if (person.full.startsWith(q)) return true;
  return typed.every((t) => person.words.some((w) => w.startsWith(t)));
}

/** A session of today on the kiosk, and whether the door is open for it now. */
export interface KioskSession {
  session: Session;
  /** Check-in can be recorded now (from opening to the end of the grace period). */
  open: boolean;
}

/**
 * Today's sessions (club time), not cancelled, in start order, with the
 * check-in window of each for the kiosk's host seat; and any session whose
 * door is still open, so one that started before midnight stays at the
 * door until its check-in closes.
 */
export function kioskSessions(
  replica: Replica,
  settings: ClubSettings,
  host: Actor,
  now: TimeInput,
): KioskSession[] {
  const today = clubDate(now, settings.timezone);
  const sessions: KioskSession[] = [];
  for (const session of replica.tables.sessions.values()) {
    if (session.status !== 'scheduled') continue;
    const open = recordingWindow(session, settings, host, now).state === 'open';
    if (!open && clubDate(session.startsAt, settings.timezone) !== today) continue;
    sessions.push({ session, open });
  }
  return sessions.sort(
    (a, b) =>
      a.session.startsAt.localeCompare(b.session.startsAt) ||
      a.session.id.localeCompare(b.session.id),
  );
}

/** The session the kiosk starts on: the first open for check-in, else the next to open, else the last. */
export function defaultKioskSession(
  sessions: readonly KioskSession[],
  now: TimeInput,
): string | null {
  const open = sessions.find((s) => s.open);
  if (open) return open.session.id;
  const t = toMs(now);
  const next = sessions.find((s) => Date.parse(s.session.startsAt) > t);
  return (next ?? sessions[sessions.length - 1])?.session.id ?? null;
}

/** Whether a member holds a valid check-in for the session (the kiosk says "already in"). */
export function checkedIn(replica: Replica, sessionId: string, memberId: string): boolean {
  return replica.tables.attendance
    .by('session', sessionId)
    .some((a) => a.memberId === memberId && !a.voided);
}
