import { placeHolders, type Attendance, type Signup } from '@turnout/shared';
import type { FactsReader } from '../repositories/facts.repository.js';

/** Where a place-holding record is counted: its session's places and its member. */
interface Counted {
  places: SessionPlaces;
  memberId: string;
}

/** The members holding places in one session, each with the records that give them one. */
class SessionPlaces {
  readonly holders = new Map<string, Set<string>>();

  add(memberId: string, key: string): void {
    let records = this.holders.get(memberId);
    if (!records) this.holders.set(memberId, (records = new Set()));
    records.add(key);
  }

  remove(memberId: string, key: string): void {
    const records = this.holders.get(memberId);
    if (!records) return;
    records.delete(key);
    if (records.size === 0) this.holders.delete(memberId);
  }
}

/**
 * Occupancy of the sessions a push batch judges: read once per session,
 * then kept current from the rows the batch writes — counting a full session
 * in SQL for every check-in cost more than the rest of the check-in.
 *
 * Occupancy is the rulebook's: distinct members holding a place, a record
 * holding one as `placeHolders()` says. The batch reports rows only after a
 * mutation's writes are kept (its savepoint released), so a refused or
 * rolled-back mutation never moves a count.
 */
export class PlaceBook {
  readonly #sessions = new Map<string, SessionPlaces>();
  /** Every record counted in a loaded session, by `kind:id`. */
  readonly #counted = new Map<string, Counted>();

  constructor(private readonly facts: Pick<FactsReader, 'placeRows'>) {}

  occupancy(sessionId: string): number {
    return this.#places(sessionId).holders.size;
  }

  /** Rows the batch wrote (whole rows, replacing earlier versions by id). */
  written(signups: readonly Signup[], attendance: readonly Attendance[]): void {
    for (const s of signups) {
      this.#put(`signup:${s.id}`, s.sessionId, s.memberId, placeHolders([s], []).size > 0);
    }
    for (const a of attendance) {
      this.#put(`checkin:${a.id}`, a.sessionId, a.memberId, placeHolders([], [a]).size > 0);
    }
  }

  #places(sessionId: string): SessionPlaces {
    let places = this.#sessions.get(sessionId);
    if (!places) {
      places = new SessionPlaces();
      this.#sessions.set(sessionId, places);
      for (const row of this.facts.placeRows(sessionId)) {
        const key = `${row.kind}:${row.id}`;
        places.add(row.member_id, key);
        this.#counted.set(key, { places, memberId: row.member_id });
      }
    }
    return places;
  }

  #put(key: string, sessionId: string, memberId: string, holds: boolean): void {
    const before = this.#counted.get(key);
    if (before) {
      before.places.remove(before.memberId, key);
      this.#counted.delete(key);
    }
    // A session not read yet will be read from the database, writes included.
    const places = this.#sessions.get(sessionId);
    if (!holds || !places) return;
    places.add(memberId, key);
    this.#counted.set(key, { places, memberId });
  }
}
