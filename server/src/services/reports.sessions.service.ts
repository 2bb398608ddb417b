import {
  clubDate,
  type Flag,
  type memberAttendanceInput,
  type pastSessionsInput,
  type Role,
} from '@turnout/shared';
import type { z } from 'zod';
import { fail } from '../errors.js';
import {
  countPastSessions,
  getMemberOfClub,
  listMemberAttendance,
  listMemberSignupOutcomes,
  listPastSessions,
  sessionFigures,
  type SessionFigures,
} from '../repositories/reports.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import { instantRange, page, reportClub } from './reports.common.js';

/**
 * History (spec §6): past sessions with their figures, and one member's
 * attendance history with no-shows. A session is past once it has ended.
 */

interface PastSession extends SessionFigures {
  sessionId: string;
  title: string;
  trainingTypeId: string | null;
  trainingTypeName: string | null;
  startsAt: string;
  endsAt: string;
  /** The club-local date the session started on. */
  date: string;
  location: string | null;
  capacity: number | null;
  creditCost: number;
  status: 'scheduled' | 'cancelled';
}

export async function pastSessions(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof pastSessionsInput>,
): Promise<{ total: number; sessions: PastSession[] }> {
  const club = await reportClub(deps, actor.clubId);
  const range = instantRange(club.settings.timezone, input.from, input.to);
  const total = await countPastSessions(deps.db, actor.clubId, club.now, range);
  const rows = await listPastSessions(deps.db, actor.clubId, club.now, range, input);
  const figures = await sessionFigures(
    deps.db,
    rows.map((r) => r.sessionId),
  );
  return {
    total,
    sessions: rows.map((r) => ({
      ...r,
      date: clubDate(r.startsAt, club.settings.timezone),
      ...figures.get(r.sessionId)!,
    })),
  };
}

/**
 * What became of the member's place in one session:
 * - `attended`: a valid check-in;
 * - `no_show`: signed up (a place held at the end) but not checked in;
 * - `voided`: the check-in was voided and no place was held;
 * - `late_cancel`: signed out inside `lateCancelMinutes`.
 */
type AttendanceOutcome = 'attended' | 'no_show' | 'voided' | 'late_cancel';

interface MemberHistoryItem {
  sessionId: string;
  title: string;
  startsAt: string;
  endsAt: string;
  date: string;
  sessionStatus: 'scheduled' | 'cancelled';
  outcome: AttendanceOutcome;
  /** From the check-in (0 and [] without one). */
  credits: number;
  unpaidCredits: number;
  flags: Flag[];
  backfilled: boolean;
  checkedInAt: string | null;
  voidReason: string | null;
}

interface MemberHistory {
  member: { memberId: string; name: string; role: Role; removed: boolean };
  totals: Record<AttendanceOutcome, number> & { participation: number };
  total: number;
  items: MemberHistoryItem[];
}

export async function memberAttendance(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof memberAttendanceInput>,
): Promise<MemberHistory> {
  const club = await reportClub(deps, actor.clubId);
  const member = await getMemberOfClub(deps.db, actor.clubId, input.memberId);
  if (!member) fail('not_found');
  const range = instantRange(club.settings.timezone, input.from, input.to);
  const checkIns = await listMemberAttendance(
    deps.db,
    actor.clubId,
    input.memberId,
    club.now,
    range,
  );
  const signups = await listMemberSignupOutcomes(
    deps.db,
    actor.clubId,
    input.memberId,
    club.now,
    range,
  );

  const bySession = new Map<string, MemberHistoryItem>();
  const base = (
    s: Pick<
      (typeof signups)[number],
      'sessionId' | 'title' | 'startsAt' | 'endsAt' | 'sessionStatus'
    >,
  ) => ({
    sessionId: s.sessionId,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    date: clubDate(s.startsAt, club.settings.timezone),
    sessionStatus: s.sessionStatus,
    credits: 0,
    unpaidCredits: 0,
    flags: [] as Flag[],
    backfilled: false,
    checkedInAt: null,
    voidReason: null,
  });
  // Sign-ups first: a valid check-in then overrides, a voided one only fills an empty slot.
  for (const s of signups) {
    const outcome: AttendanceOutcome = s.status === 'active' ? 'no_show' : 'late_cancel';
    const known = bySession.get(s.sessionId);
    if (known?.outcome === 'no_show') continue;
    bySession.set(s.sessionId, { ...base(s), outcome });
  }
  for (const a of checkIns) {
    const known = bySession.get(a.sessionId);
    const voided = a.voided === 1;
    if (voided && known?.outcome === 'no_show') continue;
    bySession.set(a.sessionId, {
      ...base(a),
      outcome: voided ? 'voided' : 'attended',
      credits: a.credits,
      unpaidCredits: a.unpaidCredits,
      flags: JSON.parse(a.flags) as Flag[],
      backfilled: a.backfilled === 1,
      checkedInAt: a.checkedInAt,
      voidReason: a.voidReason,
    });
  }

  const items = [...bySession.values()].sort(
    (a, b) => b.startsAt.localeCompare(a.startsAt) || b.sessionId.localeCompare(a.sessionId),
  );
  const count = (o: AttendanceOutcome) => items.filter((i) => i.outcome === o).length;
  return {
    member: {
      memberId: member.memberId,
      name: member.name,
      role: member.role,
      removed: member.removedAt !== null,
    },
    totals: {
      attended: count('attended'),
      no_show: count('no_show'),
      voided: count('voided'),
      late_cancel: count('late_cancel'),
      participation: items
        .filter((i) => i.outcome === 'attended')
        .reduce((sum, i) => sum + i.credits, 0),
    },
    total: items.length,
    items: page(items, input),
  };
}
