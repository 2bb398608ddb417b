import {
  channelChoiceSchema,
  channels,
  notificationKinds,
  type Channel,
  type ChannelChoice,
  type NotificationKind,
} from '@turnout/shared';
import { z } from 'zod';

/** A person's choices for every kind, as the server answers `notify.choices`. */
export type Choices = Record<NotificationKind, ChannelChoice>;

export interface KnownChoices {
  choices: Choices;
  mailConfigured: boolean;
}

/**
 * Kinds turned off in the app. The rows still sync (the server does not
 * know which device shows what); the device leaves them out of the list.
 */
export function hiddenKinds(choices: Choices | null): ReadonlySet<NotificationKind> {
  if (!choices) return new Set();
  return new Set(notificationKinds.filter((kind) => !choices[kind].in_app));
}

/** One channel of one kind changed, the other channels as they were. */
export function withChannel(
  choices: Choices,
  kind: NotificationKind,
  channel: Channel,
  on: boolean,
): Choices {
  return { ...choices, [kind]: { ...choices[kind], [channel]: on } };
}

/** The rows of the "How you are told" table: every kind, every channel. */
export function choiceRows(
  choices: Choices,
): { kind: NotificationKind; cells: { channel: Channel; on: boolean }[] }[] {
  return notificationKinds.map((kind) => ({
    kind,
    cells: channels.map((channel) => ({ channel, on: choices[kind][channel] })),
  }));
}

// --- Kept on this device --------------------------------------------------------------

/*
 * The last choices seen, per person, so the list can leave out what is
 * turned off in the app while offline. Read back through a schema: the
 * storage is the device's, anything can be in it.
 */
const cached = z.object({
  choices: z.partialRecord(z.enum(notificationKinds), channelChoiceSchema),
  mailConfigured: z.boolean(),
});

type ChoiceStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function choicesKey(userId: string): string {
  return `turnout.notifyChoices.${userId}`;
}

export function readCachedChoices(
  storage: ChoiceStorage | undefined,
  userId: string,
  defaults: Choices,
): KnownChoices | null {
  const text = storage?.getItem(choicesKey(userId));
  if (!text) return null;
  try {
    const parsed = cached.safeParse(JSON.parse(text));
    if (!parsed.success) return null;
    return {
      choices: { ...defaults, ...parsed.data.choices },
      mailConfigured: parsed.data.mailConfigured,
    };
  } catch {
    return null;
  }
}

export function cacheChoices(
  storage: ChoiceStorage | undefined,
  userId: string,
  known: KnownChoices,
): void {
  try {
    storage?.setItem(choicesKey(userId), JSON.stringify(known));
  } catch {
    // A full or blocked storage: the list then shows every kind until the next load.
  }
}
