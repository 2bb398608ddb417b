import {
  addSessions,
  adjustCheckIn,
  adjustPass,
  archiveTrainingType,
  cancelSession,
  checkIn,
  createPassRequest,
  createSeries,
  createSession,
  createTemplate,
  createTrainingType,
  deleteTemplate,
  dismissAttentionGroup,
  extendPass,
  grantPass,
  refuse,
  rejectPassRequest,
  resolveAttention,
  renameTrainingType,
  setIntent,
  setPassActive,
  settleCheckIn,
  signOut,
  signUp,
  updateClubSettings,
  updateSeries,
  updateSession,
  updateTemplate,
  voidCheckIn,
  type CommandContext,
  type Decision,
  type MemberSessionFacts,
  type MutationArgs,
  type MutationName,
  type Session,
} from '@turnout/shared';
import type { FactsReader } from '../repositories/facts.repository.js';
import type { PlaceBook } from './places.js';
import type { MemberRecords } from './records.js';

/**
 * Where a mutation is judged: inside the push transaction, for one club.
 * Judging is synchronous: the facts come from cached prepared statements on
 * the connection the transaction holds, and the rules are pure.
 */
export interface HandlerEnv {
  /** The club's facts, read inside the transaction. */
  facts: FactsReader;
  ctx: CommandContext;
  /** Sessions read in this batch (kept current with what the batch writes). */
  sessions: SessionCache;
  /** Occupancy of the sessions judged in this batch (kept current with what it writes). */
  places: PlaceBook;
  /** Members' sign-ups, check-ins and passes, read for the batch (kept current with what it writes). */
  records: MemberRecords;
  /** Whether a member id is an active member of the club, as checked in this batch. */
  members: Map<string, boolean>;
}

/** Sessions by id for one batch: read once, replaced when the batch writes them. */
export class SessionCache {
  readonly #rows = new Map<string, Session | null>();

  constructor(private readonly facts: FactsReader) {}

  get(id: string): Session | null {
    let session = this.#rows.get(id);
    if (session === undefined) this.#rows.set(id, (session = this.facts.session(id)));
    return session;
  }

  written(sessions: readonly Session[]): void {
    for (const s of sessions) this.#rows.set(s.id, s);
  }
}

type Handler<N extends MutationName> = (env: HandlerEnv, args: MutationArgs<N>) => Decision;
type Handlers = { [N in MutationName]: Handler<N> };

/** Every pass a set of records was charged to. */
function chargedPassIds(records: readonly { charges: readonly { passId: string }[] }[]): string[] {
  return [...new Set(records.flatMap((r) => r.charges.map((c) => c.passId)))];
}

/**
 * The member an action is for: the actor unless a memberId is named. A named
 * member must belong to this club (else `not_found`); whether the actor may
 * act for them is the rules' call.
 */
function targetMember(env: HandlerEnv, memberId: string | undefined) {
  if (memberId === undefined || memberId === env.ctx.actor.memberId) {
    return env.ctx.actor.memberId;
  }
  let known = env.members.get(memberId);
  if (known === undefined) {
    known = env.facts.isActiveMember(memberId);
    env.members.set(memberId, known);
  }
  return known ? memberId : null;
}

/**
 * Everything the attendance rules need about one member and one session:
 * the member's own records (never every record of a big session).
 */
function memberSessionFacts(
  env: HandlerEnv,
  sessionId: string,
  memberId: string,
): MemberSessionFacts {
  const session = env.sessions.get(sessionId);
  if (!session) {
    return { session, occupancy: 0, signup: null, attendance: null, passes: [] };
  }
  return {
    session,
    occupancy: env.places.occupancy(sessionId),
    signup: env.records.signup(sessionId, memberId),
    attendance: env.records.attendance(sessionId, memberId),
    passes: env.records.passes(memberId),
  };
}

/**
 * Judges with the cheap facts first; only when the answer is a capacity or
 * credit refusal are the records that explain it read, and the (pure) rule
 * asked again with them.
 */
function explained(
  env: HandlerEnv,
  facts: MemberSessionFacts,
  memberId: string,
  rule: (facts: MemberSessionFacts) => Decision,
): Decision {
  const decision = rule(facts);
  if (decision.ok || !facts.session) return decision;
  if (decision.code === 'session_full') {
    return rule({ ...facts, placeRecords: env.facts.placeRecords(facts.session.id) });
  }
  if (decision.code === 'insufficient_credits') {
    return rule({ ...facts, creditUses: env.facts.recentCreditUses(memberId) });
  }
  return decision;
}

/** Waiters of a session and their passes, for promotion when a spot frees. */
function waitlistFacts(env: HandlerEnv, sessionId: string) {
  const waitlist = env.facts.waitlist(sessionId);
  const waiterPasses = env.facts.passesOfMembers(waitlist.map((w) => w.memberId));
  return { waitlist, waiterPasses };
}

const notFound = () => refuse('not_found');

/** Mutations judged by a member's records in a session (memberSessionFacts), read ahead for a batch. */
export const memberRecordMutations: ReadonlySet<string> = new Set<MutationName>([
  'signup.create',
  'signup.cancel',
  'checkin.create',
  'checkin.void',
  'checkin.adjust',
  'checkin.settle',
]);

export const handlers: Handlers = {
  'session.create': ({ ctx, facts }, args) =>
    createSession(ctx, args, {
      existing: facts.session(args.sessionId),
      trainingType: facts.trainingType(args.trainingTypeId),
    }),

  'session.update': (env, args) => {
    const session = env.sessions.get(args.sessionId);
    return updateSession(env.ctx, args, {
      session,
      trainingType: env.facts.trainingType(args.trainingTypeId ?? session?.trainingTypeId),
      occupancy: session ? env.places.occupancy(session.id) : 0,
      ...(session ? waitlistFacts(env, session.id) : {}),
    });
  },

  'session.cancel': (env, args) => {
    const session = env.sessions.get(args.sessionId);
    const signups = session ? env.facts.signups(session.id) : [];
    const attendance = session ? env.facts.attendance(session.id) : [];
    const passes = env.facts.passesByIds(chargedPassIds([...signups, ...attendance]));
    return cancelSession(env.ctx, args, { session, signups, attendance, passes });
  },

  'series.create': ({ ctx, facts }, args) =>
    createSeries(ctx, args, {
      existing: facts.series(args.seriesId),
      trainingType: facts.trainingType(args.trainingTypeId),
    }),

  'series.update': ({ ctx, facts }, args) => {
    const series = facts.series(args.seriesId);
    const occurrences = (series ? facts.sessionsOfSeries(series.id) : []).map((session) => ({
      session,
      signups: facts.signups(session.id),
      attendance: facts.attendance(session.id),
    }));
    const records = occurrences.flatMap((o) => [...o.signups, ...o.attendance]);
    return updateSeries(ctx, args, {
      series,
      trainingType: facts.trainingType(args.trainingTypeId ?? series?.trainingTypeId),
      occurrences,
      passes: facts.passesByIds(chargedPassIds(records)),
    });
  },

  'trainingType.create': ({ ctx, facts }, args) =>
    createTrainingType(ctx, args, {
      existing: facts.trainingType(args.trainingTypeId),
      all: facts.trainingTypes(),
    }),

  'trainingType.rename': ({ ctx, facts }, args) =>
    renameTrainingType(ctx, args, {
      trainingType: facts.trainingType(args.trainingTypeId),
      all: facts.trainingTypes(),
    }),

  'trainingType.archive': ({ ctx, facts }, args) =>
    archiveTrainingType(ctx, args, { trainingType: facts.trainingType(args.trainingTypeId) }),

  'intent.set': (env, args) =>
    setIntent(env.ctx, args, {
      session: env.sessions.get(args.sessionId),
      intent: env.facts.intent(args.sessionId, env.ctx.actor.memberId),
    }),

  'signup.create': (env, args) => {
    const memberId = targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = memberSessionFacts(env, args.sessionId, memberId);
    const waitlist = facts.session ? env.facts.waitlist(facts.session.id) : [];
    return explained(env, facts, memberId, (f) => signUp(env.ctx, args, { ...f, waitlist }));
  },

  'signup.cancel': (env, args) => {
    const memberId = targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = memberSessionFacts(env, args.sessionId, memberId);
    const waiting = facts.session ? waitlistFacts(env, facts.session.id) : {};
    return signOut(env.ctx, args, { ...facts, ...waiting });
  },

  'checkin.create': (env, args) => {
    const memberId = targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = memberSessionFacts(env, args.sessionId, memberId);
    return explained(env, facts, memberId, (f) => checkIn(env.ctx, args, f));
  },

  'checkin.void': (env, args) => {
    const memberId = targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return voidCheckIn(env.ctx, args, memberSessionFacts(env, args.sessionId, memberId));
  },

  'checkin.adjust': (env, args) => {
    const memberId = targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return adjustCheckIn(env.ctx, args, memberSessionFacts(env, args.sessionId, memberId));
  },

  'checkin.settle': (env, args) => {
    const memberId = targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return settleCheckIn(env.ctx, args, memberSessionFacts(env, args.sessionId, memberId));
  },

  'template.create': ({ ctx, facts }, args) =>
    createTemplate(ctx, args, { existing: facts.template(args.templateId) }),

  'template.update': ({ ctx, facts }, args) =>
    updateTemplate(ctx, args, { template: facts.template(args.templateId) }),

  'template.delete': ({ ctx, facts }, args) =>
    deleteTemplate(ctx, args, {
      template: facts.template(args.templateId),
      passes: facts.passesOfTemplate(args.templateId),
    }),

  'pass.grant': ({ ctx, facts }, args) => {
    if (!facts.isActiveMember(args.memberId)) return refuse('not_found');
    return grantPass(ctx, args, {
      template: facts.template(args.templateId),
      request: facts.passRequest(args.requestId),
      existing: facts.pass(args.passId),
    });
  },

  'pass.extend': ({ ctx, facts }, args) => extendPass(ctx, args, { pass: facts.pass(args.passId) }),

  'pass.addSessions': ({ ctx, facts }, args) =>
    addSessions(ctx, args, { pass: facts.pass(args.passId) }),

  'pass.setActive': ({ ctx, facts }, args) =>
    setPassActive(ctx, args, { pass: facts.pass(args.passId) }),

  'pass.adjust': ({ ctx, facts }, args) => adjustPass(ctx, args, { pass: facts.pass(args.passId) }),

  'passRequest.create': ({ ctx, facts }, args) =>
    createPassRequest(ctx, args, {
      template: facts.template(args.templateId),
      existing: facts.passRequest(args.requestId),
    }),

  'passRequest.reject': ({ ctx, facts }, args) =>
    rejectPassRequest(ctx, args, { request: facts.passRequest(args.requestId) }),

  'club.updateSettings': ({ ctx }, args) => updateClubSettings(ctx, args),

  'attention.resolve': (env, args) => {
    const item = env.facts.attentionItem(args.itemId);
    const resolution = item ? env.facts.attentionResolution(item.id) : null;
    const checkIn =
      item?.sessionId && item.memberId
        ? memberSessionFacts(env, item.sessionId, item.memberId)
        : null;
    return resolveAttention(env.ctx, args, {
      item,
      resolution,
      session: checkIn?.session ?? null,
      attendance: checkIn?.attendance ?? null,
      passes: checkIn?.passes ?? [],
    });
  },

  'attention.dismissGroup': ({ ctx, facts }, args) =>
    dismissAttentionGroup(ctx, args, {
      item: facts.attentionItem(args.itemId),
      group: facts.attentionGroup(args.itemId),
    }),
};

/** Judges one validated mutation. */
export function decide<N extends MutationName>(
  env: HandlerEnv,
  name: N,
  args: MutationArgs<N>,
): Decision {
  return (handlers[name] as Handler<N>)(env, args);
}
