import { z } from 'zod';
import { dismissAttentionGroup, resolveAttention } from '../rules/attention.js';
import { applied } from '../rules/decision.js';
import { memberSessionFacts, type Definitions } from './define.js';
import { attentionResolutions, id, note } from './fields.js';
import { lazy } from '../lazy.js';

export const attentionArgs = lazy(() => ({
  'attention.resolve': z.object({
    /** The item's id: the id of the mutation it is about. */
    itemId: id,
    resolution: z.enum(attentionResolutions),
    note: note.optional(),
  }),
  /**
   * Dismiss a group of refused items at once: every refusal of the same
   * device, mutation and code as the named item, up to it (its arrival at
   * the server).
   */
  'attention.dismissGroup': z.object({
    /** The group's latest item as the organizer saw it (`reports.attention` entry `id`). */
    itemId: id,
    note: note.optional(),
  }),
}));

const hosts = { host: true, owner: true } as const;

export const attentionMutations: Definitions<typeof attentionArgs> = {
  'attention.resolve': {
    argsDoc:
      "`itemId, resolution ('accepted'/'charged'/'dismissed'), note? (≤ 500)` — closes a needs-attention item",
    who: hosts,
    judge: (facts, ctx, args) => {
      // A device has no mutation log to judge with: it shows nothing and the server decides.
      if (!facts.attentionItem || !facts.attentionResolution) return applied();
      const item = facts.attentionItem(args.itemId);
      const resolution = item ? facts.attentionResolution(item.id) : null;
      const checkIn =
        item?.sessionId && item.memberId
          ? memberSessionFacts(facts, item.sessionId, item.memberId)
          : null;
      return resolveAttention(ctx, args, {
        item,
        resolution,
        session: checkIn?.session ?? null,
        attendance: checkIn?.attendance ?? null,
        passes: checkIn?.passes ?? [],
      });
    },
  },
  'attention.dismissGroup': {
    argsDoc:
      '`itemId, note? (≤ 500)` — dismisses a group of refusals (one device, mutation and code) up to that item at once',
    who: hosts,
    judge: (facts, ctx, args) => {
      // As attention.resolve: a device has no mutation log, the server decides.
      if (!facts.attentionItem || !facts.attentionGroup) return applied();
      return dismissAttentionGroup(ctx, args, {
        item: facts.attentionItem(args.itemId),
        group: facts.attentionGroup(args.itemId),
      });
    },
  },
};
