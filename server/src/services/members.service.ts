import type { Role } from '@turnout/shared';
import { fail } from '../errors.js';
import { deleteLoginSessionsOfUser } from '../repositories/login-sessions.repository.js';
import {
  countActiveMemberships,
  countOwners,
  getMembership,
  listMembers,
  markMembershipRemoved,
  setMembershipRole,
} from '../repositories/memberships.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';

export function listClubMembers(deps: ServiceDeps, actor: ClubActor) {
  return listMembers(deps.db, actor.clubId);
}

/** Owners change roles; the last owner cannot step down (a club always has an owner). */
export async function changeRole(
  deps: ServiceDeps,
  actor: ClubActor,
  memberId: string,
  role: Role,
) {
  return deps.db.transaction().execute(async (trx) => {
    const member = await getMembership(trx, actor.clubId, memberId);
    if (!member) fail('not_found');
    if (
      member.role === 'owner' &&
      role !== 'owner' &&
      (await countOwners(trx, actor.clubId)) <= 1
    ) {
      fail('last_owner');
    }
    await setMembershipRole(trx, memberId, role);
    return { memberId, role };
  });
}

/**
 * Removes someone from the club. Their records stay (history, credit log).
 * When it was their last club their logins end too; otherwise their logins
 * stay for the other clubs and every request to this club is refused.
 */
export async function removeMember(deps: ServiceDeps, actor: ClubActor, memberId: string) {
  return deps.db.transaction().execute(async (trx) => {
    const member = await getMembership(trx, actor.clubId, memberId);
    if (!member) fail('not_found');
    if (member.role === 'owner' && (await countOwners(trx, actor.clubId)) <= 1) fail('last_owner');
    await markMembershipRemoved(trx, memberId, deps.clock().toISOString());
    if ((await countActiveMemberships(trx, member.user_id)) === 0) {
      await deleteLoginSessionsOfUser(trx, member.user_id);
    }
    return { ok: true as const };
  });
}
