import type { MutationArgs, MutationName } from '../protocol/mutations.js';
import type { MemberSessionFacts } from '../rules/attendance.js';
import {
  adjustCheckIn,
  checkIn,
  setIntent,
  signOut,
  signUp,
  voidCheckIn,
} from '../rules/attendance.js';
import { updateClubSettings } from '../rules/club.js';
import { dismissAttentionGroup, resolveAttention, settleCheckIn } from '../rules/attention.js';
import { applied, refuse, type CommandContext, type Decision } from '../rules/decision.js';
import {
  addSessions,
  adjustPass,
  createTemplate,
  deleteTemplate,
  extendPass,
  grantPass,
  setPassActive,
  updateTemplate,
} from '../rules/passes.js';
import { createPassRequest, rejectPassRequest } from '../rules/requests.js';
import { createSeries, updateSeries } from '../rules/series.js';
import { cancelSession, createSession, updateSession } from '../rules/sessions.js';
import {
  archiveTrainingType,
  createTrainingType,
  renameTrainingType,
} from '../rules/trainingTypes.js';
import type { FactSource } from './facts.js';

/**
 * The mutation catalogue wired to the rulebook: for each mutation, which
 * facts to read and which rule decides. The server runs it inside the push
 * transaction with facts from SQLite; a device runs it on its local copy.
 */

type Handler<N extends MutationName> = (
  facts: FactSource,
  ctx: CommandContext,
  args: MutationArgs<N>,
) => Promise<Decision>;
type Handlers = { [N in MutationName]: Handler<N> };

/** Every pass a set of records was charged to. */
function chargedPassIds(records: readonly { charges: readonly { passId: string }[] }[]): string[] {
  return [...new Set(records.flatMap((r) => r.charges.map((c) => c.passId)))];
}

/**
 * The member an action is for: the actor unless a memberId is named. A named
 * member must belong to this club (else null → `not_found`); whether the
 * actor may act for them is the rules' call.
 */
async function targetMember(facts: FactSource, ctx: CommandContext, memberId?: string) {
  if (memberId === undefined || memberId === ctx.actor.memberId) return ctx.actor.memberId;
  return (await facts.isActiveMember(memberId)) ? memberId : null;
}

/** Everything the attendance rules need about one member and one session. */
async function memberSessionFacts(
  facts: FactSource,
  sessionId: string,
  memberId: string,
): Promise<MemberSessionFacts> {
  const session = await facts.session(sessionId);
  if (!session) return { session, occupancy: 0, signup: null, attendance: null, passes: [] };
  return {
    session,
    occupancy: await facts.occupancy(sessionId),
    signup: await facts.memberSignup(sessionId, memberId),
    attendance: await facts.memberAttendance(sessionId, memberId),
    passes: await facts.passesOfMembers([memberId]),
  };
}

/**
 * Judges with the cheap facts first; only a capacity or credit refusal reads
 * the records that explain it and asks the (pure) rule again with them.
 */
async function explained(
  facts: FactSource,
  known: MemberSessionFacts,
  memberId: string,
  rule: (facts: MemberSessionFacts) => Decision,
): Promise<Decision> {
  const decision = rule(known);
  if (decision.ok || !known.session) return decision;
  if (decision.code === 'session_full') {
    return rule({ ...known, placeRecords: await facts.placeRecords(known.session.id) });
  }
  if (decision.code === 'insufficient_credits') {
    return rule({ ...known, creditUses: await facts.recentCreditUses(memberId) });
  }
  return decision;
}

/** Waiters of a session and their passes, for promotion when a spot frees. */
async function waitlistFacts(facts: FactSource, sessionId: string) {
  const waitlist = await facts.waitlist(sessionId);
  const waiterPasses = await facts.passesOfMembers(waitlist.map((w) => w.memberId));
  return { waitlist, waiterPasses };
}

const notFound = () => refuse('not_found');

const handlers: Handlers = {
  'session.create': async (facts, ctx, args) =>
    createSession(ctx, args, {
      existing: await facts.session(args.sessionId),
      trainingType: await facts.trainingType(args.trainingTypeId),
    }),

  'session.update': async (facts, ctx, args) => {
    const session = await facts.session(args.sessionId);
    return updateSession(ctx, args, {
      session,
      trainingType: await facts.trainingType(args.trainingTypeId ?? session?.trainingTypeId),
      occupancy: session ? await facts.occupancy(session.id) : 0,
      ...(session ? await waitlistFacts(facts, session.id) : {}),
    });
  },

  'session.cancel': async (facts, ctx, args) => {
    const session = await facts.session(args.sessionId);
    const signups = session ? await facts.signups(session.id) : [];
    const attendance = session ? await facts.attendance(session.id) : [];
    const passes = await facts.passesByIds(chargedPassIds([...signups, ...attendance]));
    return cancelSession(ctx, args, { session, signups, attendance, passes });
  },

  'series.create': async (facts, ctx, args) =>
    createSeries(ctx, args, {
      existing: await facts.series(args.seriesId),
      trainingType: await facts.trainingType(args.trainingTypeId),
    }),

  'series.update': async (facts, ctx, args) => {
    const series = await facts.series(args.seriesId);
    const sessions = series ? await facts.sessionsOfSeries(series.id) : [];
    const occurrences = [];
    for (const session of sessions) {
      occurrences.push({
        session,
        signups: await facts.signups(session.id),
        attendance: await facts.attendance(session.id),
      });
    }
    const records = occurrences.flatMap((o) => [...o.signups, ...o.attendance]);
    return updateSeries(ctx, args, {
      series,
      trainingType: await facts.trainingType(args.trainingTypeId ?? series?.trainingTypeId),
      occurrences,
      passes: await facts.passesByIds(chargedPassIds(records)),
    });
  },

  'trainingType.create': async (facts, ctx, args) =>
    createTrainingType(ctx, args, {
      existing: await facts.trainingType(args.trainingTypeId),
      all: await facts.trainingTypes(),
    }),

  'trainingType.rename': async (facts, ctx, args) =>
    renameTrainingType(ctx, args, {
      trainingType: await facts.trainingType(args.trainingTypeId),
      all: await facts.trainingTypes(),
    }),

  'trainingType.archive': async (facts, ctx, args) =>
    archiveTrainingType(ctx, args, { trainingType: await facts.trainingType(args.trainingTypeId) }),

  'intent.set': async (facts, ctx, args) =>
    setIntent(ctx, args, {
      session: await facts.session(args.sessionId),
      intent: await facts.intent(args.sessionId, ctx.actor.memberId),
    }),

  'signup.create': async (facts, ctx, args) => {
    const memberId = await targetMember(facts, ctx, args.memberId);
    if (!memberId) return notFound();
    const known = await memberSessionFacts(facts, args.sessionId, memberId);
    const waitlist = known.session ? await facts.waitlist(known.session.id) : [];
    return explained(facts, known, memberId, (f) => signUp(ctx, args, { ...f, waitlist }));
  },

  'signup.cancel': async (facts, ctx, args) => {
    const memberId = await targetMember(facts, ctx, args.memberId);
    if (!memberId) return notFound();
    const known = await memberSessionFacts(facts, args.sessionId, memberId);
    const waiting = known.session ? await waitlistFacts(facts, known.session.id) : {};
    return signOut(ctx, args, { ...known, ...waiting });
  },

  'checkin.create': async (facts, ctx, args) => {
    const memberId = await targetMember(facts, ctx, args.memberId);
    if (!memberId) return notFound();
    const known = await memberSessionFacts(facts, args.sessionId, memberId);
    return explained(facts, known, memberId, (f) => checkIn(ctx, args, f));
  },

  'checkin.void': async (facts, ctx, args) => {
    const memberId = await targetMember(facts, ctx, args.memberId);
    if (!memberId) return notFound();
    return voidCheckIn(ctx, args, await memberSessionFacts(facts, args.sessionId, memberId));
  },

  'checkin.adjust': async (facts, ctx, args) => {
    const memberId = await targetMember(facts, ctx, args.memberId);
    if (!memberId) return notFound();
    return adjustCheckIn(ctx, args, await memberSessionFacts(facts, args.sessionId, memberId));
  },

  'checkin.settle': async (facts, ctx, args) => {
    const memberId = await targetMember(facts, ctx, args.memberId);
    if (!memberId) return notFound();
    return settleCheckIn(ctx, args, await memberSessionFacts(facts, args.sessionId, memberId));
  },

  'template.create': async (facts, ctx, args) =>
    createTemplate(ctx, args, { existing: await facts.template(args.templateId) }),

  'template.update': async (facts, ctx, args) =>
    updateTemplate(ctx, args, { template: await facts.template(args.templateId) }),

  'template.delete': async (facts, ctx, args) =>
    deleteTemplate(ctx, args, {
      template: await facts.template(args.templateId),
      passes: await facts.passesOfTemplate(args.templateId),
    }),

  'pass.grant': async (facts, ctx, args) => {
    if (!(await facts.isActiveMember(args.memberId))) return notFound();
    return grantPass(ctx, args, {
      template: await facts.template(args.templateId),
      request: await facts.passRequest(args.requestId),
      existing: await facts.pass(args.passId),
    });
  },

  'pass.extend': async (facts, ctx, args) =>
    extendPass(ctx, args, { pass: await facts.pass(args.passId) }),

  'pass.addSessions': async (facts, ctx, args) =>
    addSessions(ctx, args, { pass: await facts.pass(args.passId) }),

  'pass.setActive': async (facts, ctx, args) =>
    setPassActive(ctx, args, { pass: await facts.pass(args.passId) }),

  'pass.adjust': async (facts, ctx, args) =>
    adjustPass(ctx, args, { pass: await facts.pass(args.passId) }),

  'passRequest.create': async (facts, ctx, args) =>
    createPassRequest(ctx, args, {
      template: await facts.template(args.templateId),
      existing: await facts.passRequest(args.requestId),
    }),

  'passRequest.reject': async (facts, ctx, args) =>
    rejectPassRequest(ctx, args, { request: await facts.passRequest(args.requestId) }),

  'club.updateSettings': async (_facts, ctx, args) => updateClubSettings(ctx, args),

  'attention.resolve': async (facts, ctx, args) => {
    // A device has no mutation log to judge with: it shows nothing and the server decides.
    if (!facts.attentionItem || !facts.attentionResolution) return applied();
    const item = await facts.attentionItem(args.itemId);
    const resolution = item ? await facts.attentionResolution(item.id) : null;
    const checkIn =
      item?.sessionId && item.memberId
        ? await memberSessionFacts(facts, item.sessionId, item.memberId)
        : null;
    return resolveAttention(ctx, args, {
      item,
      resolution,
      session: checkIn?.session ?? null,
      attendance: checkIn?.attendance ?? null,
      passes: checkIn?.passes ?? [],
    });
  },

  'attention.dismissGroup': async (facts, ctx, args) => {
    // As attention.resolve: a device has no mutation log, the server decides.
    if (!facts.attentionItem || !facts.attentionGroup) return applied();
    return dismissAttentionGroup(ctx, args, {
      item: await facts.attentionItem(args.itemId),
      group: await facts.attentionGroup(args.itemId),
    });
  },
};

/** Judges one validated mutation with facts from `facts`. */
export function judgeMutation<N extends MutationName>(
  facts: FactSource,
  ctx: CommandContext,
  name: N,
  args: MutationArgs<N>,
): Promise<Decision> {
  return (handlers[name] as Handler<N>)(facts, ctx, args);
}
