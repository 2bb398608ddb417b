import { z } from 'zod';
import { id } from './accounts.js';
import { clubSettingsSchema } from '../settings.js';
import { errorMessages, type ErrorCode } from './errors.js';

/**
 * The mutation catalogue (ARCHITECTURE.md, "The sync protocol"): every domain
 * write is a named mutation whose args are validated by the schema below.
 * A name is a versioned contract: changing a mutation's args means a new name.
 */

const instant = z.iso.datetime({ offset: true });
const clubDate = z.iso.date();
const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm (24-hour clock)');
const locale = z.string().min(2).max(35);
const title = z.string().trim().min(1).max(200);
const longText = z.string().trim().max(5000);
const reason = z.string().trim().min(1).max(500);
/** Languages one name or description may come in. */
const MAX_LOCALES = 12;
const localized = (max: number) =>
  z
    .record(locale, z.string().trim().min(1).max(max))
    .refine((r) => Object.keys(r).length <= MAX_LOCALES, `At most ${MAX_LOCALES} languages`);

export const flags = ['over_capacity', 'unpaid', 'waitlisted', 'late_cancel'] as const;
export type Flag = (typeof flags)[number];

/** Credits recorded by one check-in; the club setting narrows it further. */
export const creditsArg = z.number().int().min(1).max(20);

// --- Sessions -------------------------------------------------------------

const sessionFields = {
  title,
  capacity: z.number().int().min(1).max(100_000).nullable().optional(),
  creditCost: z.number().int().min(0).max(20).optional(),
  location: z.string().trim().max(200).nullable().optional(),
  description: longText.nullable().optional(),
  trainingTypeId: id.nullable().optional(),
};

const endsAfterStart = (v: { startsAt?: string; endsAt?: string }) =>
  v.startsAt === undefined ||
  v.endsAt === undefined ||
  Date.parse(v.endsAt) > Date.parse(v.startsAt);
const endsAfterStartIssue = { message: 'The end must be after the start', path: ['endsAt'] };

export const sessionCreateArgs = z
  .object({ sessionId: id, startsAt: instant, endsAt: instant, ...sessionFields })
  .refine(endsAfterStart, endsAfterStartIssue);

export const sessionUpdateArgs = z
  .object({
    sessionId: id,
    startsAt: instant.optional(),
    endsAt: instant.optional(),
    ...sessionFields,
    title: title.optional(),
  })
  .refine(endsAfterStart, endsAfterStartIssue);

export const sessionCancelArgs = z.object({ sessionId: id, reason: reason.optional() });

// --- Weekly series ----------------------------------------------------------

const weekdays = z
  .array(z.number().int().min(1).max(7))
  .min(1)
  .max(7)
  .refine((d) => new Set(d).size === d.length, 'Each weekday once');

const seriesFields = {
  /** ISO weekdays: 1 = Monday … 7 = Sunday. */
  weekdays,
  /** Club-local start time. */
  startTime: wallTime,
  durationMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  fromDate: clubDate,
  untilDate: clubDate,
  ...sessionFields,
};

const MAX_SERIES_DAYS = 2 * 366;
const seriesSpan = (v: { fromDate?: string; untilDate?: string }) =>
  v.fromDate === undefined ||
  v.untilDate === undefined ||
  (v.untilDate >= v.fromDate &&
    (Date.parse(v.untilDate) - Date.parse(v.fromDate)) / 86_400_000 <= MAX_SERIES_DAYS);
const seriesSpanIssue = {
  message: 'The series must end on or after its first date, within two years',
  path: ['untilDate'],
};

export const seriesCreateArgs = z
  .object({ seriesId: id, ...seriesFields })
  .refine(seriesSpan, seriesSpanIssue);

export const seriesUpdateArgs = z
  .object({
    seriesId: id,
    ...seriesFields,
    weekdays: weekdays.optional(),
    startTime: wallTime.optional(),
    durationMinutes: seriesFields.durationMinutes.optional(),
    fromDate: clubDate.optional(),
    untilDate: clubDate.optional(),
    title: title.optional(),
  })
  .refine(seriesSpan, seriesSpanIssue);

// --- Training types ---------------------------------------------------------

const trainingTypeName = z.string().trim().min(1).max(100);
export const trainingTypeCreateArgs = z.object({ trainingTypeId: id, name: trainingTypeName });
export const trainingTypeRenameArgs = z.object({ trainingTypeId: id, name: trainingTypeName });
export const trainingTypeArchiveArgs = z.object({
  trainingTypeId: id,
  /** false restores an archived type. */
  archived: z.boolean().default(true),
});

// --- Going, sign-ups, check-ins --------------------------------------------

export const intentSetArgs = z.object({ sessionId: id, going: z.boolean() });
export const signupCreateArgs = z.object({ sessionId: id, memberId: id.optional() });
export const signupCancelArgs = z.object({ sessionId: id, memberId: id.optional() });
export const checkinCreateArgs = z.object({
  sessionId: id,
  memberId: id.optional(),
  credits: creditsArg.optional(),
});
export const checkinVoidArgs = z.object({ sessionId: id, memberId: id, reason: reason.optional() });
export const checkinAdjustArgs = z.object({ sessionId: id, memberId: id, credits: creditsArg });

// --- Templates and passes ---------------------------------------------------

const templateFields = {
  names: localized(100).refine((r) => Object.keys(r).length > 0, 'Give at least one name'),
  descriptions: localized(2000).optional(),
  sessions: z.number().int().min(1).max(1000),
  /** Price in minor units (cents). */
  priceMinor: z.number().int().min(0).max(100_000_000),
  currency: z.string().regex(/^[A-Z]{3}$/, 'Use a 3-letter currency code'),
  validityDays: z.number().int().min(1).max(3650),
  /** Empty or omitted = all training types. */
  trainingTypeIds: z.array(id).max(100).optional(),
};

export const templateCreateArgs = z.object({ templateId: id, ...templateFields });
export const templateUpdateArgs = z.object({
  templateId: id,
  names: templateFields.names.optional(),
  descriptions: templateFields.descriptions,
  sessions: templateFields.sessions.optional(),
  priceMinor: templateFields.priceMinor.optional(),
  currency: templateFields.currency.optional(),
  validityDays: templateFields.validityDays.optional(),
  trainingTypeIds: templateFields.trainingTypeIds,
});
export const templateDeleteArgs = z.object({ templateId: id });

export const passGrantArgs = z.object({
  passId: id,
  memberId: id,
  templateId: id,
  requestId: id.optional(),
});
export const passExtendArgs = z.object({ passId: id, days: z.number().int().min(1).max(3650) });
export const passAddSessionsArgs = z.object({
  passId: id,
  sessions: z.number().int().min(1).max(1000),
});
export const passSetActiveArgs = z.object({ passId: id, active: z.boolean() });
export const passAdjustArgs = z.object({
  passId: id,
  /** Sessions added (positive) or removed (negative). */
  delta: z
    .number()
    .int()
    .min(-1000)
    .max(1000)
    .refine((n) => n !== 0, 'The adjustment cannot be zero'),
  reason,
});

export const passRequestCreateArgs = z.object({
  requestId: id,
  templateId: id,
  note: z.string().trim().max(500).optional(),
});
export const passRequestRejectArgs = z.object({ requestId: id, reason: reason.optional() });

// --- Needs attention ------------------------------------------------------------

/**
 * How an organizer closes a needs-attention item: `accepted` (the outcome
 * stands; an unpaid check-in's debt is waived), `charged` (an unpaid
 * check-in's debt is charged to the member's passes now) or `dismissed`
 * (closed, nothing changes).
 */
export const attentionResolutions = ['accepted', 'charged', 'dismissed'] as const;
export type AttentionResolutionKind = (typeof attentionResolutions)[number];

/** Charge an unpaid check-in's debt to the member's usable passes. */
export const checkinSettleArgs = z.object({ sessionId: id, memberId: id });
export const attentionResolveArgs = z.object({
  /** The item's id: the id of the mutation it is about. */
  itemId: id,
  resolution: z.enum(attentionResolutions),
  note: z.string().trim().min(1).max(500).optional(),
});
/**
 * Dismiss a group of refused items at once: every refusal of the same device,
 * mutation and code as the named item, up to it (its arrival at the server).
 */
export const attentionDismissGroupArgs = z.object({
  /** The group's latest item as the organizer saw it (`reports.attention` entry `id`). */
  itemId: id,
  note: z.string().trim().min(1).max(500).optional(),
});

// --- Club -------------------------------------------------------------------

export const clubUpdateSettingsArgs = clubSettingsSchema
  .partial()
  .refine((s) => Object.keys(s).length > 0, 'Change at least one setting');

// --- Catalogue --------------------------------------------------------------

export const mutationArgs = {
  'session.create': sessionCreateArgs,
  'session.update': sessionUpdateArgs,
  'session.cancel': sessionCancelArgs,
  'series.create': seriesCreateArgs,
  'series.update': seriesUpdateArgs,
  'trainingType.create': trainingTypeCreateArgs,
  'trainingType.rename': trainingTypeRenameArgs,
  'trainingType.archive': trainingTypeArchiveArgs,
  'intent.set': intentSetArgs,
  'signup.create': signupCreateArgs,
  'signup.cancel': signupCancelArgs,
  'checkin.create': checkinCreateArgs,
  'checkin.void': checkinVoidArgs,
  'checkin.adjust': checkinAdjustArgs,
  'checkin.settle': checkinSettleArgs,
  'template.create': templateCreateArgs,
  'template.update': templateUpdateArgs,
  'template.delete': templateDeleteArgs,
  'pass.grant': passGrantArgs,
  'pass.extend': passExtendArgs,
  'pass.addSessions': passAddSessionsArgs,
  'pass.setActive': passSetActiveArgs,
  'pass.adjust': passAdjustArgs,
  'passRequest.create': passRequestCreateArgs,
  'passRequest.reject': passRequestRejectArgs,
  'club.updateSettings': clubUpdateSettingsArgs,
  'attention.resolve': attentionResolveArgs,
  'attention.dismissGroup': attentionDismissGroupArgs,
} as const;

export type MutationName = keyof typeof mutationArgs;
export const mutationNames = Object.keys(mutationArgs) as MutationName[];

/** Parsed (output) args of a mutation, defaults applied. */
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
/** Args as a client sends them (defaults optional). */
export type MutationArgsInput<N extends MutationName> = z.input<(typeof mutationArgs)[N]>;

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutationArgs, name);
}

export type ParsedMutationArgs =
  | { ok: true; name: MutationName; args: MutationArgs<MutationName> }
  | { ok: false; issues: { path: string; message: string }[] };

/** Validate the args of a mutation by name (an unknown name is an issue too). */
export function parseMutationArgs(name: string, args: unknown): ParsedMutationArgs {
  if (!isMutationName(name)) {
    return { ok: false, issues: [{ path: 'name', message: `Unknown mutation: ${name}` }] };
  }
  const parsed = mutationArgs[name].safeParse(args);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  return { ok: true, name, args: parsed.data };
}

// --- Envelope and push ------------------------------------------------------

export const mutationSchema = z.object({
  id,
  clientId: id,
  seq: z.number().int().min(0),
  /** Not an enum: an old app may send a name this server no longer knows; that is a rejected result, not a failed push. */
  name: z.string().min(1).max(100),
  args: z.record(z.string(), z.unknown()),
  occurredAt: instant,
});
export type Mutation = z.infer<typeof mutationSchema>;

/** A mutation whose args have a known, typed shape (what the app builds). */
export type TypedMutation = {
  [N in MutationName]: Omit<Mutation, 'name' | 'args'> & { name: N; args: MutationArgsInput<N> };
}[MutationName];

export const MAX_PUSH_MUTATIONS = 1000;

/**
 * The most one mutation's args may take, as JSON (UTF-16 code units, which
 * is what the server can count without encoding). The largest real args, a
 * pass template with names and descriptions in several languages, stay far
 * below; a bigger one is refused `too_large` on its own, and the rest of the
 * batch goes on (docs/decisions.md, "Limits").
 */
export const MAX_ARGS_CHARS = 16_384;

/**
 * One batch is for one club (a device with several clubs pushes each club's
 * part of its outbox separately); `deviceLabel` names the device in
 * explanations ("recorded at 17:52 on Front desk").
 */
export const pushInput = z.object({
  clubId: id,
  clientId: id,
  deviceLabel: z.string().trim().min(1).max(60).optional(),
  mutations: z.array(mutationSchema).max(MAX_PUSH_MUTATIONS),
});
export type PushInput = z.infer<typeof pushInput>;

export const pushResult = z.object({
  id,
  status: z.enum(['applied', 'rejected']),
  code: z.enum(Object.keys(errorMessages) as [ErrorCode, ...ErrorCode[]]).optional(),
  message: z.string().optional(),
  flags: z.array(z.enum(flags)).optional(),
  replayed: z.literal(true).optional(),
});
export type PushResult = z.infer<typeof pushResult>;

export const pushOutput = z.object({ serverTime: instant, results: z.array(pushResult) });
export type PushOutput = z.infer<typeof pushOutput>;
