import type { MutationArgs } from '../protocol/mutations.js';
import { clubSettingsSchema, type ClubSettings } from '../settings.js';
import { isOwner } from './access.js';
import { applied, refuse, type CommandContext, type Decision } from './decision.js';

/** Owner only; the merged settings must be valid as a whole. */
export function updateClubSettings(
  ctx: CommandContext,
  args: MutationArgs<'club.updateSettings'>,
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  const merged = clubSettingsSchema.safeParse({ ...ctx.settings, ...args });
  if (!merged.success) {
    return refuse('invalid_args', merged.error.issues.map((i) => i.message).join('; '));
  }
  const next: ClubSettings = merged.data;
  return applied({ settings: next });
}
