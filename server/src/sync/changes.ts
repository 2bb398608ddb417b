import { EventEmitter, on } from 'node:events';

/**
 * In-process "club changed" notifier behind the `sync.changes` subscription.
 * Writers call notifyClubChanged after their transaction commits (never
 * before: a device poked early would pull and miss the change). One process
 * per server, so an EventEmitter is enough; several app servers would need a
 * shared bus (e.g. PostgreSQL LISTEN/NOTIFY) behind the same two functions.
 */
const emitter = new EventEmitter();
// Every open SSE connection listens; there is no meaningful cap.
emitter.setMaxListeners(0);

const channel = (clubId: string) => `club:${clubId}`;

export function notifyClubChanged(clubId: string, version: number): void {
  emitter.emit(channel(clubId), version);
}

/** The versions at which a club changes, from now until `signal` aborts. */
export async function* clubChanges(clubId: string, signal?: AbortSignal): AsyncGenerator<number> {
  try {
    for await (const [version] of on(emitter, channel(clubId), { signal })) {
      yield version as number;
    }
  } catch (error) {
    if (signal?.aborted) return;
    throw error;
  }
}

/** Open subscriptions of a club (for tests and diagnostics). */
export function listenerCount(clubId: string): number {
  return emitter.listenerCount(channel(clubId));
}
