import { occupancy, type Attendance, type Signup, type SignupStatus } from '@turnout/shared';
import { aSignup, anAttendance } from '@turnout/shared/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlaceRow } from '../repositories/facts.repository.js';
import { PlaceBook } from './places.js';

const SESSIONS = ['s0', 's1'];
const MEMBERS = ['m0', 'm1', 'm2', 'm3'];

/** A write of one record: a new row, or a new version of an earlier one. */
const write = fc.record({
  /** Which earlier record to replace (modulo how many exist), or null for a new one. */
  replaces: fc.option(fc.nat()),
  kind: fc.constantFrom('signup' as const, 'checkin' as const),
  session: fc.constantFrom(...SESSIONS),
  member: fc.constantFrom(...MEMBERS),
  status: fc.constantFrom<SignupStatus>('active', 'waitlisted', 'cancelled'),
  voided: fc.boolean(),
});

const step = fc.oneof(
  fc.record({ op: fc.constant('write' as const), write, kept: fc.boolean() }),
  fc.record({ op: fc.constant('ask' as const), session: fc.constantFrom(...SESSIONS) }),
);

/** The store as the database holds it: rows by id. */
class Store {
  readonly signups = new Map<string, Signup>();
  readonly attendance = new Map<string, Attendance>();

  placeRows(sessionId: string): PlaceRow[] {
    return [
      ...[...this.signups.values()]
        .filter((s) => s.sessionId === sessionId && s.status === 'active')
        .map((s) => ({ kind: 'signup' as const, id: s.id, member_id: s.memberId })),
      ...[...this.attendance.values()]
        .filter((a) => a.sessionId === sessionId && !a.voided)
        .map((a) => ({ kind: 'checkin' as const, id: a.id, member_id: a.memberId })),
    ];
  }

  occupancy(sessionId: string): number {
    return occupancy(
      [...this.signups.values()].filter((s) => s.sessionId === sessionId),
      [...this.attendance.values()].filter((a) => a.sessionId === sessionId),
    );
  }
}

describe('PlaceBook', () => {
  it("keeps every session's occupancy equal to the rulebook's count of the stored rows", () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const store = new Store();
        const book = new PlaceBook(store);
        const written: { kind: 'signup' | 'checkin'; id: string }[] = [];
        for (const s of steps) {
          if (s.op === 'ask') {
            expect(book.occupancy(s.session)).toBe(store.occupancy(s.session));
            continue;
          }
          const w = s.write;
          const earlier =
            w.replaces !== null && written.length > 0
              ? written[w.replaces % written.length]!
              : undefined;
          const kind = earlier?.kind ?? w.kind;
          const base = { sessionId: w.session, memberId: w.member };
          // A rolled-back write reaches neither the store nor the book.
          if (kind === 'signup') {
            const row = aSignup({
              ...base,
              ...(earlier ? { id: earlier.id } : {}),
              status: w.status,
              position: w.status === 'waitlisted' ? 1 : null,
            });
            if (!s.kept) continue;
            store.signups.set(row.id, row);
            book.written([row], []);
            if (!earlier) written.push({ kind, id: row.id });
          } else {
            const row = anAttendance({
              ...base,
              ...(earlier ? { id: earlier.id } : {}),
              voided: w.voided,
            });
            if (!s.kept) continue;
            store.attendance.set(row.id, row);
            book.written([], [row]);
            if (!earlier) written.push({ kind, id: row.id });
          }
        }
        for (const session of SESSIONS) {
          expect(book.occupancy(session)).toBe(store.occupancy(session));
        }
      }),
      { numRuns: 300 },
    );
  });
});
