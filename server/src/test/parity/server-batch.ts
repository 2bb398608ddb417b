import {
  judgeMutation,
  recordsRead,
  type CommandContext,
  type Decision,
  type Effects,
  type MutationArgs,
  type MutationName,
} from '@turnout/shared';
import type { Statements } from '../../db/statements.js';
import { nextVersion, StoredPasses, writeEffects } from '../../repositories/domain.repository.js';
import { FactsReader } from '../../repositories/facts.repository.js';
import { BatchFacts, SessionCache } from '../../sync/batch-facts.js';
import { PlaceBook } from '../../sync/places.js';
import { MemberRecords, type SessionMember } from '../../sync/records.js';

/** Builds the server's fact source from a batch's parts (a test may hand in a broken one). */
export type BatchFactsMaker = (...parts: ConstructorParameters<typeof BatchFacts>) => BatchFacts;

export const realBatchFacts: BatchFactsMaker = (...parts) => new BatchFacts(...parts);

/** A mutation of the batch, its args validated. */
export interface BatchMutation {
  id: string;
  name: MutationName;
  args: MutationArgs<MutationName>;
  /** The sender's member id. */
  memberId: string;
}

/**
 * The server's side of one push batch, put together as server/src/sync/
 * push.ts `Batch` does it (the same parts: FactsReader on the club's
 * prepared statements, SessionCache, PlaceBook, MemberRecords, the named
 * members' membership, the read-ahead of the records the batch names), without
 * the parts that are not about facts (the mutation log, authentication,
 * savepoints). Call inside a transaction, as push does.
 */
export class ServerBatch {
  readonly #stored = new StoredPasses();
  readonly #facts: FactsReader;
  readonly #sessions: SessionCache;
  readonly #places: PlaceBook;
  readonly #records: MemberRecords;
  readonly #members = new Map<string, boolean>();
  readonly facts: BatchFacts;
  #version: number | undefined;

  constructor(
    private readonly st: Statements,
    private readonly clubId: string,
    make: BatchFactsMaker = realBatchFacts,
  ) {
    this.#facts = new FactsReader(st, clubId, this.#stored);
    this.#sessions = new SessionCache(this.#facts);
    this.#places = new PlaceBook(this.#facts);
    this.#records = new MemberRecords(this.#facts);
    this.facts = make(this.#facts, this.#sessions, this.#places, this.#records, this.#members);
  }

  /** What push's `Batch.load` reads ahead: the named members' membership and the records named. */
  load(mutations: readonly BatchMutation[]): void {
    const named = new Set<string>();
    const pairs: SessionMember[] = [];
    for (const { name, args, memberId: sender } of mutations) {
      const memberId =
        'memberId' in args && typeof args.memberId === 'string' ? args.memberId : sender;
      if (memberId !== sender) named.add(memberId);
      const read = recordsRead(name, args);
      if (read) pairs.push({ sessionId: read.sessionId, memberId });
    }
    const active = this.#facts.activeMembers([...named]);
    for (const id of named) this.#members.set(id, active.has(id));
    this.#records.prefetch(pairs.filter((p) => this.#members.get(p.memberId) !== false));
  }

  judge(ctx: CommandContext, mutation: BatchMutation): Decision {
    return judgeMutation(this.facts, ctx, mutation.name, mutation.args);
  }

  /** Writes an applied decision with the server's writer and tells the batch's caches, as push does. */
  write(mutationId: string, effects: Effects): void {
    this.#version ??= nextVersion(this.st);
    writeEffects(this.st, this.clubId, effects, this.#version, mutationId, this.#stored);
    this.#sessions.written(effects.sessions);
    this.#places.written(effects.signups, effects.attendance);
    this.#records.written(effects);
  }
}
