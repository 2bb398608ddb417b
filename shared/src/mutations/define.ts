import type { z } from 'zod';
import type { FactSource } from '../judge/facts.js';
import type { MemberSessionFacts } from '../rules/attendance.js';
import { refuse, type CommandContext, type Decision } from '../rules/decision.js';
import { guardianOf } from '../rules/family.js';

/**
 * What a mutation is, in one place (docs/architecture.md, "Adding a
 * mutation"): its args schema (in the area's `…Args` map, beside it), who
 * may send it, which records a server batch should read ahead for it, and
 * how it is judged — which facts it reads from a `FactSource` and which rule
 * decides. The catalogue, the device's and the server's judge, the docs
 * table and the authorization matrix are all derived from these.
 */
export interface MutationDefinition<Args> {
  /** The args as the docs table shows them. */
  argsDoc: string;
  who: Who;
  /**
   * The (session, member) whose records the judge reads, so a server batch
   * reads them for all its mutations at once. `memberId` undefined = the
   * sender. Leave out when the mutation reads no member's records.
   */
  reads?: (args: Args) => { sessionId: string; memberId: string | undefined };
  /** Reads the facts and asks the rule. Synchronous: both fact sources answer at once. */
  judge(facts: FactSource, ctx: CommandContext, args: Args): Decision;
}

/** One definition per mutation of an area, for the area's schemas `A`. */
export type Definitions<A extends Record<string, z.ZodType>> = {
  [N in keyof A]: MutationDefinition<z.output<A[N]>>;
};

/** The setting that lets hosts do what owners do. */
type HostSetting = 'hostsCanManageSessions' | 'hostsCanManagePasses';

/**
 * Who may send a mutation. The rules enforce it (they return
 * `not_permitted`); this states it for the docs and for the test that holds
 * the rules to it (shared/src/mutations/authorization.test.ts).
 */
export interface Who {
  /** Members, for themselves only. */
  member?: boolean;
  /** Hosts: always, or only when the club's setting allows it. */
  host?: true | HostSetting;
  owner: true;
  /** Further conditions, in words ("before start", "while check-in is open"). */
  note?: string;
}

/** `M (self), H* (hostsCanManageSessions), O` — the docs' short form. */
export function describeWho(who: Who): string {
  const parts: string[] = [];
  if (who.member) parts.push('M (self)');
  if (who.host === true) parts.push('H');
  else if (who.host) parts.push(`H* (\`${who.host}\`)`);
  parts.push('O');
  const text = parts.join(', ');
  return who.note ? `${text} — ${who.note}` : text;
}

// --- Fact reading shared by several mutations ---------------------------------

export const notFound = () => refuse('not_found');

/** Every pass a set of records was charged to. */
export function chargedPassIds(
  records: readonly { charges: readonly { passId: string }[] }[],
): string[] {
  return [...new Set(records.flatMap((r) => r.charges.map((c) => c.passId)))];
}

/**
 * The member an action is for: the sender unless a memberId is named. A
 * named member must belong to this club (else null → `not_found`); whether
 * the sender may act for them is the rules' call.
 */
export function targetMember(facts: FactSource, ctx: CommandContext, memberId?: string) {
  if (memberId === undefined || memberId === ctx.actor.memberId) return ctx.actor.memberId;
  return facts.isActiveMember(memberId) ? memberId : null;
}

/** Everything the attendance rules need about one member and one session (never every record). */
export function memberSessionFacts(
  facts: FactSource,
  sessionId: string,
  memberId: string,
): MemberSessionFacts {
  const session = facts.session(sessionId);
  const guardianId = guardianOf(facts, memberId);
  if (!session) {
    return { session, occupancy: 0, signup: null, attendance: null, passes: [], guardianId };
  }
  return {
    session,
    occupancy: facts.occupancy(sessionId),
    signup: facts.memberSignup(sessionId, memberId),
    attendance: facts.memberAttendance(sessionId, memberId),
    // A dependant's passes pay first, then their guardian's (one member at a time: cached on a server batch).
    passes: guardianId
      ? [...facts.passesOfMembers([memberId]), ...facts.passesOfMembers([guardianId])]
      : facts.passesOfMembers([memberId]),
    guardianId,
  };
}

/**
 * Judges with the cheap facts first; only a capacity or credit refusal reads
 * the records that explain it and asks the (pure) rule again with them.
 */
export function explained(
  facts: FactSource,
  known: MemberSessionFacts,
  memberId: string,
  rule: (facts: MemberSessionFacts) => Decision,
): Decision {
  const decision = rule(known);
  if (decision.ok || !known.session) return decision;
  if (decision.code === 'session_full') {
    return rule({
      ...known,
      placeRecords: facts.placeRecords(known.session.id),
      // Asked by the rule only when it may name who won (a host or owner was refused).
      nameOf: (id) => facts.memberName(id),
    });
  }
  if (decision.code === 'insufficient_credits') {
    return rule({ ...known, creditUses: facts.recentCreditUses(memberId) });
  }
  return decision;
}

/** Waiters of a session and their passes, for promotion when a spot frees. */
export function waitlistFacts(facts: FactSource, sessionId: string) {
  const waitlist = facts.waitlist(sessionId);
  const waiters = waitlist.map((w) => w.memberId);
  const waiterGuardians: Record<string, string> = {};
  for (const w of waiters) {
    const guardian = guardianOf(facts, w);
    if (guardian) waiterGuardians[w] = guardian;
  }
  const guardians = [...new Set(Object.values(waiterGuardians))].filter(
    (g) => !waiters.includes(g),
  );
  const waiterPasses = facts.passesOfMembers([...waiters, ...guardians]);
  return { waitlist, waiterPasses, waiterGuardians };
}
