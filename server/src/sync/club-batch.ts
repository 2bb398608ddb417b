import { isMutationName, recordsRead, type Effects } from '@turnout/shared';
import type { Statements } from '../db/statements.js';
import { StoredPasses } from '../repositories/domain.repository.js';
import { FactsReader } from '../repositories/facts.repository.js';
import { BatchFacts, OccupancyCache, SessionCache } from './batch-facts.js';
import { MemberRecords, type SessionMember } from './records.js';

/** Builds the batch's fact source from its parts (the parity test hands in broken ones). */
export type BatchFactsMaker = (...parts: ConstructorParameters<typeof BatchFacts>) => BatchFacts;

const realBatchFacts: BatchFactsMaker = (...parts) => new BatchFacts(...parts);

/** A mutation of the batch as far as reading ahead goes: args may not be validated yet. */
interface AheadRead {
  name: string;
  args: Record<string, unknown>;
  /** The sender's member id: whom the mutation is for when its args name nobody. */
  senderId: string;
}

/**
 * What one push batch knows of its club: the club's facts on the
 * connection's prepared statements, the batch's caches (sessions,
 * members' records, who belongs to the club) and the `BatchFacts` the rules
 * are judged with. Push builds every batch through this, and so does the
 * parity test, so the facts it compares are the ones push judges with.
 * Use inside the push transaction.
 */
export class ClubBatch {
  /** Pass rows as the batch last wrote them, for the writer (`writeEffects`). */
  readonly stored = new StoredPasses();
  readonly facts: BatchFacts;
  readonly #reader: FactsReader;
  readonly #sessions: SessionCache;
  readonly #records: MemberRecords;
  readonly #occupancy: OccupancyCache;
  /** Active membership of the member ids the batch names (kept current when the batch adds or lets go a child). */
  readonly #members = new Map<string, boolean>();

  constructor(st: Statements, clubId: string, makeFacts: BatchFactsMaker = realBatchFacts) {
    this.#reader = new FactsReader(st, clubId, this.stored);
    this.#sessions = new SessionCache(this.#reader);
    this.#records = new MemberRecords(this.#reader);
    this.#occupancy = new OccupancyCache(this.#reader, this.#records);
    this.facts = makeFacts(
      this.#reader,
      this.#sessions,
      this.#records,
      this.#occupancy,
      this.#members,
    );
  }

  /**
   * Reads ahead, once for the batch, which of the members it names belong
   * to the club and the records of the members and sessions it names.
   */
  readAhead(mutations: readonly AheadRead[]): void {
    const named = new Set<string>();
    const pairs: SessionMember[] = [];
    for (const { name, args, senderId } of mutations) {
      const memberId = typeof args.memberId === 'string' ? args.memberId : senderId;
      if (memberId !== senderId) named.add(memberId);
      // Args may not be validated yet: read ahead only what is plainly an id.
      const read = isMutationName(name) ? recordsRead(name, args as never) : undefined;
      if (read && typeof read.sessionId === 'string') {
        pairs.push({ sessionId: read.sessionId, memberId });
      }
    }
    const active = this.#reader.activeMembers([...named]);
    for (const id of named) this.#members.set(id, active.has(id));
    // Members of the club only: the others are refused before their records matter.
    const members = pairs.filter((p) => this.#members.get(p.memberId) !== false);
    this.#records.prefetch(members);
    // Every check-in and sign-up asks whose passes pay after the member's own: one read for all.
    this.facts.tiesRead(this.#reader.familyTies([...new Set(members.map((p) => p.memberId))]));
  }

  /** The batch's caches follow what it wrote (call once a mutation's writes are kept). */
  written(effects: Effects): void {
    // A child added or let go inside the push: the one membership change a batch makes.
    for (const link of effects.familyLinks) {
      this.facts.tieWritten(link.memberId);
      if (link.removedAt !== null && link.kind === 'child') this.#members.set(link.memberId, false);
      else if (link.removedAt === null && link.name !== null)
        this.#members.set(link.memberId, true);
    }
    this.#sessions.written(effects.sessions);
    const places = this.#occupancy.placesBefore(effects);
    this.#records.written(effects);
    this.#occupancy.written(places);
  }
}
