import { EventEmitter, on } from 'node:events';
import type { Effects, Poke, SessionCount } from '@turnout/shared';

/**
 * In-process "club changed" notifier behind the `sync.changes` subscription.
 * Writers call notifyClubChanged after their transaction commits (never
 * before: a device poked early would pull and miss the change). Within a
 * process an EventEmitter carries them; between app servers on one
 * PostgreSQL database, LISTEN/NOTIFY (club-bus.ts) hands each change to the
 * other servers, which announce it to their own listeners.
 *
 * Pokes are coalesced per club: on a busy Saturday, fifty hosts checking
 * people in would otherwise poke every listening device fifty times a
 * second, and each poke is a pull per device. The first change after a quiet
 * spell is announced at once; changes within `coalesceMs` of the last poke
 * wait and go out as one poke carrying the newest version (a device pulls
 * everything up to it anyway).
 *
 * A poke also says whom it concerns, when it can (issue 12, "pokes that
 * scale"): the members whose own records changed, and the counts of the
 * sessions whose places changed, read from committed data when the poke
 * goes out. A member's device that is not among them has nothing to pull
 * (a member sees other members only as counts) and takes the counts from
 * the poke. Each listener is told only whether it is among them (its
 * `members` lists at most its own ids), so a burst touching hundreds of
 * members stays a small, scoped poke: under a Saturday's fifty check-ins
 * per coalesced poke, a list of everyone would exceed any sensible size and
 * make every phone pull. A change to anything else (sessions, settings, the
 * roster…), a burst touching too many sessions, or a writer that does not
 * say, makes a poke without scope: every device pulls.
 */
const emitter = new EventEmitter();
// Every open SSE connection listens; there is no meaningful cap.
emitter.setMaxListeners(0);

/** At most one poke per club in this long. */
export const coalesceMs = 250;
/**
 * While changes keep coming (the last poke had to wait for them), at most
 * one poke in this long: a Saturday's steady stream of check-ins becomes one
 * poke a second per device instead of four, and the counts a member's phone
 * shows are at most a second old.
 */
export const busyCoalesceMs = 1000;

const channel = (clubId: string) => `club:${clubId}`;

/** What a change touched, as far as the devices of the club care. */
export interface PokeScope {
  /** Members whose own records (sign-ups, check-ins, passes, credits, notifications…) changed. */
  members: Set<string>;
  /** Sessions whose places, waiting list or "going" count may have changed. */
  sessions: Set<string>;
}

/** Beyond this many sessions' counts, a poke goes out without scope (everyone pulls): pokes stay small. */
const maxScopedSessions = 100;

/** A poke as announced to a club's listeners, before it is tailored to each. */
interface ClubEvent {
  version: number;
  /** Members whose own records changed; null: unscoped, everyone pulls. */
  members: ReadonlySet<string> | null;
  counts: SessionCount[];
}

/** Effects that concern only the members they name (and, through counts, everyone). */
const memberScoped = new Set<keyof Effects>([
  'intents',
  'signups',
  'attendance',
  'passes',
  'creditLog',
  'notifications',
  'passRequests',
  'flags',
  'promotions',
]);

/**
 * Adds what `effects` touched to `scope`; null when they touched something
 * every device must pull (any other kind of row, new or unknown kinds
 * included: the safe side).
 */
export function widenScope(scope: PokeScope | null, effects: Effects): PokeScope | null {
  if (!scope) return null;
  for (const [key, value] of Object.entries(effects) as [keyof Effects, unknown][]) {
    const touched = Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined;
    if (touched && !memberScoped.has(key)) return null;
  }
  for (const rows of [effects.intents, effects.signups, effects.attendance]) {
    for (const row of rows) {
      scope.members.add(row.memberId);
      scope.sessions.add(row.sessionId);
    }
  }
  for (const rows of [
    effects.passes,
    effects.creditLog,
    effects.notifications,
    effects.passRequests,
  ]) {
    for (const row of rows) scope.members.add(row.memberId);
  }
  return scope;
}

/** Counts of sessions as committed (never a transaction still open). */
export type CommittedCounts = (sessionIds: string[]) => SessionCount[];

interface ClubPokes {
  /** When the last poke went out. */
  lastAt: number;
  /** The newest version not yet announced, while a poke waits. */
  pending: number | undefined;
  /** What the waiting changes touched; null: unknown, everyone pulls. */
  scope: PokeScope | null;
  counts: CommittedCounts | undefined;
  timer: NodeJS.Timeout | undefined;
  /** The last poke waited for changes that came too soon: use the longer interval. */
  busy: boolean;
}
const clubs = new Map<string, ClubPokes>();

type Publisher = (clubId: string, version: number, scope: PokeScope | null) => void;
/** Where changes made here are also told to other app servers (club-bus.ts); none on SQLite. */
const publishers = new Set<Publisher>();

/** Tells other servers of every change announced here, until the returned function is called. */
export function publishChanges(publish: Publisher): () => void {
  publishers.add(publish);
  return () => publishers.delete(publish);
}

export function notifyClubChanged(
  clubId: string,
  version: number,
  touched?: { scope: PokeScope | null; counts: CommittedCounts },
): void {
  for (const publish of publishers) publish(clubId, version, touched?.scope ?? null);
  announceHere(clubId, version, touched);
}

/** A change made here or told by another server, announced to this process's listeners. */
export function announceHere(
  clubId: string,
  version: number,
  touched?: { scope: PokeScope | null; counts: CommittedCounts },
): void {
  let club = clubs.get(clubId);
  if (!club) {
    club = {
      lastAt: 0,
      pending: undefined,
      scope: null,
      counts: undefined,
      timer: undefined,
      busy: false,
    };
    clubs.set(clubId, club);
  }
  if (club.pending === undefined) {
    club.scope = touched?.scope ? { members: new Set(), sessions: new Set() } : null;
  }
  club.scope = touched?.scope && club.scope ? union(club.scope, touched.scope) : null;
  club.counts = touched?.counts;
  club.pending = Math.max(club.pending ?? 0, version);
  if (club.timer) return;
  const sinceLast = performance.now() - club.lastAt;
  if (sinceLast >= (club.busy ? busyCoalesceMs : coalesceMs)) {
    club.busy = false;
    announce(clubId, club);
    return;
  }
  const waiting = club;
  const wait = (club.busy ? busyCoalesceMs : coalesceMs) - sinceLast;
  waiting.timer = setTimeout(() => {
    waiting.busy = true;
    announce(clubId, waiting);
  }, wait);
  waiting.timer.unref();
}

function union(into: PokeScope, more: PokeScope): PokeScope {
  for (const m of more.members) into.members.add(m);
  for (const s of more.sessions) into.sessions.add(s);
  return into;
}

function announce(clubId: string, club: ClubPokes): void {
  const version = club.pending;
  const { scope, counts } = club;
  club.timer = undefined;
  club.pending = undefined;
  club.scope = null;
  club.lastAt = performance.now();
  if (version === undefined) return;
  // Counts are read only for a club somebody listens to.
  if (emitter.listenerCount(channel(clubId)) > 0) {
    emitter.emit(channel(clubId), eventOf(version, scope, counts));
  }
  // A club nobody listens to, or that has been quiet, is forgotten after the longer interval.
  setTimeout(() => {
    const quiet = !club.timer && performance.now() - club.lastAt >= busyCoalesceMs;
    if (quiet && clubs.get(clubId) === club) clubs.delete(clubId);
  }, busyCoalesceMs).unref();
}

function eventOf(version: number, scope: PokeScope | null, counts?: CommittedCounts): ClubEvent {
  const unscoped: ClubEvent = { version, members: null, counts: [] };
  if (!scope || !counts || scope.sessions.size > maxScopedSessions) return unscoped;
  try {
    return { version, members: scope.members, counts: counts([...scope.sessions]) };
  } catch {
    // Counts could not be read (the file is busy): a plain poke, every device pulls.
    return unscoped;
  }
}

/**
 * The pokes of a club, from now until `signal` aborts, as told to a device
 * that acts for `memberIds` (its own member id): a scoped poke names only
 * those of them whose records changed.
 */
export async function* clubChanges(
  clubId: string,
  memberIds: readonly string[],
  signal?: AbortSignal,
): AsyncGenerator<Poke> {
  try {
    for await (const [event] of on(emitter, channel(clubId), { signal })) {
      const { version, members, counts } = event as ClubEvent;
      if (!members) {
        yield { version };
        continue;
      }
      yield { version, scope: { members: memberIds.filter((m) => members.has(m)), counts } };
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
