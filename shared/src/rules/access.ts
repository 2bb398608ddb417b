import { roleAtLeast } from '../roles.js';
import type { ClubSettings } from '../settings.js';
import { refuse, type Refusal } from './decision.js';
import type { Actor } from './types.js';

/** Hosts and owners act for any member of the club. */
export function isStaff(actor: Actor): boolean {
  return roleAtLeast(actor.role, 'host');
}

/**
 * The member a command acts for: `memberId` omitted = the actor. A member may
 * act only for themselves; a host or owner for any member of the club (the
 * caller has checked the member belongs to the club).
 */
export function resolveMember(
  actor: Actor,
  memberId: string | undefined,
): { ok: true; memberId: string } | Refusal {
  const target = memberId ?? actor.memberId;
  if (target !== actor.memberId && !isStaff(actor)) return refuse('not_permitted');
  return { ok: true, memberId: target };
}

export function canManageSessions(actor: Actor, settings: ClubSettings): boolean {
  return actor.role === 'owner' || (actor.role === 'host' && settings.hostsCanManageSessions);
}

export function canManagePasses(actor: Actor, settings: ClubSettings): boolean {
  return actor.role === 'owner' || (actor.role === 'host' && settings.hostsCanManagePasses);
}

export function canBackfill(actor: Actor, settings: ClubSettings): boolean {
  return actor.role === 'owner' || (actor.role === 'host' && settings.hostsCanBackfill);
}

/** Templates, training types and club settings are owner work. */
export function isOwner(actor: Actor): boolean {
  return actor.role === 'owner';
}
