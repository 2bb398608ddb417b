import { EventEmitter, on } from 'node:events';

/**
 * In-process "club changed" notifier behind the `sync.changes` subscription.
 * Writers call notifyClubChanged after their transaction commits (never
 * before: a device poked early would pull and miss the change). One process
 * per server, so an EventEmitter is enough; several app servers would need a
 * shared bus (e.g. PostgreSQL LISTEN/NOTIFY) behind the same two functions.
 *
 * Pokes are coalesced per club: on a busy Saturday, fifty hosts checking
 * people in would otherwise poke every listening device fifty times a
 * second, and each poke is a pull per device. The first change after a quiet
 * spell is announced at once; changes within `coalesceMs` of the last poke
 * wait and go out as one poke carrying the newest version (a device pulls
 * everything up to it anyway).
 */
const emitter = new EventEmitter();
// Every open SSE connection listens; there is no meaningful cap.
emitter.setMaxListeners(0);

/** At most one poke per club in this long. */
export const coalesceMs = 250;

const channel = (clubId: string) => `club:${clubId}`;

interface ClubPokes {
  /** When the last poke went out. */
  lastAt: number;
  /** The newest version not yet announced, while a poke waits. */
  pending: number | undefined;
  timer: NodeJS.Timeout | undefined;
}
const clubs = new Map<string, ClubPokes>();

export function notifyClubChanged(clubId: string, version: number): void {
  let club = clubs.get(clubId);
  if (!club) clubs.set(clubId, (club = { lastAt: 0, pending: undefined, timer: undefined }));
  club.pending = Math.max(club.pending ?? 0, version);
  if (club.timer) return;
  const wait = club.lastAt + coalesceMs - performance.now();
  if (wait <= 0) {
    announce(clubId, club);
    return;
  }
  const waiting = club;
  waiting.timer = setTimeout(() => announce(clubId, waiting), wait);
  waiting.timer.unref();
}

function announce(clubId: string, club: ClubPokes): void {
  const version = club.pending;
  club.timer = undefined;
  club.pending = undefined;
  club.lastAt = performance.now();
  if (version === undefined) return;
  if (emitter.listenerCount(channel(clubId)) > 0) emitter.emit(channel(clubId), version);
  // A club nobody listens to, or that has been quiet, is forgotten after its interval.
  setTimeout(() => {
    if (!club.timer && clubs.get(clubId) === club) clubs.delete(clubId);
  }, coalesceMs).unref();
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
