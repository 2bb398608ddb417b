import type { MutationArgs } from '../protocol/mutations.js';
import { isOwner } from './access.js';
import { applied, refuse, refuseWith, type CommandContext, type Decision } from './decision.js';
import { explain } from './explain.js';
import type { TrainingType } from './types.js';

/**
 * Training types are owner work. Archiving hides a type from new sessions
 * and templates; sessions and passes that use it keep it.
 */
export function createTrainingType(
  ctx: CommandContext,
  args: MutationArgs<'trainingType.create'>,
  facts: { existing: TrainingType | null; all: readonly TrainingType[] },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  if (facts.existing) return refuse('id_taken');
  if (nameTaken(facts.all, args.name, args.trainingTypeId)) {
    return refuseWith('conflict', explain.nameTaken(args.name));
  }
  return applied({
    trainingTypes: [{ id: args.trainingTypeId, name: args.name, archived: false }],
  });
}

export function renameTrainingType(
  ctx: CommandContext,
  args: MutationArgs<'trainingType.rename'>,
  facts: { trainingType: TrainingType | null; all: readonly TrainingType[] },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  const t = facts.trainingType;
  if (!t) return refuse('not_found');
  if (nameTaken(facts.all, args.name, t.id)) {
    return refuseWith('conflict', explain.nameTaken(args.name));
  }
  if (t.name === args.name) return applied();
  return applied({ trainingTypes: [{ ...t, name: args.name }] });
}

export function archiveTrainingType(
  ctx: CommandContext,
  args: MutationArgs<'trainingType.archive'>,
  facts: { trainingType: TrainingType | null },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  const t = facts.trainingType;
  if (!t) return refuse('not_found');
  if (t.archived === args.archived) return applied();
  return applied({ trainingTypes: [{ ...t, archived: args.archived }] });
}

/** Names are unique per club, ignoring case and surrounding spaces. */
function nameTaken(all: readonly TrainingType[], name: string, exceptId: string): boolean {
  const key = name.trim().toLocaleLowerCase();
  return all.some((t) => t.id !== exceptId && t.name.trim().toLocaleLowerCase() === key);
}
