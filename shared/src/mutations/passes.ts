import { z } from 'zod';
import { addSessions, adjustPass, extendPass, grantPass, setPassActive } from '../rules/passes.js';
import { createTemplate, deleteTemplate, updateTemplate } from '../rules/templates.js';
import { notFound, type Definitions } from './define.js';
import { id, localized, reason } from './fields.js';
import { lazy } from '../lazy.js';

const templateFields = lazy(() => ({
  names: localized(100).refine((r) => Object.keys(r).length > 0, 'Give at least one name'),
  descriptions: localized(2000).optional(),
  /** Required for a session-count template; omitted for a time template. */
  sessions: z.number().int().min(1).max(1000).optional(),
  /** `time`: unlimited sessions for `validityDays`; omitted = `credits`. */
  kind: z.enum(['credits', 'time']).optional(),
  /** A time template's most sessions per ISO week; null or omitted = no cap. */
  weeklyCap: z.number().int().min(1).max(21).nullable().optional(),
  /** Price in minor units (cents). */
  priceMinor: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code'),
  validityDays: z.number().int().min(1).max(3650),
  /** Empty or omitted = all training types. */
  trainingTypeIds: z.array(id).max(100).optional(),
}));

export const passArgs = lazy(() => ({
  'template.create': z.object({ templateId: id, ...templateFields }),
  'template.update': z.object({
    templateId: id,
    names: templateFields.names.optional(),
    descriptions: templateFields.descriptions,
    sessions: templateFields.sessions,
    kind: templateFields.kind,
    weeklyCap: templateFields.weeklyCap,
    priceMinor: templateFields.priceMinor.optional(),
    currency: templateFields.currency.optional(),
    validityDays: templateFields.validityDays.optional(),
    trainingTypeIds: templateFields.trainingTypeIds,
  }),
  'template.delete': z.object({ templateId: id }),
  'pass.grant': z.object({
    passId: id,
    memberId: id,
    templateId: id,
    requestId: id.optional(),
  }),
  'pass.extend': z.object({ passId: id, days: z.number().int().min(1).max(3650) }),
  'pass.addSessions': z.object({ passId: id, sessions: z.number().int().min(1).max(1000) }),
  'pass.setActive': z.object({ passId: id, active: z.boolean() }),
  'pass.adjust': z.object({
    passId: id,
    /** Sessions added (positive) or removed (negative). */
    delta: z
      .number()
      .int()
      .min(-1000)
      .max(1000)
      .refine((n) => n !== 0, 'The adjustment cannot be zero'),
    reason,
  }),
}));

const owners = { owner: true } as const;
const passManagers = { host: 'hostsCanManagePasses', owner: true } as const;

export const passMutations: Definitions<typeof passArgs> = {
  'template.create': {
    argsDoc:
      '`templateId, names{locale}, descriptions?{locale}, kind? (credits | time), sessions (credits only), weeklyCap? (time only, 1..21 or null), priceMinor, currency (ISO 4217), validityDays, trainingTypeIds?`',
    who: owners,
    judge: (facts, ctx, args) =>
      createTemplate(ctx, args, { existing: facts.template(args.templateId) }),
  },
  'template.update': {
    argsDoc: '`templateId` + any field of `template.create`',
    who: owners,
    judge: (facts, ctx, args) =>
      updateTemplate(ctx, args, { template: facts.template(args.templateId) }),
  },
  'template.delete': {
    argsDoc: '`templateId` — refused `template_in_use` while an active pass uses it',
    who: owners,
    judge: (facts, ctx, args) =>
      deleteTemplate(ctx, args, {
        template: facts.template(args.templateId),
        passes: facts.passesOfTemplate(args.templateId),
      }),
  },
  'pass.grant': {
    argsDoc: '`passId, memberId, templateId, requestId?`',
    who: passManagers,
    judge: (facts, ctx, args) => {
      if (!facts.isActiveMember(args.memberId)) return notFound();
      return grantPass(ctx, args, {
        template: facts.template(args.templateId),
        request: facts.passRequest(args.requestId),
        existing: facts.pass(args.passId),
      });
    },
  },
  'pass.extend': {
    argsDoc: '`passId, days`',
    who: passManagers,
    judge: (facts, ctx, args) => extendPass(ctx, args, { pass: facts.pass(args.passId) }),
  },
  'pass.addSessions': {
    argsDoc: '`passId, sessions`',
    who: passManagers,
    judge: (facts, ctx, args) => addSessions(ctx, args, { pass: facts.pass(args.passId) }),
  },
  'pass.setActive': {
    argsDoc: '`passId, active`',
    who: passManagers,
    judge: (facts, ctx, args) => setPassActive(ctx, args, { pass: facts.pass(args.passId) }),
  },
  'pass.adjust': {
    argsDoc: '`passId, delta (±), reason` — manual adjustment in the credit log',
    who: passManagers,
    judge: (facts, ctx, args) => adjustPass(ctx, args, { pass: facts.pass(args.passId) }),
  },
};
