import type { Effects } from '@turnout/shared';
import type { Statements } from '../db/statements.js';
import {
  anyOfAnotherClub,
  clubOfRow,
  ownerOfSession,
  type DeviceNamedTable,
} from '../repositories/ownership.repository.js';

/**
 * "An id names one thing forever" (docs/decisions.md). The rules judge with
 * the facts of one club, so an id that already names a row of another club
 * looks free to them; ids are made on devices, so a hostile one can send
 * exactly such an id. Before a decision is written, every row it writes is
 * looked up by id across all clubs: a row that exists in another club, or
 * (for a series' occurrences) belongs to another series or to none, means
 * the id is taken and the mutation is refused with `id_taken`.
 *
 * The database refuses the same writes on its own (`*_club_fixed` triggers);
 * this check turns them into a clear refusal of the one mutation instead of
 * a guard tripping mid-batch.
 *
 * `deferred`: a push's first attempt, without savepoints (push.ts), looks
 * the ids up once for the whole batch, at its end (`anyTaken`), instead of
 * one lookup per row written — a check-in's rows would cost two lookups
 * each. An id of another club then trips the database's guard on the write
 * or is found at the end; either way push redoes the batch with a savepoint
 * per mutation and this check made per row, so the result is the same.
 */
export class RowOwnership {
  /** Ids already seen to be this club's (or free) in this batch, per table. */
  readonly #ours = new Map<DeviceNamedTable, Set<string>>();

  /** Deferred: ids still to look up, per table. */
  readonly #unchecked = new Map<DeviceNamedTable, Set<string>>();

  constructor(
    private readonly st: Statements,
    private readonly clubId: string,
    private readonly deferred = false,
  ) {}

  /** Whether a decision would write over a row that is not the club's to change. */
  clashes(effects: Effects): boolean {
    return (
      effects.trainingTypes.some((r) => this.#taken('training_types', r.id)) ||
      effects.series.some((r) => this.#taken('series', r.id)) ||
      effects.sessions.some((r) => this.#sessionTaken(r.id, r.seriesId)) ||
      effects.templates.some((r) => this.#taken('pass_templates', r.id)) ||
      effects.passRequests.some((r) => this.#taken('pass_requests', r.id)) ||
      effects.passes.some((r) => this.#taken('passes', r.id)) ||
      effects.signups.some((r) => this.#taken('signups', r.id)) ||
      effects.attendance.some((r) => this.#taken('attendance', r.id)) ||
      effects.guests.some((g) => this.#taken('memberships', g.memberId)) ||
      effects.familyLinks.some((l) => this.#taken('memberships', l.memberId))
    );
  }

  /** After a write: these rows are the club's now. */
  written(effects: Effects): void {
    for (const [table, rows] of [
      ['training_types', effects.trainingTypes],
      ['series', effects.series],
      ['pass_templates', effects.templates],
      ['pass_requests', effects.passRequests],
      ['passes', effects.passes],
      ['signups', effects.signups],
      ['attendance', effects.attendance],
    ] as const) {
      for (const row of rows) this.#remember(table, row.id);
    }
    for (const guest of effects.guests) this.#remember('memberships', guest.memberId);
    for (const link of effects.familyLinks) this.#remember('memberships', link.memberId);
    // Sessions are checked with their series each time (cheap: a series edit is rare).
  }

  /** Deferred: whether any id the batch wrote names another club's row (looked up now). */
  anyTaken(): boolean {
    for (const [table, ids] of this.#unchecked) {
      if (anyOfAnotherClub(this.st, table, [...ids], this.clubId)) return true;
    }
    this.#unchecked.clear();
    return false;
  }

  #taken(table: DeviceNamedTable, id: string): boolean {
    if (this.#ours.get(table)?.has(id)) return false;
    if (this.deferred) {
      let ids = this.#unchecked.get(table);
      if (!ids) this.#unchecked.set(table, (ids = new Set()));
      ids.add(id);
      return false;
    }
    const club = clubOfRow(this.st, table, id);
    if (club !== undefined && club !== this.clubId) return true;
    this.#remember(table, id);
    return false;
  }

  #sessionTaken(id: string, seriesId: string | null): boolean {
    const owner = ownerOfSession(this.st, id);
    if (!owner) return false;
    if (owner.clubId !== this.clubId) return true;
    // An occurrence id (derived from its series) must not land on another series' session.
    return seriesId !== null && owner.seriesId !== seriesId;
  }

  #remember(table: DeviceNamedTable, id: string): void {
    let ids = this.#ours.get(table);
    if (!ids) this.#ours.set(table, (ids = new Set()));
    ids.add(id);
  }
}
