import type { MutationArgsInput, MutationName } from '@turnout/shared';
import type { ClubStore, ServerOutcome } from '$lib/state/club.svelte';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `store.submit` with the server's answer whenever the device is online.
 *
 * Why: the store's scheduler is built with `debounceMs: undefined`, which
 * overrides its 300 ms default, so an immediate sync is not counted as "due
 * soon" and `idle()` (thus `submit`) can return before the sync that sends
 * the change has started: the answer is `queued` although the change goes
 * out a moment later. Until that is fixed in the store, wait for that sync
 * here and read the answer from the store's lists, as `submit` would.
 */
export async function submitJudged<N extends MutationName>(
  store: ClubStore,
  name: N,
  args: MutationArgsInput<N>,
): Promise<ServerOutcome> {
  const before = new Set(store.pending.map((p) => p.id));
  const outcome = await store.submit(name, args);
  if (outcome.status !== 'queued' || !store.online) return outcome;
  const entry = store.pending.find((p) => !before.has(p.id) && p.name === name);
  if (!entry) return outcome;
  const waiting = () => store.pending.some((p) => p.id === entry.id);
  for (let tries = 0; tries < 20 && waiting() && store.online; tries++) {
    await pause(50);
    await store.idle();
  }
  if (waiting()) return outcome;
  const answer = store.attention.find((a) => a.id === entry.id);
  if (!answer) return { status: 'applied', flags: [] };
  if (answer.status === 'rejected') {
    await store.dismiss(answer.id);
    return { status: 'rejected', code: answer.code ?? 'conflict', message: answer.message ?? '' };
  }
  return { status: 'applied', flags: answer.flags };
}
