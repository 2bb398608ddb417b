import type { Poke } from '@turnout/shared';
import { api, toFailure } from '$lib/api';
import { SyncFailure, type SyncTransport } from './engine';

/** Runs a call, turning whatever it throws into a `SyncFailure` with a stable code. */
export async function mapped<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const failure = toFailure(error);
    throw new SyncFailure(failure.code, failure.message, failure.retryAfterMs ?? null);
  }
}

/** The app's transport: tRPC over the same origin, with the login cookie. */
export const trpcTransport: SyncTransport = {
  push: (input) => mapped(() => api.sync.push.mutate(input)),
  pull: (input) => mapped(() => api.sync.pull.query(input)),
};

/**
 * Listens for "the club changed" pokes over SSE while online. The browser's
 * EventSource reconnects by itself; tRPC resumes from the last event id.
 * Returns a function that stops listening.
 */
export function listenForChanges(clubId: string, onPoke: (poke: Poke | null) => void): () => void {
  // A broken stream is a reason to sync too: it is often the first sign that
  // the network is gone (the browser's `offline` event is not always fired),
  // and the failed sync then shows "Offline".
  const subscription = api.sync.changes.subscribe(
    { clubId },
    {
      onData: (event) => onPoke(event.data),
      onError: () => onPoke(null),
      onConnectionStateChange: (state) => {
        if (state.state === 'connecting' && state.error) onPoke(null);
      },
    },
  );
  return () => subscription.unsubscribe();
}
