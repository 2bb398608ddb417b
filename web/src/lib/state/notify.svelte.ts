import { untrack } from 'svelte';
import { defaultChoices, type Channel, type NotificationKind } from '@turnout/shared';
import { api, attempt, type ApiFailure } from '$lib/api';
import {
  cacheChoices,
  hiddenKinds,
  readCachedChoices,
  withChannel,
  type KnownChoices,
} from '$lib/views/notify-choices';

const storage = () => (typeof localStorage === 'undefined' ? undefined : localStorage);

/**
 * The person's notification choices as this device knows them (the server's
 * answer, kept on the device for offline use), and a tick that moves when
 * notifications are marked seen so the unread badge in the navigation
 * follows the notifications page.
 */
class NotifyState {
  known = $state<KnownChoices | null>(null);
  /** Moves whenever this device marks notifications seen. */
  seenTick = $state(0);
  #userId: string | null = null;

  readonly hidden = $derived(hiddenKinds(this.known?.choices ?? null));

  /** The cached choices of `userId` at once, then the server's; a failure is answered, not thrown. */
  async load(userId: string): Promise<ApiFailure | null> {
    if (this.#userId !== userId) {
      this.#userId = userId;
      this.known = readCachedChoices(storage(), userId, defaultChoices);
    }
    const result = await attempt(() => api.notify.choices.query());
    if (!result.ok) return result.failure;
    if (this.#userId === userId) this.#keep(userId, result.value);
    return null;
  }

  /** Turns one channel of one kind on or off on the server; the answer becomes what is known. */
  async set(kind: NotificationKind, channel: Channel, on: boolean): Promise<ApiFailure | null> {
    const userId = this.#userId;
    if (!userId || !this.known) return null;
    const next = withChannel(this.known.choices, kind, channel, on);
    const result = await attempt(() =>
      api.notify.setChoices.mutate({ choices: { [kind]: next[kind] } }),
    );
    if (!result.ok) return result.failure;
    this.#keep(userId, result.value);
    return null;
  }

  markedSeen(): void {
    // Called from the notifications page's effect: `++` reads the tick, which would make that
    // effect depend on what it writes and run again without end (effect_update_depth_exceeded).
    untrack(() => this.seenTick++);
  }

  #keep(userId: string, known: KnownChoices): void {
    this.known = known;
    cacheChoices(storage(), userId, known);
  }
}

export const notify = new NotifyState();
