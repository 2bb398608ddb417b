import {
  errorMessages,
  toMs,
  type ErrorCode,
  type Explanation,
  type Flag,
  type TimeInput,
} from '@turnout/shared';
import type { AttentionEntry } from '$lib/db/database';
import type { Locale, Translate } from '$lib/i18n';
import { refusalWords } from '$lib/i18n/refusals';
import { flagText } from './attention';
import { formatMoment, type Roster, type RosterEntry } from './roster';

/**
 * What the server refused or flagged, told where it happened (spec §7;
 * docs/decisions.md, "Conflicts told where they happen"): each of this
 * device's needs-attention entries about a session is shown on the row of
 * the member it concerns (a host's roster) or on the member's own card,
 * until the person acknowledges it (which dismisses the entry everywhere).
 */

/** The kinds of change a note can be about, as the screens word them. */
export type NoteAction =
  'checkin' | 'signup' | 'signout' | 'void' | 'adjust' | 'settle' | 'going' | 'other';

const actionOf: Record<string, NoteAction> = {
  'checkin.create': 'checkin',
  'checkin.reinstate': 'checkin',
  'checkin.byCode': 'checkin',
  'guest.checkIn': 'checkin',
  'signup.create': 'signup',
  'signup.cancel': 'signout',
  'checkin.void': 'void',
  'checkin.adjust': 'adjust',
  'checkin.settle': 'settle',
  'intent.set': 'going',
};

export interface ConflictNote {
  /** The needs-attention entry (the mutation's id): acknowledging dismisses it. */
  id: string;
  action: NoteAction;
  /** Whom it concerns; null when the change names nobody this device can tell (e.g. a scanned code). */
  memberId: string | null;
  refused: boolean;
  code: ErrorCode | null;
  flags: Flag[];
  explanation: Explanation | null;
  /** The server's English explanation beyond the code's message, for entries without `explanation`. */
  detail: string | null;
  occurredAt: string;
}

/** A session's notes: by the member they concern (null: the session itself), newest first. */
export interface SessionNotes {
  byMember: Map<string, ConflictNote[]>;
  session: ConflictNote[];
  count: number;
}

type Args = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

function detailOf(code: ErrorCode | null, message: string | null): string | null {
  const said = message?.trim();
  if (!said) return null;
  const base = code ? errorMessages[code] : '';
  if (said === base) return null;
  return said.startsWith(base) ? said.slice(base.length).trim() || null : said;
}

/** A needs-attention entry as a note; a change naming no member was `me`'s own. */
export function noteOf(entry: AttentionEntry, me: string): ConflictNote {
  const args: Args =
    typeof entry.args === 'object' && entry.args !== null ? (entry.args as Args) : {};
  const action = actionOf[entry.name] ?? 'other';
  // A check-in by code names its member only inside the code: the session is all we know.
  // A walk-in's row is the guest's (their id is made on the device that recorded them).
  const named = text(args.memberId) ?? text(args.guestId);
  const memberId = named ?? (entry.name === 'checkin.byCode' ? null : me);
  const refused = entry.status === 'rejected';
  return {
    id: entry.id,
    action,
    memberId,
    refused,
    code: entry.code,
    flags: entry.flags,
    explanation: entry.explanation ?? null,
    detail: refused ? detailOf(entry.code, entry.message) : null,
    occurredAt: entry.occurredAt,
  };
}

/**
 * The notes about one session from this device's open needs-attention
 * entries; a change without a member (`memberId` absent) was `me`'s own.
 */
export function sessionNotes(
  entries: readonly AttentionEntry[],
  sessionId: string,
  me: string,
): SessionNotes {
  const byMember = new Map<string, ConflictNote[]>();
  const session: ConflictNote[] = [];
  const about = entries
    .filter((e) => e.dismissed === 0)
    .filter((e) => {
      const args = e.args as Args | null;
      return typeof args === 'object' && args !== null && args.sessionId === sessionId;
    })
    .sort((a, b) => toMs(b.answeredAt) - toMs(a.answeredAt) || (a.id < b.id ? 1 : -1));
  for (const entry of about) {
    const note = noteOf(entry, me);
    if (note.memberId === null) session.push(note);
    else byMember.set(note.memberId, [...(byMember.get(note.memberId) ?? []), note]);
  }
  return { byMember, session, count: about.length };
}

/** The person's own notes about a session (their card on the session page). */
export function myNotes(notes: SessionNotes, me: string): ConflictNote[] {
  return notes.byMember.get(me) ?? [];
}

/** Where and how times read: the club's zone, the UI language, today's times without a date. */
export interface NoteContext {
  t: Translate;
  locale: Locale;
  timeZone: string;
  now: TimeInput;
  /** The club's setting, for the late sign-out note. */
  lateCancelMinutes: number;
}

/** Why it was refused or flagged, as a clause ("the last spot went to Noah, checked in at 17:52 on …"). */
export function noteReason(note: ConflictNote, c: NoteContext): string {
  if (!note.refused) return note.flags.map((f) => flagText(f, c.t, c.lateCancelMinutes)).join(' ');
  const e = note.explanation;
  if (e?.kind === 'place_taken' || e?.kind === 'credit_used') {
    const when = {
      record: e.record,
      time: formatMoment(toMs(e.at), c.now, c.locale, c.timeZone),
      hasDevice: e.device ? 'yes' : 'no',
      device: e.device ?? '',
    };
    if (e.kind === 'credit_used') {
      return c.t('conflicts.creditUsed', { ...when, session: e.sessionTitle });
    }
    return e.memberName
      ? c.t('conflicts.placeTakenNamed', { ...when, name: e.memberName })
      : c.t('conflicts.placeTaken', when);
  }
  // Other refusals: the code's message and what explains it, worded here; the
  // rules' English only for a code this version does not know.
  return refusalWords({ code: note.code, message: note.detail, explanation: e }, c);
}

/**
 * The whole sentence: "Check-in refused: the last spot went to …". `mine`
 * words it for the person's own change ("Your check-in was refused: …").
 */
export function noteText(note: ConflictNote, c: NoteContext, mine = false): string {
  const heading = note.refused
    ? c.t(mine ? 'conflicts.refusedMine' : 'conflicts.refused', { action: note.action })
    : c.t('conflicts.flagged');
  return c.t('conflicts.line', { heading, reason: noteReason(note, c) });
}

/**
 * A refused check-in whose member is checked in now after all (checked in
 * again, or reinstated by the owner): the row says so, so the refusal and
 * the check mark never stand side by side unexplained.
 */
export function settledSince(note: ConflictNote, checkedIn: boolean): boolean {
  return note.refused && note.action === 'checkin' && checkedIn;
}

/**
 * The server's refusal of a change this screen announced as done, if it has
 * come: the success message must then go (a stale "checked in" never stays).
 */
export function refusalOf(
  entries: readonly AttentionEntry[],
  mutationId: string | null,
): AttentionEntry | undefined {
  if (!mutationId) return undefined;
  return entries.find((e) => e.id === mutationId && e.status === 'rejected');
}

/**
 * The roster entries of the members with notes, in roster order: shown
 * first, whatever the search, so a refusal is never hidden in a long list.
 */
export function notedEntries(roster: Roster, notes: SessionNotes): RosterEntry[] {
  if (notes.byMember.size === 0) return [];
  return roster.people.filter((p) => notes.byMember.has(p.memberId)).map((p) => roster.entry(p));
}
