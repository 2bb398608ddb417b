import { durable } from '../db/durable.js';
import type { ServiceDeps } from '../services/deps.js';
import { applyPush, GuardTripped, type ArrivedPush, type PushOutcome } from './push.js';

/** The most mutations one shared commit takes (a longer transaction holds everyone else up). */
const maxGroupMutations = 2000;

interface Waiting extends ArrivedPush {
  /** The request's own services (its logger and clock). */
  deps: ServiceDeps;
  resolve(outcome: PushOutcome): void;
  reject(error: unknown): void;
}

/**
 * Group commit. Every commit must reach the disk before its pushes are
 * answered (a committed check-in survives a power cut). Pushes that arrive
 * while one is being applied wait for it, then go together: one
 * transaction, one flush to disk, each answered only once that flush has
 * covered its commit. The flush runs off the event loop (db/durable.ts),
 * so the next group is applied while the disk works on the last. The group is applied without savepoints;
 * if a database guard refuses a write (which the rules should have
 * prevented), the transaction is rolled back and the group applied again
 * with a savepoint around each mutation, so only that mutation is undone.
 * Idempotency and durability are those of a single push; a quiet server
 * applies a lone push at once. If a group fails for a reason other than the
 * rules (a storage error), each of its pushes is tried again alone, so one
 * bad push never fails the others.
 */
class PushQueue {
  #waiting: Waiting[] = [];
  #draining = false;
  /** Transactions committed (for tests and the benchmark). */
  commits = 0;

  constructor(private readonly db: ServiceDeps['db']) {}

  submit(deps: ServiceDeps, push: ArrivedPush): Promise<PushOutcome> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ ...push, deps, resolve, reject });
      if (!this.#draining) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#draining = true;
    try {
      while (this.#waiting.length > 0) await this.#commit(this.#nextGroup());
    } finally {
      this.#draining = false;
    }
  }

  #nextGroup(): Waiting[] {
    let mutations = 0;
    let n = 0;
    while (n < this.#waiting.length) {
      const size = this.#waiting[n]!.input.mutations.length;
      if (n > 0 && mutations + size > maxGroupMutations) break;
      mutations += size;
      n++;
    }
    return this.#waiting.splice(0, n);
  }

  async #commit(group: Waiting[], guarded = false): Promise<void> {
    try {
      const outcomes = await this.db.transaction().execute(async (trx) => {
        const done: PushOutcome[] = [];
        for (const push of group) done.push(await applyPush(push.deps, trx, push, guarded));
        return done;
      });
      this.commits++;
      // Answered once on disk; meanwhile the next group is applied (db/durable.ts).
      durable(this.db).then(
        () => group.forEach((push, i) => push.resolve(outcomes[i]!)),
        (error: unknown) => group.forEach((push) => push.reject(error)),
      );
    } catch (error) {
      if (error instanceof GuardTripped && !guarded) {
        await this.#commit(group, true);
        return;
      }
      if (group.length === 1) {
        group[0]!.reject(error);
        return;
      }
      for (const push of group) await this.#commit([push], guarded);
    }
  }
}

const queues = new WeakMap<ServiceDeps['db'], PushQueue>();

/** The push queue of a database (one per open database, whichever deps object carries it). */
export function pushQueueOf(deps: ServiceDeps): PushQueue {
  let queue = queues.get(deps.db);
  if (!queue) queues.set(deps.db, (queue = new PushQueue(deps.db)));
  return queue;
}
