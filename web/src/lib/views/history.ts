import {
  clubDate,
  toMs,
  totalCredits,
  type Attendance,
  type AttendanceHistoryItem,
  type ClubDate,
  type ClubSettings,
  type Session,
  type Signup,
  type TimeInput,
} from '@turnout/shared';
import type { Replica } from '@turnout/shared';

/**
 * - `attended`: a valid check-in.
 * - `voided`: a check-in that was voided (credits returned), with its reason.
 * - `no_show`: signed up, not checked in, and the session is over (check-in
 *   grace included: until then the member can still check in themselves).
 * - `late_cancel`: signed out inside the club's late-cancel time; the credit stayed charged.
 */
type HistoryKind = 'attended' | 'voided' | 'no_show' | 'late_cancel';

export interface HistoryLine {
  kind: HistoryKind;
  sessionId: string;
  /** null when the session is no longer on this device. */
  session: Session | null;
  /** When it was: the session's start, else the record's own time. */
  at: string;
  /** Club-local date of `at`. */
  date: ClubDate;
  attendance: Attendance | null;
  signup: Signup | null;
  /** Credits recorded for a check-in (participation), or kept by a late sign-out. */
  credits: number;
  /** Credits of a check-in still owed (recorded without usable credits). */
  unpaid: number;
}

interface HistorySummary {
  attended: number;
  /** Credits of valid check-ins. */
  credits: number;
  noShows: number;
}

/** What decides a line besides its records: the club's zone, check-in grace, and now. */
interface LineContext {
  timezone: string;
  checkInGraceMinutes: number;
  nowMs: number;
}

function lineOf(
  kind: HistoryKind,
  sessionId: string,
  session: Session | null,
  recordAt: string,
  record: { attendance?: Attendance; signup?: Signup },
  c: LineContext,
): HistoryLine {
  const at = session?.startsAt ?? recordAt;
  const attendance = record.attendance ?? null;
  return {
    kind,
    sessionId,
    session,
    at,
    date: clubDate(at, c.timezone),
    attendance,
    signup: record.signup ?? null,
    credits: attendance
      ? attendance.credits
      : record.signup
        ? totalCredits(record.signup.charges)
        : 0,
    unpaid: attendance && !attendance.voided ? attendance.unpaidCredits : 0,
  };
}

/** A sign-up's line, if it makes one: a late sign-out that kept its credit, or a no-show. */
function signupLine(s: Signup, session: Session | null, c: LineContext): HistoryLine | null {
  if (s.status === 'cancelled') {
    // Only while the credit is still kept (cancelling the session returns it).
    return s.lateCancel && totalCredits(s.charges) > 0
      ? lineOf('late_cancel', s.sessionId, session, s.updatedAt, { signup: s }, c)
      : null;
  }
  if (s.status !== 'active' || !session || session.status === 'cancelled') return null;
  const closesAt = toMs(session.endsAt) + c.checkInGraceMinutes * 60_000;
  return c.nowMs > closesAt
    ? lineOf('no_show', s.sessionId, session, session.startsAt, { signup: s }, c)
    : null;
}

const newestFirst = (a: HistoryLine, b: HistoryLine) =>
  toMs(b.at) - toMs(a.at) || (a.sessionId < b.sessionId ? 1 : -1);

export function summarize(lines: readonly HistoryLine[]): HistorySummary {
  const summary: HistorySummary = { attended: 0, credits: 0, noShows: 0 };
  for (const l of lines) {
    if (l.kind === 'attended') {
      summary.attended += 1;
      summary.credits += l.credits;
    } else if (l.kind === 'no_show') {
      summary.noShows += 1;
    }
  }
  return summary;
}

/** The member's past check-ins, no-shows and late sign-outs this device knows, newest first. */
export function myHistory(
  view: Replica,
  memberId: string,
  now: TimeInput,
): { lines: HistoryLine[]; summary: HistorySummary } {
  const club = view.club;
  if (!club) return { lines: [], summary: { attended: 0, credits: 0, noShows: 0 } };
  const c: LineContext = { ...club.settings, nowMs: toMs(now) };
  const t = view.tables;
  const sessionOf = (id: string) => t.sessions.get(id) ?? null;
  const lines: HistoryLine[] = [];
  const checkedIn = new Set<string>();
  for (const a of t.attendance.by('member', memberId)) {
    checkedIn.add(a.sessionId);
    const kind = a.voided ? 'voided' : 'attended';
    lines.push(
      lineOf(kind, a.sessionId, sessionOf(a.sessionId), a.checkedInAt, { attendance: a }, c),
    );
  }
  for (const s of t.signups.by('member', memberId)) {
    if (checkedIn.has(s.sessionId)) continue;
    const line = signupLine(s, sessionOf(s.sessionId), c);
    if (line) lines.push(line);
  }
  lines.sort(newestFirst);
  return { lines, summary: summarize(lines) };
}

/**
 * Lines of older history the server sent (`history.attendance`), by the same
 * rules as the device's own, leaving out sessions the device already shows.
 */
export function olderHistoryLines(
  items: readonly AttendanceHistoryItem[],
  settings: Pick<ClubSettings, 'timezone' | 'checkInGraceMinutes'>,
  shown: ReadonlySet<string>,
  now: TimeInput,
): HistoryLine[] {
  const c: LineContext = { ...settings, nowMs: toMs(now) };
  const lines: HistoryLine[] = [];
  for (const { session, attendance, signup } of items) {
    if (shown.has(session.id)) continue;
    const line = attendance
      ? lineOf(
          attendance.voided ? 'voided' : 'attended',
          session.id,
          session,
          attendance.checkedInAt,
          { attendance },
          c,
        )
      : signup
        ? signupLine(signup, session, c)
        : null;
    if (line) lines.push(line);
  }
  return lines.sort(newestFirst);
}

/** The device's lines and older ones from the server as one list, newest first. */
export function mergeHistory(
  device: readonly HistoryLine[],
  older: readonly HistoryLine[],
): HistoryLine[] {
  return [...device, ...older].sort(newestFirst);
}
