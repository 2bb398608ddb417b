import { judgeMutation, parseMutationArgs, type MutationName } from '../mutations/index.js';
import type { Flag } from '../mutations/fields.js';
import { errorMessages, type ErrorCode } from '../protocol/errors.js';
import type { Explanation } from '../rules/explain.js';
import type { Actor } from '../rules/types.js';
import { applyEffects } from './effects.js';
import { ReplicaFacts } from './facts.js';
import type { Replica } from './replica.js';

/** A mutation waiting in the outbox, as the overlay needs it. */
interface PendingMutation {
  id: string;
  name: string;
  args: unknown;
  /** Device time corrected by the clock offset (what the server will judge with). */
  occurredAt: string;
}

/** How the rules judged a mutation on this device. */
export type LocalOutcome =
  | { ok: true; flags: Flag[] }
  | { ok: false; code: ErrorCode; message: string; explanation?: Explanation };

export interface LocalJudge {
  actor: Actor;
  deviceLabel: string | null;
}

/**
 * Judges one mutation on `view` with the shared rules and, when applied,
 * writes its effects into `view`. The same rules and fact reading as the
 * server (`judgeMutation`), on what this device knows.
 */
export function applyLocally(
  view: Replica,
  judge: LocalJudge,
  mutation: PendingMutation,
): LocalOutcome {
  const club = view.club;
  if (!club) return { ok: false, code: 'not_found', message: errorMessages.not_found };
  const parsed = parseMutationArgs(mutation.name, mutation.args);
  if (!parsed.ok) {
    return { ok: false, code: 'invalid_args', message: errorMessages.invalid_args };
  }
  const decision = judgeMutation(
    new ReplicaFacts(view),
    {
      actor: judge.actor,
      settings: club.settings,
      now: mutation.occurredAt,
      mutationId: mutation.id,
      deviceLabel: judge.deviceLabel,
    },
    parsed.name as MutationName,
    parsed.args as never,
  );
  if (!decision.ok) {
    const { code, message, explanation } = decision;
    return explanation ? { ok: false, code, message, explanation } : { ok: false, code, message };
  }
  applyEffects(view, decision.effects, mutation.id);
  return { ok: true, flags: decision.effects.flags };
}

/**
 * What the screen shows: the pulled rows with every pending mutation applied
 * in `seq` order on a fresh layer. Run after every sync (rebase); a pending
 * mutation the local rules now refuse simply shows no effect until the
 * server answers.
 */
export function rebase(
  base: Replica,
  judge: LocalJudge,
  pending: readonly PendingMutation[],
): { view: Replica; outcomes: Map<string, LocalOutcome> } {
  const view = base.layer();
  const outcomes = new Map<string, LocalOutcome>();
  for (const mutation of pending) outcomes.set(mutation.id, applyLocally(view, judge, mutation));
  return { view, outcomes };
}
