import { roleAtLeast, waitlistRank, type Replica } from '@turnout/shared';

/**
 * A member's place on a session's waitlist as this device can tell, 1 = next;
 * null when they are not waiting or the place is not known yet.
 *
 * A host's or owner's device holds every sign-up, so it counts them by the
 * same order promotions follow (`waitlistRank`). A member's device holds
 * only their own: the server tells the place with the session's counts
 * (`waitlistPositions`, by member id: a guardian's device learns their
 * dependants' places too). A sign-up still waiting to be synced has no place
 * yet; the counts of its session are then the device's own, without one.
 */
export function waitlistPosition(
  view: Replica,
  sessionId: string,
  memberId: string,
): number | null {
  const t = view.tables;
  const signups = t.signups.by('session', sessionId);
  const mine = signups.find((s) => s.memberId === memberId && s.status === 'waitlisted');
  if (!mine) return null;
  const role = t.members.get(memberId)?.role;
  if (role && roleAtLeast(role, 'host')) return waitlistRank(signups, mine.id);
  return t.sessionCounts.get(sessionId)?.waitlistPositions?.[memberId] ?? null;
}
