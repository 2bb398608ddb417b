import { z } from 'zod';
import { cancelSession, createSession, updateSession } from '../rules/sessions.js';
import { chargedPassIds, waitlistFacts, type Definitions } from './define.js';
import { id, instant, longText, reason, title } from './fields.js';
import { lazy } from '../lazy.js';

/** Fields of a session, shared with weekly series. */
export const sessionFields = lazy(() => ({
  title,
  capacity: z.number().int().min(1).max(100_000).nullable().optional(),
  creditCost: z.number().int().min(0).max(20).optional(),
  location: z.string().trim().max(200).nullable().optional(),
  description: longText.nullable().optional(),
  trainingTypeId: id.nullable().optional(),
}));

const endsAfterStart = (v: { startsAt?: string; endsAt?: string }) =>
  v.startsAt === undefined ||
  v.endsAt === undefined ||
  Date.parse(v.endsAt) > Date.parse(v.startsAt);
const endsAfterStartIssue = { message: 'The end must be after the start', path: ['endsAt'] };

export const sessionArgs = lazy(() => ({
  'session.create': z
    .object({ sessionId: id, startsAt: instant, endsAt: instant, ...sessionFields })
    .refine(endsAfterStart, endsAfterStartIssue),
  'session.update': z
    .object({
      sessionId: id,
      startsAt: instant.optional(),
      endsAt: instant.optional(),
      ...sessionFields,
      title: title.optional(),
    })
    .refine(endsAfterStart, endsAfterStartIssue),
  'session.cancel': z.object({ sessionId: id, reason: reason.optional() }),
}));

const managers = { host: 'hostsCanManageSessions', owner: true } as const;

export const sessionMutations: Definitions<typeof sessionArgs> = {
  'session.create': {
    argsDoc:
      '`sessionId, title, startsAt, endsAt, capacity? (≥1, null = unlimited), creditCost? (0–20, 1), location?, description?, trainingTypeId?`',
    who: managers,
    judge: (facts, ctx, args) =>
      createSession(ctx, args, {
        existing: facts.session(args.sessionId),
        trainingType: facts.trainingType(args.trainingTypeId),
      }),
  },
  'session.update': {
    argsDoc: '`sessionId` + any of the fields of `session.create`',
    who: managers,
    judge: (facts, ctx, args) => {
      const session = facts.session(args.sessionId);
      return updateSession(ctx, args, {
        session,
        trainingType: facts.trainingType(args.trainingTypeId ?? session?.trainingTypeId),
        occupancy: session ? facts.occupancy(session.id) : 0,
        ...(session ? waitlistFacts(facts, session.id) : {}),
      });
    },
  },
  'session.cancel': {
    argsDoc: '`sessionId, reason?` — returns every credit, notifies people holding a place',
    who: managers,
    judge: (facts, ctx, args) => {
      const session = facts.session(args.sessionId);
      const signups = session ? facts.signups(session.id) : [];
      const attendance = session ? facts.attendance(session.id) : [];
      const passes = facts.passesByIds(chargedPassIds([...signups, ...attendance]));
      return cancelSession(ctx, args, { session, signups, attendance, passes });
    },
  },
};
