import {
  errorMessages,
  parseMutationArgs,
  type ClubSettings,
  type ErrorCode,
  type Mutation,
  type PushInput,
  type PushOutput,
  type PushResult,
  type Role,
} from '@turnout/shared';
import { sql } from 'kysely';
import type { Db } from '../db/connection.js';
import { getClub, settingsFromRow } from '../repositories/clubs.repository.js';
import { currentVersion, nextVersion, writeEffects } from '../repositories/domain.repository.js';
import { findActiveMembership } from '../repositories/memberships.repository.js';
import {
  findLoggedMutations,
  logMutation,
  type LoggedMutation,
} from '../repositories/mutation-log.repository.js';
import type { ServiceDeps } from '../services/deps.js';
import { decide, SessionCache } from './handlers.js';
import { judgedTime } from './time.js';

export interface Pusher {
  userId: string;
}

/** What a push did, for the caller to announce after commit. */
export interface PushOutcome extends PushOutput {
  /** The version the applied mutations were written under, if any were. */
  version: number | undefined;
}

/**
 * Applies a device's batch: in `seq` order, in one transaction, each
 * mutation in its own savepoint so a refusal or a constraint the database
 * enforces undoes only that mutation. A mutation id seen before returns its
 * stored result and changes nothing. Authorization uses the pusher's role in
 * the club right now. Infrastructure failures throw, so nothing of the batch
 * is kept and the device retries it whole.
 */
export async function push(
  deps: ServiceDeps,
  pusher: Pusher,
  input: PushInput,
): Promise<PushOutcome> {
  const receivedAt = deps.clock();
  const ordered = [...input.mutations].sort((a, b) => a.seq - b.seq);
  return deps.db.transaction().execute(async (trx) => {
    const batch = new Batch(trx, deps, pusher, input, receivedAt);
    await batch.load(ordered.map((m) => m.id));
    const results: PushResult[] = [];
    for (const mutation of ordered) results.push(await batch.apply(mutation));
    return {
      serverTime: receivedAt.toISOString(),
      results,
      version: batch.version,
    };
  });
}

class Batch {
  version: number | undefined;
  #settings: ClubSettings | undefined;
  #actor: { memberId: string; role: Role } | undefined;
  #clubExists = false;
  #savepoints = 0;
  /** Results already stored for ids in this batch (earlier pushes, or earlier in this batch). */
  #logged = new Map<string, LoggedMutation>();
  #sessions: SessionCache;
  #members = new Map<string, boolean>();

  constructor(
    private readonly db: Db,
    private readonly deps: ServiceDeps,
    private readonly pusher: Pusher,
    private readonly input: PushInput,
    private readonly receivedAt: Date,
  ) {
    this.#sessions = new SessionCache(db, input.clubId);
  }

  /** The club's settings, the pusher's membership and known results, read once per batch. */
  async load(ids: string[]) {
    this.#logged = await findLoggedMutations(this.db, ids);
    const club = await getClub(this.db, this.input.clubId);
    this.#clubExists = Boolean(club);
    if (club) this.#settings = settingsFromRow(club);
    const membership = club
      ? await findActiveMembership(this.db, this.input.clubId, this.pusher.userId)
      : undefined;
    if (membership) this.#actor = { memberId: membership.id, role: membership.role };
  }

  async apply(mutation: Mutation): Promise<PushResult> {
    const logged = this.#logged.get(mutation.id);
    if (logged) return this.replay(mutation, logged);
    // Without a club there is nowhere to log the attempt; the device is told plainly.
    if (!this.#clubExists || !this.#settings) return refused(mutation.id, 'not_found');

    const judgedAt = judgedTime(mutation.occurredAt, this.receivedAt);
    const base = { mutation, judgedAt };
    if (!this.#actor) return this.record(base, refused(mutation.id, 'not_permitted'));

    const parsed = parseMutationArgs(mutation.name, mutation.args);
    if (!parsed.ok) {
      const detail = parsed.issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
      return this.record(
        base,
        refused(mutation.id, 'invalid_args', `${errorMessages.invalid_args} ${detail.join('; ')}`),
      );
    }

    const savepoint = sql.raw(`m${++this.#savepoints}`);
    await sql`savepoint ${savepoint}`.execute(this.db);
    try {
      const decision = await decide(
        {
          db: this.db,
          clubId: this.input.clubId,
          sessions: this.#sessions,
          members: this.#members,
          ctx: {
            actor: this.#actor,
            settings: this.#settings,
            now: judgedAt.getTime(),
            mutationId: mutation.id,
            deviceLabel: this.input.deviceLabel ?? null,
          },
        },
        parsed.name,
        parsed.args,
      );
      if (!decision.ok) {
        await sql`rollback to ${savepoint}`.execute(this.db);
        await sql`release ${savepoint}`.execute(this.db);
        return this.record(base, refused(mutation.id, decision.code, decision.message));
      }
      this.version ??= await nextVersion(this.db);
      await writeEffects(this.db, this.input.clubId, decision.effects, this.version, mutation.id);
      if (decision.effects.settings) this.#settings = decision.effects.settings;
      this.#sessions.written(decision.effects.sessions);
      await sql`release ${savepoint}`.execute(this.db);
      const flags = [...new Set(decision.effects.flags)];
      return this.record(base, {
        id: mutation.id,
        status: 'applied',
        ...(flags.length > 0 ? { flags } : {}),
      });
    } catch (error) {
      if (!isConstraintError(error)) throw error;
      // The database refused what the rules allowed: a bug, but one mutation's.
      // Undo it alone, keep the batch going, and leave it for needs-attention.
      await sql`rollback to ${savepoint}`.execute(this.db);
      await sql`release ${savepoint}`.execute(this.db);
      this.deps.logger.error(
        { err: error, mutation: mutation.name, id: mutation.id },
        'mutation hit a database guard',
      );
      return this.record(base, refused(mutation.id, 'conflict'));
    }
  }

  replay(mutation: Mutation, logged: LoggedMutation): PushResult {
    // A reused id from someone else's device must not reveal their result.
    if (logged.userId !== this.pusher.userId) {
      return refused(mutation.id, 'conflict', 'This change id was already used by another device.');
    }
    return { ...logged.result, replayed: true };
  }

  async record(
    { mutation, judgedAt }: { mutation: Mutation; judgedAt: Date },
    result: PushResult,
  ): Promise<PushResult> {
    await logMutation(this.db, {
      clubId: this.input.clubId,
      clientId: this.input.clientId,
      userId: this.pusher.userId,
      memberId: this.#actor?.memberId ?? null,
      mutation,
      judgedAt: judgedAt.toISOString(),
      receivedAt: this.receivedAt.toISOString(),
      result,
      serverVersion: this.version ?? (await currentVersion(this.db)),
      deviceLabel: this.input.deviceLabel ?? null,
    });
    this.#logged.set(mutation.id, { userId: this.pusher.userId, result });
    return result;
  }
}

function refused(id: string, code: ErrorCode, message: string = errorMessages[code]): PushResult {
  return { id, status: 'rejected', code, message };
}

function isConstraintError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('SQLITE_CONSTRAINT')
  );
}
