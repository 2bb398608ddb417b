import { z } from 'zod';
import { clubDate, toIso } from '../time/index.js';
import { isOwner } from './access.js';
import { applied, refuse, type CommandContext, type Decision } from './decision.js';
import type { MemberKind } from './guests.js';
import type { Instant } from './types.js';

/**
 * Dependants (spec §9.6, docs/decisions.md "Dependants"). A guardian — any
 * member — adds children who have no login of their own, or links a teen's
 * own account. A dependant is a member id like any other (rosters, sign-ups,
 * attendance, passes, the credit log and reports need no second path); the
 * tie to the guardian says who else may act for them and whose passes pay
 * after their own. A child is a membership whose placeholder account cannot
 * log in (as a walk-in guest's is); a linked teen keeps their own account.
 */

/** The most dependants one guardian may have at a time. */
export const MAX_DEPENDANTS = 10;
/** The longest name a child may be given. */
export const MAX_DEPENDANT_NAME = 80;

/** `child`: no login, added by the guardian. `linked`: a member with their own account. */
export const dependantKinds = ['child', 'linked'] as const;
export type DependantKind = (typeof dependantKinds)[number];

export const dependantName = z.string().trim().min(1).max(MAX_DEPENDANT_NAME);
export const dependantBirthYear = z.number().int().min(1900).max(2200);

/** A member's tie to their guardian, as the rules read it. */
export interface FamilyTie {
  guardianId: string;
  kind: DependantKind;
}

/**
 * A tie as a decision writes it. A new child comes with its `name` (their
 * membership is made with it); ending a tie sets `removedAt` (a child's
 * membership ends with it, the history stays).
 */
export interface FamilyLink extends FamilyTie {
  memberId: string;
  /** Set only when the child is new. */
  name: string | null;
  birthYear: number | null;
  at: Instant;
  byMemberId: string;
  removedAt: Instant | null;
}

/** What `guardianOf` needs: the member's tie and whether its guardian is still in the club. */
export interface GuardianFacts {
  familyTie(memberId: string): FamilyTie | null;
  isActiveMember(memberId: string): boolean;
}

/**
 * The member's active guardian: their tie's guardian while that guardian is
 * a member of the club. A guardian removed from the club acts for nobody
 * and pays for nobody (their queued actions for a child are `not_permitted`).
 */
export function guardianOf(facts: GuardianFacts, memberId: string): string | null {
  const tie = facts.familyTie(memberId);
  return tie && facts.isActiveMember(tie.guardianId) ? tie.guardianId : null;
}

/** Member → guardian for the ledger, for one member (and optionally more). */
export function guardianMap(
  memberId: string,
  guardianId: string | null | undefined,
  more: Readonly<Record<string, string>> = {},
): Record<string, string> {
  return guardianId ? { ...more, [memberId]: guardianId } : { ...more };
}

export interface AddDependantArgs {
  dependantId: string;
  name: string;
  birthYear?: number | undefined;
}

export interface AddDependantFacts {
  /** Who `dependantId` names in this club now. */
  kind: MemberKind;
  /** Its tie, if it has one. */
  tie: FamilyTie | null;
  /** The actor's own tie: a dependant does not have dependants. */
  actorTie: FamilyTie | null;
  /** The actor's dependants now. */
  dependants: readonly string[];
}

/**
 * Add a child (no login): any member, for themselves as guardian, at most
 * `MAX_DEPENDANTS`. The id is made on the device; sending the same child
 * again changes nothing, an id naming anyone else is `id_taken`.
 */
export function addDependant(
  ctx: CommandContext,
  args: AddDependantArgs,
  facts: AddDependantFacts,
): Decision {
  if (facts.actorTie) return refuse('not_permitted', 'A dependant cannot add dependants.');
  if (facts.kind !== null) {
    const same = facts.tie?.guardianId === ctx.actor.memberId && facts.tie.kind === 'child';
    return same ? applied() : refuse('id_taken');
  }
  if (facts.dependants.length >= MAX_DEPENDANTS) {
    return refuse('invalid_args', `A member can have at most ${MAX_DEPENDANTS} dependants.`);
  }
  const year = Number(clubDate(ctx.now, ctx.settings.timezone).slice(0, 4));
  if (args.birthYear !== undefined && args.birthYear > year) {
    return refuse('invalid_args', 'The birth year is in the future.');
  }
  return applied({
    familyLinks: [
      {
        memberId: args.dependantId,
        guardianId: ctx.actor.memberId,
        kind: 'child',
        name: args.name,
        birthYear: args.birthYear ?? null,
        at: toIso(ctx.now),
        byMemberId: ctx.actor.memberId,
        removedAt: null,
      },
    ],
  });
}

/**
 * End a tie: the guardian, the linked member themselves, or an owner. A
 * child's membership ends with it (their history stays in reports).
 */
export function removeDependant(
  ctx: CommandContext,
  args: { dependantId: string },
  facts: { tie: FamilyTie | null },
): Decision {
  const tie = facts.tie;
  if (!tie) return refuse('not_found');
  const self = tie.kind === 'linked' && args.dependantId === ctx.actor.memberId;
  if (tie.guardianId !== ctx.actor.memberId && !self && !isOwner(ctx.actor)) {
    return refuse('not_permitted');
  }
  const at = toIso(ctx.now);
  return applied({
    familyLinks: [
      {
        memberId: args.dependantId,
        guardianId: tie.guardianId,
        kind: tie.kind,
        name: null,
        birthYear: null,
        at,
        byMemberId: ctx.actor.memberId,
        removedAt: at,
      },
    ],
  });
}
