import { attempt, type ApiFailure } from '$lib/api';
import { account } from '$lib/state/account.svelte';

type RemoteStatus = 'idle' | 'loading' | 'ready' | 'offline' | 'failed';

/**
 * One online-only read (a report, an export): whether it is loading, its
 * answer, or why there is none. With no connection it says `offline`
 * instead of failing, whether the browser knew it beforehand
 * (`navigator.onLine`) or the call found out (a `network` failure).
 */
export class Remote<T> {
  status = $state<RemoteStatus>('idle');
  value = $state.raw<T | null>(null);
  failure = $state.raw<ApiFailure | null>(null);
  #run = 0;

  /** Runs `call`; an older call answering later is ignored. Resolves to the value, or null. */
  async load(call: () => Promise<T>): Promise<T | null> {
    const run = ++this.#run;
    this.failure = null;
    if (typeof navigator !== 'undefined' && !navigator.onLine) {
      this.status = 'offline';
      return null;
    }
    this.status = 'loading';
    const result = await attempt(call);
    if (run !== this.#run) return null;
    if (result.ok) {
      this.value = result.value;
      this.status = 'ready';
      return result.value;
    }
    this.failure = result.failure;
    this.status = result.failure.code === 'network' ? 'offline' : 'failed';
    // The shell sends the person to login when this finds the login has ended.
    if (result.failure.code === 'unauthenticated') void account.refresh();
    return null;
  }

  reset(): void {
    this.#run++;
    this.status = 'idle';
    this.value = null;
    this.failure = null;
  }
}
