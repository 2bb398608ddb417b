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
import type { Db } from '../db/connection.js';
import { getAttentionItem, getAttentionResolution } from '../repositories/attention.repository.js';
import {
  getIntent,
  getPass,
  getPassRequest,
  getSeries,
  countOccupancy,
  getMemberAttendance,
  getMemberSignup,
  getSession,
  listWaitlist,
  loadPlaceRecords,
  getTemplate,
  getTrainingType,
  isActiveMember,
  listAttendance,
  listPassesByIds,
  listPassesOfMembers,
  listPassesOfTemplate,
  listSessionsOfSeries,
  listSignups,
  listTrainingTypes,
  recentCreditUses,
} from '../repositories/facts.repository.js';

/** Where a mutation is judged: inside the push transaction, for one club. */
export interface HandlerEnv {
  db: Db;
  clubId: string;
  ctx: CommandContext;
  /** Sessions read in this batch (kept current with what the batch writes). */
  sessions: SessionCache;
  /** Whether a member id is an active member of the club, as checked in this batch. */
  members: Map<string, boolean>;
}

/** Sessions by id for one batch: read once, replaced when the batch writes them. */
export class SessionCache {
  readonly #rows = new Map<string, Session | null>();

  constructor(
    private readonly db: Db,
    private readonly clubId: string,
  ) {}

  async get(id: string): Promise<Session | null> {
    if (!this.#rows.has(id)) this.#rows.set(id, await getSession(this.db, this.clubId, id));
    return this.#rows.get(id) ?? null;
  }

  written(sessions: readonly Session[]): void {
    for (const s of sessions) this.#rows.set(s.id, s);
  }
}

type Handler<N extends MutationName> = (
  env: HandlerEnv,
  args: MutationArgs<N>,
) => Promise<Decision>;
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
async function targetMember(env: HandlerEnv, memberId: string | undefined) {
  if (memberId === undefined || memberId === env.ctx.actor.memberId) {
    return env.ctx.actor.memberId;
  }
  let known = env.members.get(memberId);
  if (known === undefined) {
    known = await isActiveMember(env.db, env.clubId, memberId);
    env.members.set(memberId, known);
  }
  return known ? memberId : null;
}

/**
 * Everything the attendance rules need about one member and one session,
 * read with indexed lookups (never every record of a big session).
 */
async function memberSessionFacts(
  env: HandlerEnv,
  sessionId: string,
  memberId: string,
): Promise<MemberSessionFacts> {
  const session = await env.sessions.get(sessionId);
  if (!session) {
    return { session, occupancy: 0, signup: null, attendance: null, passes: [] };
  }
  return {
    session,
    occupancy: await countOccupancy(env.db, sessionId),
    signup: await getMemberSignup(env.db, sessionId, memberId),
    attendance: await getMemberAttendance(env.db, sessionId, memberId),
    passes: await listPassesOfMembers(env.db, env.clubId, [memberId]),
  };
}

/**
 * Judges with the cheap facts first; only when the answer is a capacity or
 * credit refusal are the records that explain it read, and the (pure) rule
 * asked again with them.
 */
async function explained(
  env: HandlerEnv,
  facts: MemberSessionFacts,
  memberId: string,
  rule: (facts: MemberSessionFacts) => Decision,
): Promise<Decision> {
  const decision = rule(facts);
  if (decision.ok || !facts.session) return decision;
  if (decision.code === 'session_full') {
    return rule({ ...facts, placeRecords: await loadPlaceRecords(env.db, facts.session.id) });
  }
  if (decision.code === 'insufficient_credits') {
    return rule({ ...facts, creditUses: await recentCreditUses(env.db, env.clubId, memberId) });
  }
  return decision;
}

/** Waiters of a session and their passes, for promotion when a spot frees. */
async function waitlistFacts(env: HandlerEnv, sessionId: string) {
  const waitlist = await listWaitlist(env.db, sessionId);
  const waiterPasses = await listPassesOfMembers(
    env.db,
    env.clubId,
    waitlist.map((w) => w.memberId),
  );
  return { waitlist, waiterPasses };
}

const notFound = async () => refuse('not_found');

export const handlers: Handlers = {
  'session.create': async (env, args) =>
    createSession(env.ctx, args, {
      existing: await getSession(env.db, env.clubId, args.sessionId),
      trainingType: await getTrainingType(env.db, env.clubId, args.trainingTypeId),
    }),

  'session.update': async (env, args) => {
    const session = await env.sessions.get(args.sessionId);
    return updateSession(env.ctx, args, {
      session,
      trainingType: await getTrainingType(
        env.db,
        env.clubId,
        args.trainingTypeId ?? session?.trainingTypeId,
      ),
      occupancy: session ? await countOccupancy(env.db, session.id) : 0,
      ...(session ? await waitlistFacts(env, session.id) : {}),
    });
  },

  'session.cancel': async (env, args) => {
    const session = await env.sessions.get(args.sessionId);
    const signups = session ? await listSignups(env.db, session.id) : [];
    const attendance = session ? await listAttendance(env.db, session.id) : [];
    const passes = await listPassesByIds(
      env.db,
      env.clubId,
      chargedPassIds([...signups, ...attendance]),
    );
    return cancelSession(env.ctx, args, { session, signups, attendance, passes });
  },

  'series.create': async (env, args) =>
    createSeries(env.ctx, args, {
      existing: await getSeries(env.db, env.clubId, args.seriesId),
      trainingType: await getTrainingType(env.db, env.clubId, args.trainingTypeId),
    }),

  'series.update': async (env, args) => {
    const series = await getSeries(env.db, env.clubId, args.seriesId);
    const sessions = series ? await listSessionsOfSeries(env.db, env.clubId, series.id) : [];
    const occurrences = [];
    for (const session of sessions) {
      occurrences.push({
        session,
        signups: await listSignups(env.db, session.id),
        attendance: await listAttendance(env.db, session.id),
      });
    }
    const records = occurrences.flatMap((o) => [...o.signups, ...o.attendance]);
    return updateSeries(env.ctx, args, {
      series,
      trainingType: await getTrainingType(
        env.db,
        env.clubId,
        args.trainingTypeId ?? series?.trainingTypeId,
      ),
      occurrences,
      passes: await listPassesByIds(env.db, env.clubId, chargedPassIds(records)),
    });
  },

  'trainingType.create': async (env, args) =>
    createTrainingType(env.ctx, args, {
      existing: await getTrainingType(env.db, env.clubId, args.trainingTypeId),
      all: await listTrainingTypes(env.db, env.clubId),
    }),

  'trainingType.rename': async (env, args) =>
    renameTrainingType(env.ctx, args, {
      trainingType: await getTrainingType(env.db, env.clubId, args.trainingTypeId),
      all: await listTrainingTypes(env.db, env.clubId),
    }),

  'trainingType.archive': async (env, args) =>
    archiveTrainingType(env.ctx, args, {
      trainingType: await getTrainingType(env.db, env.clubId, args.trainingTypeId),
    }),

  'intent.set': async (env, args) =>
    setIntent(env.ctx, args, {
      session: await env.sessions.get(args.sessionId),
      intent: await getIntent(env.db, args.sessionId, env.ctx.actor.memberId),
    }),

  'signup.create': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    const waitlist = facts.session ? await listWaitlist(env.db, facts.session.id) : [];
    return explained(env, facts, memberId, (f) => signUp(env.ctx, args, { ...f, waitlist }));
  },

  'signup.cancel': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    const waiting = facts.session ? await waitlistFacts(env, facts.session.id) : {};
    return signOut(env.ctx, args, { ...facts, ...waiting });
  },

  'checkin.create': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    return explained(env, facts, memberId, (f) => checkIn(env.ctx, args, f));
  },

  'checkin.void': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return voidCheckIn(env.ctx, args, await memberSessionFacts(env, args.sessionId, memberId));
  },

  'checkin.adjust': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return adjustCheckIn(env.ctx, args, await memberSessionFacts(env, args.sessionId, memberId));
  },

  'checkin.settle': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return settleCheckIn(env.ctx, args, await memberSessionFacts(env, args.sessionId, memberId));
  },

  'template.create': async (env, args) =>
    createTemplate(env.ctx, args, {
      existing: await getTemplate(env.db, env.clubId, args.templateId),
    }),

  'template.update': async (env, args) =>
    updateTemplate(env.ctx, args, {
      template: await getTemplate(env.db, env.clubId, args.templateId),
    }),

  'template.delete': async (env, args) =>
    deleteTemplate(env.ctx, args, {
      template: await getTemplate(env.db, env.clubId, args.templateId),
      passes: await listPassesOfTemplate(env.db, env.clubId, args.templateId),
    }),

  'pass.grant': async (env, args) => {
    if (!(await isActiveMember(env.db, env.clubId, args.memberId))) return refuse('not_found');
    return grantPass(env.ctx, args, {
      template: await getTemplate(env.db, env.clubId, args.templateId),
      request: await getPassRequest(env.db, env.clubId, args.requestId),
      existing: await getPass(env.db, env.clubId, args.passId),
    });
  },

  'pass.extend': async (env, args) =>
    extendPass(env.ctx, args, { pass: await getPass(env.db, env.clubId, args.passId) }),

  'pass.addSessions': async (env, args) =>
    addSessions(env.ctx, args, { pass: await getPass(env.db, env.clubId, args.passId) }),

  'pass.setActive': async (env, args) =>
    setPassActive(env.ctx, args, { pass: await getPass(env.db, env.clubId, args.passId) }),

  'pass.adjust': async (env, args) =>
    adjustPass(env.ctx, args, { pass: await getPass(env.db, env.clubId, args.passId) }),

  'passRequest.create': async (env, args) =>
    createPassRequest(env.ctx, args, {
      template: await getTemplate(env.db, env.clubId, args.templateId),
      existing: await getPassRequest(env.db, env.clubId, args.requestId),
    }),

  'passRequest.reject': async (env, args) =>
    rejectPassRequest(env.ctx, args, {
      request: await getPassRequest(env.db, env.clubId, args.requestId),
    }),

  'club.updateSettings': async (env, args) => updateClubSettings(env.ctx, args),

  'attention.resolve': async (env, args) => {
    const item = await getAttentionItem(env.db, env.clubId, args.itemId);
    const resolution = item ? await getAttentionResolution(env.db, item.id) : null;
    const checkIn =
      item?.sessionId && item.memberId
        ? await memberSessionFacts(env, item.sessionId, item.memberId)
        : null;
    return resolveAttention(env.ctx, args, {
      item,
      resolution,
      session: checkIn?.session ?? null,
      attendance: checkIn?.attendance ?? null,
      passes: checkIn?.passes ?? [],
    });
  },
};

/** Judges one validated mutation. */
export function decide<N extends MutationName>(
  env: HandlerEnv,
  name: N,
  args: MutationArgs<N>,
): Promise<Decision> {
  return (handlers[name] as Handler<N>)(env, args);
}
