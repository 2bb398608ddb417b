import type { z } from 'zod';
import type { FactSource } from '../judge/facts.js';
import type { CommandContext, Decision } from '../rules/decision.js';
import { attentionArgs, attentionMutations } from './attention.js';
import { checkinArgs, checkinMutations } from './checkins.js';
import { clubArgs, clubMutations } from './club.js';
import { describeWho, type Definitions, type MutationDefinition } from './define.js';
import { doorArgs, doorMutations } from './door.js';
import { familyArgs, familyMutations } from './family.js';
import { guestArgs, guestMutations } from './guests.js';
import { passArgs, passMutations } from './passes.js';
import { requestArgs, requestMutations } from './requests.js';
import { seriesArgs, seriesMutations } from './series.js';
import { sessionArgs, sessionMutations } from './sessions.js';
import { signupArgs, signupMutations } from './signups.js';
import { trainingTypeArgs, trainingTypeMutations } from './trainingTypes.js';

/**
 * The mutation catalogue (ARCHITECTURE.md, "The sync protocol"), put
 * together from the areas. Each area file defines its mutations once: args
 * schema, who may send them, what a server batch reads ahead, how they are
 * judged. Adding a mutation touches its area file (and its rule) only.
 * A name is a versioned contract: changing a mutation's args means a new name.
 */

/** Each area's args (built when first read, see lazy.ts) beside its definitions (plain). */
const areas = [
  [sessionArgs, sessionMutations],
  [seriesArgs, seriesMutations],
  [trainingTypeArgs, trainingTypeMutations],
  [signupArgs, signupMutations],
  [checkinArgs, checkinMutations],
  [doorArgs, doorMutations],
  [guestArgs, guestMutations],
  [passArgs, passMutations],
  [requestArgs, requestMutations],
  [clubArgs, clubMutations],
  [attentionArgs, attentionMutations],
  [familyArgs, familyMutations],
] as const;

type AllArgs = typeof sessionArgs &
  typeof seriesArgs &
  typeof trainingTypeArgs &
  typeof signupArgs &
  typeof checkinArgs &
  typeof doorArgs &
  typeof guestArgs &
  typeof passArgs &
  typeof requestArgs &
  typeof clubArgs &
  typeof attentionArgs &
  typeof familyArgs;

/**
 * Every mutation's args schema by name. The names are known at once (from the
 * definitions); reading one builds its area's schemas only, so a device's first
 * check-in does not build the organizer's forms.
 */
export const mutationArgs = {} as AllArgs;
for (const [args, definitions] of areas) {
  for (const name of Object.keys(definitions)) {
    Object.defineProperty(mutationArgs, name, {
      enumerable: true,
      get: () => (args as Record<string, unknown>)[name],
    });
  }
}

export type MutationName = keyof typeof mutationArgs;
export const mutationNames = Object.keys(mutationArgs) as MutationName[];

/** Parsed (output) args of a mutation, defaults applied. */
export type MutationArgs<N extends MutationName> = z.output<(typeof mutationArgs)[N]>;
/** Args as a client sends them (defaults optional). */
export type MutationArgsInput<N extends MutationName> = z.input<(typeof mutationArgs)[N]>;

export const mutationDefinitions: Definitions<typeof mutationArgs> = {
  ...sessionMutations,
  ...seriesMutations,
  ...trainingTypeMutations,
  ...signupMutations,
  ...checkinMutations,
  ...doorMutations,
  ...guestMutations,
  ...passMutations,
  ...requestMutations,
  ...clubMutations,
  ...attentionMutations,
  ...familyMutations,
};

export function isMutationName(name: string): name is MutationName {
  return Object.hasOwn(mutationDefinitions, name);
}

function definition<N extends MutationName>(name: N): MutationDefinition<MutationArgs<N>> {
  return mutationDefinitions[name] as unknown as MutationDefinition<MutationArgs<N>>;
}

/**
 * Judges one validated mutation: the device on its local copy, the server
 * inside the push transaction. Synchronous: both fact sources answer at once.
 */
export function judgeMutation<N extends MutationName>(
  facts: FactSource,
  ctx: CommandContext,
  name: N,
  args: MutationArgs<N>,
): Decision {
  return definition(name).judge(facts, ctx, args);
}

/**
 * The (session, member) whose records judging this mutation reads, for a
 * server batch to read them all at once; `memberId` undefined = the sender.
 */
export function recordsRead<N extends MutationName>(
  name: N,
  args: MutationArgs<N>,
): { sessionId: string; memberId: string | undefined } | undefined {
  return definition(name).reads?.(args);
}

type ParsedMutationArgs =
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

/**
 * The catalogue as the Markdown table in docs/protocol.md (kept equal by a
 * test; `pnpm --filter @turnout/server docs` rewrites it).
 */
export function mutationTable(): string {
  const rows = mutationNames.map((name) => {
    const d = mutationDefinitions[name];
    return [`\`${name}\``, d.argsDoc, describeWho(d.who)];
  });
  const header = ['name', 'args', 'who'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}
