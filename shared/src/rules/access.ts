import { roleAtLeast } from '../roles.js';
import type { ClubSettings } from '../settings.js';
import { refuse, type Refusal } from './decision.js';
import type { Actor } from './types.js';

/** Hosts and owners act for any member of the club. */
export function isStaff(actor: Actor): boolean {
  return roleAtLeast(actor.role, 'host');
}

/**
 * Who may act for a member (docs/rules.md "Dependants"): the member, their
 * guardian (`guardianId`: the member's active guardian, null when they have
 * none or the guardian was removed from the club), or a host or owner.
 */
export function mayActFor(actor: Actor, memberId: string, guardianId: string | null): boolean {
  return memberId === actor.memberId || guardianId === actor.memberId || isStaff(actor);
}

/**
 * The member a command acts for: `memberId` omitted = the actor. A member may
 * act for themselves and their dependants; a host or owner for any member of
 * the club (the caller has checked the member belongs to the club).
 */
export function resolveMember(
  actor: Actor,
  memberId: string | undefined,
  guardianId: string | null = null,
): { ok: true; memberId: string } | Refusal {
  const target = memberId ?? actor.memberId;
  if (!mayActFor(actor, target, guardianId)) return refuse('not_permitted');
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
