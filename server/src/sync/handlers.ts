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
  occupancy,
  refuse,
  rejectPassRequest,
  renameTrainingType,
  setIntent,
  setPassActive,
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
  type Signup,
} from '@turnout/shared';
import type { Db } from '../db/connection.js';
import {
  getIntent,
  getPass,
  getPassRequest,
  getSeries,
  getSession,
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
  memberSignup,
  placeRecords,
  recentCreditUses,
} from '../repositories/facts.repository.js';

/** Where a mutation is judged: inside the push transaction, for one club. */
export interface HandlerEnv {
  db: Db;
  clubId: string;
  ctx: CommandContext;
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
  return (await isActiveMember(env.db, env.clubId, memberId)) ? memberId : null;
}

/** Everything the attendance rules need about one member and one session. */
async function memberSessionFacts(
  env: HandlerEnv,
  sessionId: string,
  memberId: string,
): Promise<MemberSessionFacts & { signups: Signup[] }> {
  const session = await getSession(env.db, env.clubId, sessionId);
  const signups = session ? await listSignups(env.db, sessionId) : [];
  const attendance = session ? await listAttendance(env.db, sessionId) : [];
  const own = attendance.find((a) => a.memberId === memberId) ?? null;
  const memberPasses = await listPassesOfMembers(env.db, env.clubId, [memberId]);
  return {
    session,
    occupancy: occupancy(signups, attendance),
    signup: memberSignup(signups, memberId),
    attendance: own,
    passes: memberPasses,
    placeRecords: placeRecords(signups, attendance),
    creditUses: await recentCreditUses(env.db, env.clubId, memberId),
    signups,
  };
}

/** Waiters of a session and their passes, for promotion when a spot frees. */
async function waitlistFacts(env: HandlerEnv, signups: readonly Signup[]) {
  const waitlist = signups.filter((s) => s.status === 'waitlisted');
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
    const session = await getSession(env.db, env.clubId, args.sessionId);
    const signups = session ? await listSignups(env.db, session.id) : [];
    const attendance = session ? await listAttendance(env.db, session.id) : [];
    return updateSession(env.ctx, args, {
      session,
      trainingType: await getTrainingType(
        env.db,
        env.clubId,
        args.trainingTypeId ?? session?.trainingTypeId,
      ),
      occupancy: occupancy(signups, attendance),
      ...(await waitlistFacts(env, signups)),
    });
  },

  'session.cancel': async (env, args) => {
    const session = await getSession(env.db, env.clubId, args.sessionId);
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
      session: await getSession(env.db, env.clubId, args.sessionId),
      intent: await getIntent(env.db, args.sessionId, env.ctx.actor.memberId),
    }),

  'signup.create': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    return signUp(env.ctx, args, {
      ...facts,
      waitlist: facts.signups.filter((s) => s.status === 'waitlisted'),
    });
  },

  'signup.cancel': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    // facts.passes holds every pass of the member, so the ones that paid are there.
    return signOut(env.ctx, args, { ...facts, ...(await waitlistFacts(env, facts.signups)) });
  },

  'checkin.create': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    return checkIn(env.ctx, args, await memberSessionFacts(env, args.sessionId, memberId));
  },

  'checkin.void': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    return voidCheckIn(env.ctx, args, facts);
  },

  'checkin.adjust': async (env, args) => {
    const memberId = await targetMember(env, args.memberId);
    if (!memberId) return notFound();
    const facts = await memberSessionFacts(env, args.sessionId, memberId);
    return adjustCheckIn(env.ctx, args, facts);
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
};

/** Judges one validated mutation. */
export function decide<N extends MutationName>(
  env: HandlerEnv,
  name: N,
  args: MutationArgs<N>,
): Promise<Decision> {
  return (handlers[name] as Handler<N>)(env, args);
}
