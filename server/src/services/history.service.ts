import {
  historyPageLimit,
  type AttendanceHistoryInput,
  type AttendanceHistoryItem,
  type CreditLogHistoryInput,
  type CreditLogHistoryItem,
  type HistoryCursor,
  type HistoryPage,
} from '@turnout/shared';
import { fail } from '../errors.js';
import {
  attendanceHistory,
  creditLogHistory,
  passHolder,
} from '../repositories/history.repository.js';
import type { ServiceDeps } from './deps.js';

interface Actor {
  clubId: string;
  memberId: string;
}

/**
 * The one place that decides whose history an actor may read: their own.
 * (A guardian reading a dependant's joins here, and only here.) Anyone else,
 * whatever their role: `not_permitted` — organizers have reports and exports
 * for other people's records.
 */
function readableMember(actor: Actor, memberId: string | undefined): string {
  const subject = memberId ?? actor.memberId;
  if (subject !== actor.memberId) fail('not_permitted');
  return subject;
}

/** A cursor in the stored form (UTC with milliseconds), so comparing strings compares times. */
const canonical = (before: HistoryCursor | undefined): HistoryCursor | undefined =>
  before && { date: new Date(before.date).toISOString(), id: before.id };

export function memberAttendanceHistory(
  deps: ServiceDeps,
  actor: Actor,
  input: AttendanceHistoryInput,
): Promise<HistoryPage<AttendanceHistoryItem>> {
  const memberId = readableMember(actor, input.memberId);
  return attendanceHistory(
    deps.db,
    actor.clubId,
    memberId,
    deps.clock().toISOString(),
    canonical(input.before),
    input.limit ?? historyPageLimit,
  );
}

export async function passCreditLogHistory(
  deps: ServiceDeps,
  actor: Actor,
  input: CreditLogHistoryInput,
): Promise<HistoryPage<CreditLogHistoryItem>> {
  const holder = await passHolder(deps.db, actor.clubId, input.passId);
  if (holder === null) fail('not_found');
  readableMember(actor, holder);
  return creditLogHistory(
    deps.db,
    actor.clubId,
    input.passId,
    canonical(input.before),
    input.limit ?? historyPageLimit,
  );
}
