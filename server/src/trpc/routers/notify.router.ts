import { setChoicesInput, type ChannelChoice, type NotificationKind } from '@turnout/shared';
import { mailConfigured } from '../../mail/queue.js';
import { choicesOf, setChoices } from '../../notify/preferences.js';
import type { Context } from '../context.js';
import { authedProcedure, router } from '../init.js';

/** What the "How you are told" screen shows. */
export interface NotifyChoices {
  choices: Record<NotificationKind, ChannelChoice>;
  /** False: this server sends no mail, so email choices have no effect here. */
  mailConfigured: boolean;
}

async function choicesFor(ctx: Context, userId: string): Promise<NotifyChoices> {
  return { choices: await choicesOf(ctx.db, userId), mailConfigured: mailConfigured(ctx.config) };
}

/**
 * How a person is told about notifications (docs/protocol.md, "Notification
 * choices"): the person's own, for every club they are in.
 */
export const notifyRouter = router({
  choices: authedProcedure.query(({ ctx }) => choicesFor(ctx, ctx.user.userId)),

  /** Changes the kinds named (each kind's three channels at once); answers all choices. */
  setChoices: authedProcedure.input(setChoicesInput).mutation(async ({ ctx, input }) => {
    await setChoices(ctx.db, ctx.user.userId, input.choices, ctx.clock());
    return choicesFor(ctx, ctx.user.userId);
  }),
});
