import {
  memberSignupOf,
  placeHolders,
  type Attendance,
  type Effects,
  type Pass,
  type Signup,
} from '@turnout/shared';
import type { FactsReader } from '../repositories/facts.repository.js';

/** A member in a session. */
export interface SessionMember {
  sessionId: string;
  memberId: string;
}

/** Values per session and member (nested maps: no key string built per lookup). */
class BySessionMember<V> {
  readonly #sessions = new Map<string, Map<string, V>>();

  get(sessionId: string, memberId: string): V | undefined {
    return this.#sessions.get(sessionId)?.get(memberId);
  }

  has(sessionId: string, memberId: string): boolean {
    return this.#sessions.get(sessionId)?.has(memberId) ?? false;
  }

  set(sessionId: string, memberId: string, value: V): void {
    let members = this.#sessions.get(sessionId);
    if (!members) this.#sessions.set(sessionId, (members = new Map()));
    members.set(memberId, value);
  }
}

/** Per query: SQLite's limit on bound values is far above it, and the lists stay cheap to build. */
const CHUNK = 500;

/**
 * What a batch judges a member's actions on a session by — their sign-up
 * rows and check-in there, their passes — read for the whole batch in a
 * few queries instead of three lookups per mutation, then kept current from
 * the rows the batch writes (reported only once a mutation's writes are
 * kept). A record not read yet is read when first asked for.
 *
 * Exact because every write of these tables inside the push transaction is
 * a decision's effects: sign-ups and attendance are whole rows (attendance
 * is one per member and session), and a pass's balance moves only with a
 * credit-log entry of the same decision, whose pass is among the decision's
 * passes with its new balance (else the member's passes are read again).
 */
export class MemberRecords {
  readonly #signups = new BySessionMember<Signup[]>();
  readonly #attendance = new BySessionMember<Attendance | null>();
  readonly #passes = new Map<string, Pass[]>();

  constructor(
    private readonly facts: Pick<
      FactsReader,
      'signupsOfMembers' | 'attendanceOfMembers' | 'memberAttendance' | 'passesOfMembers'
    >,
  ) {}

  /** Reads the records of these members and sessions at once. */
  prefetch(pairs: readonly SessionMember[]): void {
    const bySession = new Map<string, Set<string>>();
    for (const { sessionId, memberId } of pairs) {
      if (this.#attendance.has(sessionId, memberId)) continue;
      let members = bySession.get(sessionId);
      if (!members) bySession.set(sessionId, (members = new Set()));
      members.add(memberId);
    }
    const allMembers = new Set<string>();
    for (const [sessionId, members] of bySession) {
      const ids = [...members];
      for (let i = 0; i < ids.length; i += CHUNK) {
        const chunk = ids.slice(i, i + CHUNK);
        for (const m of chunk) {
          this.#signups.set(sessionId, m, []);
          this.#attendance.set(sessionId, m, null);
          allMembers.add(m);
        }
        for (const s of this.facts.signupsOfMembers(sessionId, chunk)) {
          this.#signups.get(sessionId, s.memberId)?.push(s);
        }
        for (const a of this.facts.attendanceOfMembers(sessionId, chunk)) {
          this.#attendance.set(sessionId, a.memberId, a);
        }
      }
    }
    const members = [...allMembers].filter((m) => !this.#passes.has(m));
    for (let i = 0; i < members.length; i += CHUNK) {
      const chunk = members.slice(i, i + CHUNK);
      for (const m of chunk) this.#passes.set(m, []);
      for (const p of this.facts.passesOfMembers(chunk)) this.#passes.get(p.memberId)?.push(p);
    }
  }

  /** The member's live sign-up for the session, else their latest cancelled one. */
  signup(sessionId: string, memberId: string): Signup | null {
    let rows = this.#signups.get(sessionId, memberId);
    if (!rows) {
      rows = this.facts.signupsOfMembers(sessionId, [memberId]);
      this.#signups.set(sessionId, memberId, rows);
    }
    return memberSignupOf(rows, memberId);
  }

  attendance(sessionId: string, memberId: string): Attendance | null {
    let row = this.#attendance.get(sessionId, memberId);
    if (row === undefined) {
      row = this.facts.memberAttendance(sessionId, memberId);
      this.#attendance.set(sessionId, memberId, row);
    }
    return row;
  }

  passes(memberId: string): Pass[] {
    let passes = this.#passes.get(memberId);
    if (!passes) {
      passes = this.facts.passesOfMembers([memberId]);
      this.#passes.set(memberId, passes);
    }
    return passes;
  }

  /**
   * Whether the member holds a place in the session by the records read so
   * far (the rulebook's `placeHolders`); undefined when they are not all read.
   */
  holdsPlace(sessionId: string, memberId: string): boolean | undefined {
    const signups = this.#signups.get(sessionId, memberId);
    const attendance = this.#attendance.get(sessionId, memberId);
    if (signups === undefined || attendance === undefined) return undefined;
    return placeHolders(signups, attendance ? [attendance] : []).size > 0;
  }

  /** The effects of a mutation whose writes were kept. */
  written(effects: Pick<Effects, 'signups' | 'attendance' | 'passes' | 'creditLog'>): void {
    for (const s of effects.signups) {
      const rows = this.#signups.get(s.sessionId, s.memberId);
      // Not read yet: it will be read with this write in it.
      if (rows) replaceById(rows, s);
    }
    for (const a of effects.attendance) this.#attendance.set(a.sessionId, a.memberId, a);
    for (const p of effects.passes) {
      const passes = this.#passes.get(p.memberId);
      if (passes) replaceById(passes, p);
    }
    // A balance moved without its pass among the effects: read that member's passes again.
    for (const e of effects.creditLog) {
      if (!effects.passes.some((p) => p.id === e.passId)) this.#passes.delete(e.memberId);
    }
  }
}

function replaceById<T extends { id: string }>(rows: T[], row: T): void {
  const i = rows.findIndex((r) => r.id === row.id);
  if (i >= 0) rows[i] = row;
  else rows.push(row);
}
