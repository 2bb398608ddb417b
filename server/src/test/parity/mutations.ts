import { guestPayments, toIso, type Actor, type MutationName } from '@turnout/shared';
import { NOW } from '@turnout/shared/testing';
import fc from 'fast-check';
import type { ClubState } from './club-state.js';
import { doorCodes, toldSerials } from './door-passes.js';
import { idOf, MUTATION_ID, NEW_ID, pick, UNKNOWN_ID } from './ids.js';
import type { FactIds } from './facts-alike.js';

/**
 * Random mutations for the parity property, sent by the club's owner, hosts
 * and members, with args naming the state's ids (and sometimes an id the
 * club does not have). Chosen as small numbers and built against a state, so
 * they shrink with it. Door codes come from a pool made once (door-passes.ts).
 *
 * Not generated: `checkin.reinstate` — a device has no mutation log, so it
 * leaves the decision to the server by design (rules/reinstate.ts); there
 * is no device decision to hold the server's to.
 */

const parityMutationNames = [
  'checkin.create',
  'checkin.void',
  'checkin.adjust',
  'checkin.settle',
  'signup.create',
  'signup.cancel',
  'intent.set',
  'session.update',
  'session.cancel',
  'pass.adjust',
  'pass.extend',
  'pass.setActive',
  'pass.addSessions',
  'pass.grant',
  'template.delete',
  'passRequest.create',
  'passRequest.reject',
  'passRequest.withdraw',
  'checkin.byCode',
  'guest.checkIn',
] as const satisfies readonly MutationName[];

/** Adding and ending ties: rarer, so the other mutations keep their share of each batch. */
const familyMutationNames = ['dependant.add', 'dependant.remove'] as const;

export const mutationChoices = fc.record({
  // A scan twice as often: a code must pass all its checks before the check-in rules are reached.
  name: fc.oneof(
    { weight: 10, arbitrary: fc.constantFrom(...parityMutationNames) },
    { weight: 2, arbitrary: fc.constantFrom(...familyMutationNames) },
  ),
  /** Who sends it: mostly someone who may, sometimes the member it is about, sometimes anyone. */
  who: fc.constantFrom('owner', 'host', 'host', 'self', 'self', 'guardian', 'anyone'),
  /** The session and member it is about: mostly a pair that has records, else any. */
  target: fc.nat({ max: 12 }),
  other: fc.nat({ max: 6 }),
  c: fc.integer({ min: -3, max: 3 }),
  flag: fc.boolean(),
  /** When it happens: minutes from NOW, or from the start of the session it is about. */
  when: fc.oneof(
    fc.record({ from: fc.constant('now'), minutes: fc.constantFrom(-60, 0, 30, 90, 3 * 24 * 60) }),
    fc.record({
      from: fc.constant('session'),
      minutes: fc.constantFrom(-45, -10, 5, 70, 26 * 60),
    }),
  ),
  device: fc.constantFrom('Front desk', 'Phone', null),
  /** The door code scanned: mostly one of the target member's, else any of the pool. */
  code: fc.nat({ max: 24 }),
  /** When a phone made its code, seconds from the judged time: fresh, a little old, stale, ahead. */
  shown: fc.constantFrom(0, 0, 0, -50, -240, 150),
});
export type MutationChoice = typeof mutationChoices extends fc.Arbitrary<infer T> ? T : never;

export interface ParityMutation {
  id: string;
  name: MutationName;
  args: Record<string, unknown>;
  actor: Actor;
  now: string;
  deviceLabel: string | null;
}

/** Ids the mutations may name: the state's, those the batch creates, and one unknown. */
type Known = { [K in keyof FactIds]: string[] };

/**
 * The choices as mutations of one batch; ids a mutation creates may be named
 * by later ones. Also every id they may name.
 */
export function mutationsFor(
  state: ClubState,
  choices: readonly MutationChoice[],
): { mutations: ParityMutation[]; ids: FactIds } {
  const known: Known = {
    sessions: [...state.sessions.map((s) => s.id), UNKNOWN_ID],
    members: [...state.members.map((m) => m.memberId), UNKNOWN_ID],
    passes: [...state.passes.map((p) => p.id), UNKNOWN_ID],
    templates: [...state.templates.map((t) => t.id), UNKNOWN_ID],
    requests: [...state.passRequests.map((r) => r.id), UNKNOWN_ID],
    doorPasses: [...toldSerials],
  };
  const active = state.members.filter((m) => !m.removed);
  /** Walk-ins a `guest.checkIn` may name again: the club's, then those the batch records. */
  const guests = state.guests.map((g) => g.memberId);
  const mutations = choices.map((c, i) => {
    const pairs = targets(state, c.name);
    const target = (c.target < 9 && pairs[c.target % pairs.length]) || {
      sessionId: pick(known.sessions, c.target),
      memberId: pick(known.members, c.target + c.other),
    };
    const self = active.find((m) => m.memberId === target.memberId);
    const hosts = active.filter((m) => m.role === 'host');
    // At the door it is staff who scan and record walk-ins ("anyone" still tries a member's device).
    const atDoor = c.name === 'checkin.byCode' || c.name === 'guest.checkIn';
    const who = atDoor && c.who === 'self' ? 'host' : c.who;
    // A dependant's guardian acts for them (a removed guardian's device still tries).
    const guardian = state.ties.find((t) => !t.ended && t.memberId === target.memberId);
    const guardianMember = state.members.find((m) => m.memberId === guardian?.guardianId);
    const sender =
      who === 'guardian' && guardianMember
        ? guardianMember
        : who === 'owner' || (who === 'host' && hosts.length === 0)
          ? active.find((m) => m.role === 'owner')!
          : who === 'host'
            ? hosts[c.other % hosts.length]!
            : who === 'self' && self
              ? self
              : active[c.other % active.length]!;
    const session = state.sessions.find((s) => s.id === target.sessionId);
    // A scan happens around its session (a phone's code is fresh for about a minute).
    const base =
      (c.when.from === 'session' || atDoor) && session
        ? Date.parse(session.startsAt)
        : Date.parse(NOW);
    const now = base + c.when.minutes * 60_000;
    const newId = idOf(NEW_ID, i + 1);
    const args =
      c.name === 'checkin.byCode'
        ? byCodeArgs(c, target, now)
        : c.name === 'guest.checkIn'
          ? guestArgs(c, known, target, newId, guests)
          : argsOf(c, known, { ...target, senderId: sender.memberId }, newId, state);
    return {
      id: idOf(MUTATION_ID, i + 1),
      name: c.name,
      args,
      actor: { memberId: sender.memberId, role: sender.role },
      now: toIso(now),
      deviceLabel: c.device,
    };
  });
  return { mutations, ids: known };
}

/** The (session, member) pairs whose records make this mutation interesting (else every pair). */
function targets(state: ClubState, name: MutationName): { sessionId: string; memberId: string }[] {
  const waited = new Set(
    state.records
      .filter((r) => r.signups.some((s) => s.status === 'waitlisted'))
      .map((r) => r.sessionId),
  );
  const live = (r: ClubState['records'][number]) => ({
    checkedIn: r.attendance.some((a) => !a.voided),
    owes: r.attendance.some((a) => !a.voided && a.unpaidCredits > 0),
    signedUp: r.signups.some((s) => s.status !== 'cancelled'),
    // Signing out of this place lets a waiter move up.
    freesForWaiter: waited.has(r.sessionId) && r.signups.some((s) => s.status === 'active'),
  });
  const wanted = (want: (r: ReturnType<typeof live>) => boolean) =>
    state.records.filter((r) => want(live(r)));
  const first = (...lists: ClubState['records'][]) =>
    lists.find((l) => l.length > 0) ?? state.records;
  const chosen =
    name === 'checkin.void' || name === 'checkin.adjust'
      ? first(wanted((r) => r.checkedIn))
      : name === 'checkin.settle'
        ? first(wanted((r) => r.owes))
        : name === 'signup.cancel'
          ? first(
              wanted((r) => r.freesForWaiter),
              wanted((r) => r.signedUp),
            )
          : name === 'checkin.create' || name === 'checkin.byCode' || name === 'signup.create'
            ? first(wanted((r) => !r.checkedIn))
            : state.records;
  return chosen.map(({ sessionId, memberId }) => ({ sessionId, memberId }));
}

function argsOf(
  c: MutationChoice,
  known: Known,
  target: { sessionId: string; memberId: string; senderId: string },
  newId: string,
  state: ClubState,
): Record<string, unknown> {
  const { sessionId } = target;
  // Staff name the member; a member acting for themself may leave it out.
  const memberId = target.memberId;
  const forWhom = memberId === target.senderId && !c.flag ? undefined : memberId;
  const passId = pick(known.passes, c.other + c.target);
  const templateId = pick(known.templates, c.other);
  const reason = c.flag ? 'Asked at the desk' : undefined;
  switch (c.name) {
    case 'checkin.create':
      return { sessionId, memberId: forWhom, credits: c.c > 0 ? c.c : undefined };
    case 'checkin.void':
      return { sessionId, memberId, reason };
    case 'checkin.adjust':
      return { sessionId, memberId, credits: 1 + (Math.abs(c.c) % 3) };
    case 'checkin.settle':
      return { sessionId, memberId };
    case 'signup.create':
    case 'signup.cancel':
      return { sessionId, memberId: forWhom };
    case 'intent.set':
      return { sessionId, going: c.flag, memberId: forWhom };
    case 'dependant.add': {
      // Mostly a new child, sometimes an id the club has (the sender's child again, or anyone).
      const dependantId = c.c > 0 ? memberId : newId;
      if (dependantId === newId) known.members.unshift(newId);
      return {
        dependantId,
        name: `Child ${newId.slice(-2)}`,
        birthYear: c.flag ? 2015 : undefined,
      };
    }
    case 'dependant.remove': {
      // Mostly someone with a tie, so later mutations of the batch meet the tie ended.
      const tied = state.ties.filter((t) => !t.ended).map((t) => t.memberId);
      return { dependantId: c.flag || tied.length === 0 ? memberId : pick(tied, c.other) };
    }
    case 'session.update':
      return {
        sessionId,
        // Mostly more places (waiters move up), sometimes fewer or unlimited.
        capacity: [null, 1, 2, 3, 4, 5, 6][c.other],
        creditCost: c.flag ? Math.abs(c.c) % 3 : undefined,
      };
    case 'session.cancel':
      return { sessionId, reason };
    case 'pass.adjust':
      return { passId, delta: c.c === 0 ? 1 : c.c, reason: 'Correction' };
    case 'pass.extend':
      return { passId, days: 1 + c.other * 5 };
    case 'pass.setActive':
      return { passId, active: c.flag };
    case 'pass.addSessions':
      return { passId, sessions: 1 + (c.other % 3) };
    case 'pass.grant': {
      // Sometimes approving a request (then mostly for its member), sometimes reusing an id.
      const requestId = c.c > 0 ? pick(known.requests, c.c) : undefined;
      const request = state.passRequests.find((r) => r.id === requestId);
      const passIdArg = c.flag ? passId : newId;
      known.passes.unshift(passIdArg);
      return {
        passId: passIdArg,
        memberId: request && c.other % 3 !== 0 ? request.memberId : memberId,
        templateId: request && c.other % 2 === 0 ? request.templateId : templateId,
        requestId,
      };
    }
    case 'template.delete':
      return { templateId };
    case 'passRequest.create': {
      const requestId = c.flag ? pick(known.requests, c.other) : newId;
      known.requests.unshift(requestId);
      return { requestId, templateId, note: c.c > 0 ? 'For the spring' : undefined };
    }
    case 'passRequest.reject':
      return { requestId: pick(known.requests, c.other), reason };
    case 'passRequest.withdraw': {
      // Mostly one of the sender's own requests (the only kind a rule lets through), else any.
      const own = state.passRequests.filter((r) => r.memberId === target.senderId);
      const requestId =
        c.flag && own.length > 0 ? pick(own, c.other).id : pick(known.requests, c.other);
      return { requestId };
    }
    case 'checkin.byCode':
    case 'guest.checkIn':
      throw new Error(`${c.name} is made by its own function`);
  }
}

/** A scan at `now` (epoch ms) of one of the pool's codes, mostly one naming the target member. */
function byCodeArgs(
  c: MutationChoice,
  target: { sessionId: string; memberId: string },
  now: number,
): Record<string, unknown> {
  const theirs = doorCodes.filter((d) => d.pass?.memberId === target.memberId);
  const scanned = c.code < 14 && theirs.length > 0 ? pick(theirs, c.code) : pick(doorCodes, c.code);
  return {
    sessionId: target.sessionId,
    code: scanned.codeAt(now + c.shown * 1000),
    credits: c.c > 0 ? c.c : undefined,
  };
}

/** A walk-in: a new guest, one recorded before (by the club or the batch), or a member's id. */
function guestArgs(
  c: MutationChoice,
  known: Known,
  target: { sessionId: string; memberId: string },
  newId: string,
  guests: string[],
): Record<string, unknown> {
  const kind = c.other % 3;
  let guestId = target.memberId;
  if (kind === 0 || (kind === 1 && guests.length === 0)) {
    guestId = newId;
    guests.push(newId);
    known.members.unshift(newId);
  } else if (kind === 1) {
    guestId = pick(guests, c.target);
  }
  const payment = pick(guestPayments, c.code);
  return {
    guestId,
    sessionId: target.sessionId,
    name: `Walk-in ${newId.slice(-2)}`,
    contact: c.flag ? 'walk-in@example.org' : undefined,
    visit: c.c > 0 ? 'trial' : 'drop_in',
    payment,
    amount: payment === 'cash' || payment === 'card' ? '€12' : undefined,
  };
}
