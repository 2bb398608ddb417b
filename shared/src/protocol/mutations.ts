import { z } from 'zod';
import { flags, id, instant } from '../mutations/fields.js';
import type { Explanation } from '../rules/explain.js';
import { errorMessages, type ErrorCode } from './errors.js';

/**
 * The sync protocol's envelope (docs/protocol.md): a device's mutations as
 * sent, a push and its results. The mutations themselves — names, args and
 * how each is judged — are defined by area in `src/mutations/`.
 */

export {
  attentionResolutions,
  creditsArg,
  flags,
  type AttentionResolutionKind,
  type Flag,
  type StoredResolutionKind,
} from '../mutations/fields.js';
import { lazy } from '../lazy.js';
export * from '../mutations/index.js';

// --- Envelope and push ------------------------------------------------------

export const mutationSchema = lazy(() =>
  z.object({
    id,
    clientId: id,
    seq: z.number().int().min(0),
    /** Not an enum: an old app may send a name this server no longer knows; that is a rejected result, not a failed push. */
    name: z.string().min(1).max(100),
    args: z.record(z.string(), z.unknown()),
    occurredAt: instant,
  }),
);
export type Mutation = z.infer<typeof mutationSchema>;

const MAX_PUSH_MUTATIONS = 1000;

/**
 * The most one mutation's args may take, as JSON (UTF-16 code units, which
 * is what the server can count without encoding). The largest real args, a
 * pass template with names and descriptions in several languages, stay far
 * below; a bigger one is refused `too_large` on its own, and the rest of the
 * batch goes on (docs/decisions.md, "Limits").
 */
export const MAX_ARGS_CHARS = 16_384;

/**
 * The name people give a device ("Front desk tablet"), sent with every push
 * and shown in explanations and the audit trail: trimmed, 1–60 characters,
 * no control characters (it is printed into sentences and CSV files).
 */
export const MAX_DEVICE_NAME = 60;
export const deviceName = lazy(() =>
  z
    .string()
    .trim()
    .min(1)
    .max(MAX_DEVICE_NAME)
    .regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+$/u, 'Use letters, digits, spaces and punctuation only'),
);

const explainedDevice = lazy(() => z.string().max(200).nullable());
/** What explains a refusal, as data for devices to word (see `Explanation` in rules/explain.ts). */
export const explanationSchema: z.ZodType<Explanation> = lazy(() =>
  z.discriminatedUnion('kind', [
    z.object({
      kind: z.literal('place_taken'),
      record: z.enum(['signup', 'checkin']),
      at: instant,
      device: explainedDevice,
      memberName: z.string().max(200).optional(),
    }),
    z.object({
      kind: z.literal('credit_used'),
      record: z.enum(['signup', 'checkin']),
      at: instant,
      device: explainedDevice,
      sessionTitle: z.string().max(200),
    }),
    z.object({ kind: z.literal('check_in_opens'), at: instant }),
    z.object({ kind: z.literal('checked_in'), at: instant, device: explainedDevice }),
    z.object({ kind: z.literal('code_made'), at: instant }),
    z.object({
      kind: z.literal('phone_pass_ran_out'),
      on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    }),
    z.object({
      kind: z.literal('credits_owed'),
      owed: z.number().int().min(0).max(1_000_000),
      usable: z.number().int().min(0).max(1_000_000),
    }),
    z.object({
      kind: z.literal('request_decided'),
      status: z.enum(['approved', 'rejected', 'withdrawn']),
    }),
    z.object({ kind: z.literal('name_taken'), name: z.string().max(200) }),
  ]),
);

/**
 * One batch is for one club (a device with several clubs pushes each club's
 * part of its outbox separately); `deviceLabel` names the device in
 * explanations ("recorded at 17:52 on Front desk").
 */
export const pushInput = lazy(() =>
  z.object({
    clubId: id,
    clientId: id,
    deviceLabel: deviceName.optional(),
    mutations: z.array(mutationSchema).max(MAX_PUSH_MUTATIONS),
  }),
);
export type PushInput = z.infer<typeof pushInput>;

export const pushResult = lazy(() =>
  z.object({
    id,
    status: z.enum(['applied', 'rejected']),
    code: z.enum(Object.keys(errorMessages) as [ErrorCode, ...ErrorCode[]]).optional(),
    message: z.string().optional(),
    /** What explains the refusal (what won, when it opens…), for the device to word. */
    explanation: explanationSchema.optional(),
    flags: z.array(z.enum(flags)).optional(),
    replayed: z.literal(true).optional(),
  }),
);
export type PushResult = z.infer<typeof pushResult>;

export const pushOutput = lazy(() =>
  z.object({ serverTime: instant, results: z.array(pushResult) }),
);
export type PushOutput = z.infer<typeof pushOutput>;
