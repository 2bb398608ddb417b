import { widenScope, type PokeScope } from './changes.js';
import {
  errorMessages,
  judgeMutation,
  MAX_ARGS_CHARS,
  parseMutationArgs,
  type CommandContext,
  type ClubSettings,
  type Effects,
  type ErrorCode,
  type Explanation,
  type Mutation,
  type PushInput,
  type PushOutput,
  type PushResult,
  type Role,
} from '@turnout/shared';
import { statementsOf, type Db } from '../db/connection.js';
import type { Statements } from '../db/statements.js';
import { getClub, settingsFromRow } from '../repositories/clubs.repository.js';
import { currentVersion, nextVersion, writeEffects } from '../repositories/domain.repository.js';
import { noteDevice } from '../repositories/devices.repository.js';
import { findActiveMembership } from '../repositories/memberships.repository.js';
import {
  findLoggedMutations,
  logMutation,
  type LoggedMutation,
} from '../repositories/mutation-log.repository.js';
import type { ServiceDeps } from '../services/deps.js';
import { ClubBatch } from './club-batch.js';
import { RowOwnership } from './ownership.js';
import { pushQueueOf } from './push-queue.js';
import { judgedTime } from './time.js';

export interface Pusher {
  userId: string;
}

/** What a push did, for the caller to announce after commit. */
export interface PushOutcome extends PushOutput {
  /** The version the applied mutations were written under, if any were. */
  version: number | undefined;
  /** Whom they concern, for the poke that follows (changes.ts). */
  touched: PokeScope | null;
}

/** A push as it arrived: who sent it, what, and when it was received. */
export interface ArrivedPush {
  pusher: Pusher;
  input: PushInput;
  receivedAt: Date;
}

/**
 * Applies a device's batch: in `seq` order, in one transaction shared with
 * the pushes that arrived while the previous one was committing (group
 * commit: see push-queue.ts). A mutation id seen before returns its stored
 * result and changes nothing. Authorization uses the pusher's role in the
 * club right now. A refusal writes nothing but its log entry; when the
 * database refuses what the rules allowed (a constraint), only that mutation
 * is undone and the batch goes on. Infrastructure failures throw, so nothing
 * of the batch is kept and the device retries it whole.
 */
export function push(deps: ServiceDeps, pusher: Pusher, input: PushInput): Promise<PushOutcome> {
  return pushQueueOf(deps).submit(deps, { pusher, input, receivedAt: deps.clock() });
}

/**
 * One push inside a transaction the caller holds (push-queue.ts).
 *
 * Undoing one mutation alone needs a savepoint around its writes, and a
 * savepoint makes SQLite copy every page it changes into a statement journal
 * first: measured, it cost about 40 % of push throughput, for a case that
 * should never happen (a database guard refusing what the rules allowed).
 * So a group is first applied with no savepoint at all (`guarded` false); if
 * a guard trips, `GuardTripped` ends the attempt, the caller rolls the whole
 * transaction back and applies the group again with a savepoint per
 * mutation. The result is the same as with savepoints from the start.
 */
export async function applyPush(
  deps: ServiceDeps,
  trx: Db,
  { pusher, input, receivedAt }: ArrivedPush,
  guarded: boolean,
): Promise<PushOutcome> {
  const ordered = [...input.mutations].sort((a, b) => a.seq - b.seq);
  const batch = new Batch(statementsOf(deps.db), deps, pusher, input, receivedAt, guarded);
  let results: PushResult[];
  try {
    await batch.load(trx, ordered);
    // From here on, synchronous calls on the connection this transaction
    // holds: no await, so nothing else runs on it until the batch is judged.
    results = ordered.map((mutation) => batch.apply(mutation));
    batch.finish();
  } catch (error) {
    // Unguarded, writes may be held and sent later (Statements.write): a
    // guard they trip surfaces at whatever statement sends them.
    throw !guarded && isConstraintError(error) ? new GuardTripped(error) : error;
  }
  return {
    serverTime: receivedAt.toISOString(),
    results,
    version: batch.version,
    touched: batch.touched,
  };
}

/** A database guard refused a write of an attempt without savepoints. */
export class GuardTripped extends Error {
  constructor(cause: unknown) {
    super('a database guard refused a write', { cause });
  }
}

class Batch {
  version: number | undefined;
  /** Whom the applied mutations concern, for the poke (null: every device should pull). */
  touched: PokeScope | null = { members: new Set(), sessions: new Set() };
  /** The change counter before this batch, read at most once (only the batch moves it). */
  #current: number | undefined;
  #settings: ClubSettings | undefined;
  #actor: { memberId: string; role: Role } | undefined;
  #clubExists = false;
  /** Results already stored for ids in this batch (earlier pushes, or earlier in this batch). */
  #logged = new Map<string, LoggedMutation>();
  /** The club's facts through the batch's caches: what the rules are judged with. */
  readonly #club: ClubBatch;
  readonly #ownership: RowOwnership;
  readonly #receivedAt: Date;
  readonly #receivedIso: string;

  constructor(
    private readonly st: Statements,
    private readonly deps: ServiceDeps,
    private readonly pusher: Pusher,
    private readonly input: PushInput,
    receivedAt: Date,
    /** Each mutation's writes in a savepoint, so a guard undoes that mutation alone. */
    private readonly guarded: boolean,
  ) {
    this.#club = new ClubBatch(st, input.clubId);
    // Unguarded, ids are looked up once at the end (ownership.ts, `deferred`).
    this.#ownership = new RowOwnership(st, input.clubId, !guarded);
    this.#receivedAt = receivedAt;
    this.#receivedIso = receivedAt.toISOString();
  }

  /**
   * The club's settings, the pusher's membership, known results, which
   * named members belong to the club (memberships do not change inside a
   * push) and the records of the members and sessions the batch names, read
   * once per batch.
   */
  async load(db: Db, mutations: readonly Mutation[]) {
    this.#logged = findLoggedMutations(
      this.st,
      mutations.map((m) => m.id),
    );
    const club = await getClub(db, this.input.clubId);
    this.#clubExists = Boolean(club);
    if (club) this.#settings = settingsFromRow(club);
    const membership = club
      ? await findActiveMembership(db, this.input.clubId, this.pusher.userId)
      : undefined;
    if (!membership) return;
    this.#actor = { memberId: membership.id, role: membership.role };
    if (this.input.deviceLabel) {
      noteDevice(this.st, {
        clubId: this.input.clubId,
        clientId: this.input.clientId,
        name: this.input.deviceLabel,
        memberId: membership.id,
        at: this.#receivedIso,
      });
    }
    this.#club.readAhead(
      mutations
        .filter((m) => !this.#logged.has(m.id))
        .map(({ name, args }) => ({ name, args, senderId: membership.id })),
    );
  }

  apply(mutation: Mutation): PushResult {
    const logged = this.#logged.get(mutation.id);
    if (logged) return this.replay(mutation, logged);
    // Without a club there is nowhere to log the attempt; the device is told plainly.
    if (!this.#clubExists || !this.#settings) return refused(mutation.id, 'not_found');

    const judgedAt = judgedTime(mutation.occurredAt, this.#receivedAt);
    const base = { mutation, judgedAt };
    // Measured once; the log stores this very text (or, when too large, only its size).
    const argsJson = JSON.stringify(mutation.args);
    if (argsJson.length > MAX_ARGS_CHARS) {
      return this.record(
        { ...base, argsJson: JSON.stringify({ omitted: 'too_large', chars: argsJson.length }) },
        refused(
          mutation.id,
          'too_large',
          `${errorMessages.too_large} (${argsJson.length} characters; the most is ${MAX_ARGS_CHARS}.)`,
        ),
      );
    }
    const judged = { ...base, argsJson };
    if (!this.#actor) return this.record(judged, refused(mutation.id, 'not_permitted'));
    // A mutation names the device it was made on; one carried by another device's push is refused.
    if (mutation.clientId !== this.input.clientId) {
      return this.record(
        judged,
        refused(mutation.id, 'invalid_args', 'This change was made on another device.'),
      );
    }

    const parsed = parseMutationArgs(mutation.name, mutation.args);
    if (!parsed.ok) {
      const detail = parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
      return this.record(
        judged,
        refused(mutation.id, 'invalid_args', `${errorMessages.invalid_args} ${detail.join('; ')}`),
      );
    }

    const ctx: CommandContext = {
      actor: this.#actor,
      settings: this.#settings,
      now: judgedAt.getTime(),
      mutationId: mutation.id,
      deviceLabel: this.input.deviceLabel ?? null,
    };
    // Judging only reads: a refusal has nothing to undo.
    const decision = judgeMutation(this.#club.facts, ctx, parsed.name, parsed.args);
    if (!decision.ok) {
      return this.record(
        judged,
        refused(mutation.id, decision.code, decision.message, decision.explanation),
      );
    }
    // The rules saw one club; an id may still name another club's row.
    if (this.#ownership.clashes(decision.effects)) {
      return this.record(judged, refused(mutation.id, 'id_taken'));
    }
    return this.record(judged, this.write(mutation, decision.effects));
  }

  /**
   * After the last mutation: the held writes sent, and (unguarded) every id
   * the batch wrote checked at once; one of another club means the batch is
   * redone with a savepoint and a check per mutation, which refuses it alone.
   */
  finish(): void {
    if (this.#ownership.anyTaken())
      throw new GuardTripped(new Error('an id names another club’s row'));
    this.st.sendWrites();
  }

  /**
   * Writes one applied decision. Guarded, in a savepoint: a database guard
   * undoes this mutation alone. Unguarded, a guard ends the attempt.
   */
  write(mutation: Mutation, effects: Effects): PushResult {
    // Taken outside the savepoint: undoing the mutation must not undo the batch's version.
    this.version ??= nextVersion(this.st);
    const writeAll = () =>
      writeEffects(
        this.st,
        this.input.clubId,
        effects,
        this.version!,
        mutation.id,
        this.#club.stored,
      );
    if (!this.guarded) {
      try {
        writeAll();
      } catch (error) {
        throw isConstraintError(error) ? new GuardTripped(error) : error;
      }
    } else {
      // What earlier mutations' logging left held goes out first, outside the savepoint.
      this.st.sendWrites();
      try {
        this.st.inSavepoint(writeAll);
      } catch (error) {
        if (!isConstraintError(error)) throw error;
        // The database refused what the rules allowed: a bug, but one mutation's. The
        // savepoint undid it alone; keep the batch going, and leave it for needs-attention.
        this.#club.stored.clear();
        this.deps.logger.error(
          { err: error, mutation: mutation.name, id: mutation.id },
          'mutation hit a database guard',
        );
        return refused(mutation.id, isClubGuard(error) ? 'id_taken' : 'conflict');
      }
    }
    this.#ownership.written(effects);
    this.touched = widenScope(this.touched, effects);
    // Kept: the batch's caches follow what was written.
    if (effects.settings) this.#settings = effects.settings;
    this.#club.written(effects);
    if (effects.flags.length === 0) return { id: mutation.id, status: 'applied' };
    return { id: mutation.id, status: 'applied', flags: [...new Set(effects.flags)] };
  }

  replay(mutation: Mutation, logged: LoggedMutation): PushResult {
    // A reused id from someone else's device must not reveal their result.
    if (logged.userId !== this.pusher.userId) {
      return refused(mutation.id, 'conflict', 'This change id was already used by another device.');
    }
    return { ...logged.result, replayed: true };
  }

  record(
    { mutation, judgedAt, argsJson }: { mutation: Mutation; judgedAt: Date; argsJson?: string },
    result: PushResult,
  ): PushResult {
    logMutation(this.st, {
      clubId: this.input.clubId,
      clientId: this.input.clientId,
      userId: this.pusher.userId,
      memberId: this.#actor?.memberId ?? null,
      mutation,
      judgedAt: judgedAt.toISOString(),
      receivedAt: this.#receivedIso,
      result,
      serverVersion: this.version ?? (this.#current ??= currentVersion(this.st)),
      deviceLabel: this.input.deviceLabel ?? null,
      ...(argsJson === undefined ? {} : { argsJson }),
    });
    this.#logged.set(mutation.id, { userId: this.pusher.userId, result });
    return result;
  }
}

function refused(
  id: string,
  code: ErrorCode,
  message: string = errorMessages[code],
  explanation?: Explanation,
): PushResult {
  return explanation
    ? { id, status: 'rejected', code, message, explanation }
    : { id, status: 'rejected', code, message };
}

/** The database's own refusal of a write that would cross clubs (migration 0007). */
function isClubGuard(error: unknown): boolean {
  return error instanceof Error && /another club|belong to one club/.test(error.message);
}

/** A guard or constraint refused the write: SQLite's SQLITE_CONSTRAINT*, PostgreSQL's class 23. */
function isConstraintError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  return (
    typeof code === 'string' &&
    (code.startsWith('SQLITE_CONSTRAINT') || /^23[0-9A-Z]{3}$/.test(code))
  );
}
