import {
  clubDate,
  toMs,
  totalCredits,
  type Attendance,
  type ClubDate,
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

interface HistoryLine {
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

/** The member's past check-ins, no-shows and late sign-outs this device knows, newest first. */
export function myHistory(
  view: Replica,
  memberId: string,
  now: TimeInput,
): { lines: HistoryLine[]; summary: HistorySummary } {
  const club = view.club;
  if (!club) return { lines: [], summary: { attended: 0, credits: 0, noShows: 0 } };
  const { timezone, checkInGraceMinutes } = club.settings;
  const t = view.tables;
  const lines: HistoryLine[] = [];
  const line = (
    kind: HistoryKind,
    sessionId: string,
    recordAt: string,
    record: { attendance?: Attendance; signup?: Signup },
  ): HistoryLine => {
    const session = t.sessions.get(sessionId) ?? null;
    const at = session?.startsAt ?? recordAt;
    const attendance = record.attendance ?? null;
    return {
      kind,
      sessionId,
      session,
      at,
      date: clubDate(at, timezone),
      attendance,
      signup: record.signup ?? null,
      credits: attendance
        ? attendance.credits
        : record.signup
          ? totalCredits(record.signup.charges)
          : 0,
      unpaid: attendance && !attendance.voided ? attendance.unpaidCredits : 0,
    };
  };

  const checkedIn = new Set<string>();
  for (const a of t.attendance.by('member', memberId)) {
    checkedIn.add(a.sessionId);
    lines.push(
      line(a.voided ? 'voided' : 'attended', a.sessionId, a.checkedInAt, { attendance: a }),
    );
  }
  const nowMs = toMs(now);
  for (const s of t.signups.by('member', memberId)) {
    if (checkedIn.has(s.sessionId)) continue;
    if (s.status === 'cancelled') {
      // Only while the credit is still kept (cancelling the session returns it).
      if (s.lateCancel && totalCredits(s.charges) > 0) {
        lines.push(line('late_cancel', s.sessionId, s.updatedAt, { signup: s }));
      }
      continue;
    }
    if (s.status !== 'active') continue;
    const session = t.sessions.get(s.sessionId);
    if (!session || session.status === 'cancelled') continue;
    const closesAt = toMs(session.endsAt) + checkInGraceMinutes * 60_000;
    if (nowMs > closesAt) lines.push(line('no_show', s.sessionId, session.startsAt, { signup: s }));
  }
  lines.sort((a, b) => toMs(b.at) - toMs(a.at) || (a.sessionId < b.sessionId ? 1 : -1));

  const summary: HistorySummary = { attended: 0, credits: 0, noShows: 0 };
  for (const l of lines) {
    if (l.kind === 'attended') {
      summary.attended += 1;
      summary.credits += l.credits;
    } else if (l.kind === 'no_show') {
      summary.noShows += 1;
    }
  }
  return { lines, summary };
}
