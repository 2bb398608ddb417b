import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Role } from '../roles.js';
import type { ClubSettings } from '../settings.js';
import {
  adjustCheckIn,
  checkIn,
  signOut,
  signUp,
  voidCheckIn,
  type MemberSessionFacts,
} from './index.js';
import type { CommandContext, Decision, Effects } from './decision.js';
import { HOST, aClubSettings, aContext, aPass, aSession, aTimePass } from '../testing/index.js';
import { occupancy } from './occupancy.js';
import { addSessions, adjustPass } from './passes.js';
import { cancelSession } from './sessions.js';
import { isTimePass } from './time-passes.js';
import type { Attendance, Charge, NewCreditLogEntry, Pass, Session, Signup } from './types.js';

/**
 * A tiny in-memory club with one session: commands go through the rules and
 * their effects are applied like a store would (rows put by id, log appended).
 */
const MEMBERS = [
  '10000000-0000-4000-8000-0000000000a1',
  '10000000-0000-4000-8000-0000000000a2',
  '10000000-0000-4000-8000-0000000000a3',
  '10000000-0000-4000-8000-0000000000a4',
];
/**
 * The last member is a child of the first (docs/rules.md "Dependants"): the
 * guardian acts for them, and their own passes pay first, then the guardian's.
 */
const GUARDIAN = MEMBERS[0]!;
const DEPENDANT = MEMBERS[3]!;
const actorFor = (memberId: string) => (memberId === DEPENDANT ? GUARDIAN : memberId);
// Cancelling is rare so that most sequences exercise a live session.
// Session 17:00Z–18:00Z on 2025-03-11 (fixtures); judged times around it.
const TIMES = [
  '2025-03-11T14:00:00.000Z', // before, outside any late-cancel window
  '2025-03-11T16:40:00.000Z', // before start, check-in open, inside a late-cancel window
  '2025-03-11T17:30:00.000Z', // running
  '2025-03-12T10:00:00.000Z', // backfill
];

interface Model {
  settings: ClubSettings;
  session: Session;
  signups: Signup[];
  attendance: Attendance[];
  passes: Pass[];
  log: NewCreditLogEntry[];
  /** Credits that entered each member's passes from outside (grants, additions, manual adjustments). */
  funded: Map<string, number>;
  seq: number;
}

type Command =
  | { kind: 'signUp' | 'signOut' | 'void'; member: number; byHost: boolean; time: number }
  | { kind: 'checkIn'; member: number; byHost: boolean; time: number; credits: number | undefined }
  | { kind: 'adjust'; member: number; time: number; credits: number }
  | { kind: 'addSessions' | 'adjustPass'; pass: number; amount: number }
  | { kind: 'cancel'; time: number };

const member = fc.integer({ min: 0, max: MEMBERS.length - 1 });
// Weighted towards the times before start, where sign-ups and sign-outs happen.
const time = fc.constantFrom(0, 0, 1, 1, 2, 3);
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constantFrom('signUp' as const, 'signOut' as const, 'void' as const),
      member,
      byHost: fc.boolean(),
      time,
    }),
  },
  {
    weight: 30,
    arbitrary: fc.record({
      kind: fc.constant('checkIn' as const),
      member,
      byHost: fc.boolean(),
      time,
      credits: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined, freq: 2 }),
    }),
  },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('adjust' as const),
      member,
      time,
      credits: fc.integer({ min: 1, max: 3 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constantFrom('addSessions' as const, 'adjustPass' as const),
      pass: fc.nat(20),
      amount: fc.integer({ min: -3, max: 3 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), time }) },
);

const settingsArb = fc.record({
  creditPolicy: fc.constantFrom('none' as const, 'at_checkin' as const, 'at_signup' as const),
  waitlistEnabled: fc.boolean(),
  lateCancelMinutes: fc.constantFrom(0, 60),
  multiCreditEnabled: fc.boolean(),
  maxCreditsPerCheckIn: fc.integer({ min: 1, max: 3 }),
  hostOverCapacity: fc.constantFrom('flag' as const, 'reject' as const),
  hostWithoutCredits: fc.constantFrom('flag' as const, 'reject' as const),
});

const passesArb = fc.array(
  fc.record({
    member,
    balance: fc.integer({ min: 0, max: 3 }),
    expiresOn: fc.constantFrom('2025-03-10', '2025-03-11', '2025-04-30'),
    active: fc.boolean(),
    // Some passes are memberships by time (balance 0), capped at 1 a week or not.
    time: fc.option(fc.constantFrom<number | null>(null, 1), { nil: undefined, freq: 3 }),
  }),
  { maxLength: 6 },
);

type PassSeed = {
  member: number;
  balance: number;
  expiresOn: string;
  active: boolean;
  /** A time pass with this weekly cap (null = none); undefined = a session-count pass. */
  time?: number | null | undefined;
};

function newModel(s: Partial<ClubSettings>, capacity: number, passes: readonly PassSeed[]): Model {
  const funded = new Map<string, number>();
  const log: NewCreditLogEntry[] = [];
  const rows = passes.map((p, i) => {
    const memberId = MEMBERS[p.member]!;
    const seed = {
      id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      memberId,
      expiresOn: p.expiresOn,
      active: p.active,
    };
    const row =
      p.time !== undefined
        ? aTimePass({ ...seed, terms: { weeklyCap: p.time } })
        : aPass({ ...seed, balance: p.balance });
    funded.set(memberId, (funded.get(memberId) ?? 0) + row.balance);
    log.push({
      passId: row.id,
      memberId,
      delta: row.balance,
      kind: 'granted',
      balanceAfter: row.balance,
      expiresOnAfter: null,
      sessionId: null,
      signupId: null,
      attendanceId: null,
      reason: null,
      byMemberId: HOST,
      at: TIMES[0]!,
    });
    return row;
  });
  return {
    settings: aClubSettings(s),
    session: aSession({ capacity }),
    signups: [],
    attendance: [],
    passes: rows,
    log,
    funded,
    seq: 0,
  };
}

function put<T extends { id: string }>(rows: T[], updates: readonly T[]): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const u of updates) byId.set(u.id, u);
  return [...byId.values()];
}

function apply(m: Model, d: Decision): Effects | null {
  if (!d.ok) return null;
  const e = d.effects;
  m.signups = put(m.signups, e.signups);
  m.attendance = put(m.attendance, e.attendance);
  m.passes = put(m.passes, e.passes);
  if (e.sessions[0]) m.session = e.sessions[0];
  m.log.push(...e.creditLog);
  return e;
}

function context(m: Model, role: Role, memberId: string, t: number): CommandContext {
  m.seq += 1;
  return aContext({
    role,
    memberId,
    settings: m.settings,
    now: TIMES[t]!,
    mutationId: `30000000-0000-4000-8000-${String(m.seq).padStart(12, '0')}`,
    deviceLabel: 'Front desk',
  });
}

function memberFacts(m: Model, memberId: string): MemberSessionFacts {
  const mine = m.signups.filter((s) => s.memberId === memberId);
  return {
    session: m.session,
    occupancy: occupancy(m.signups, m.attendance),
    signup: mine.find((s) => s.status !== 'cancelled') ?? mine.at(-1) ?? null,
    attendance: m.attendance.find((a) => a.memberId === memberId) ?? null,
    passes: m.passes.filter(
      (p) => p.memberId === memberId || (memberId === DEPENDANT && p.memberId === GUARDIAN),
    ),
    guardianId: memberId === DEPENDANT ? GUARDIAN : null,
  };
}

function run(m: Model, c: Command): Effects | null {
  switch (c.kind) {
    case 'cancel':
      return apply(
        m,
        cancelSession(
          context(m, 'owner', HOST, c.time),
          { sessionId: m.session.id },
          { session: m.session, signups: m.signups, attendance: m.attendance, passes: m.passes },
        ),
      );
    case 'addSessions':
    case 'adjustPass': {
      const p = m.passes[c.pass % Math.max(1, m.passes.length)];
      if (!p) return null;
      const ctx = context(m, 'owner', HOST, 0);
      const d =
        c.kind === 'addSessions'
          ? addSessions(ctx, { passId: p.id, sessions: Math.abs(c.amount) || 1 }, { pass: p })
          : adjustPass(ctx, { passId: p.id, delta: c.amount || 1, reason: 'test' }, { pass: p });
      const e = apply(m, d);
      for (const entry of e?.creditLog ?? []) {
        m.funded.set(p.memberId, (m.funded.get(p.memberId) ?? 0) + entry.delta);
      }
      return e;
    }
    case 'adjust': {
      const memberId = MEMBERS[c.member]!;
      const f = memberFacts(m, memberId);
      const args = { sessionId: m.session.id, memberId, credits: c.credits };
      return apply(m, adjustCheckIn(context(m, 'host', HOST, c.time), args, f));
    }
    case 'void': {
      const memberId = MEMBERS[c.member]!;
      const f = memberFacts(m, memberId);
      return apply(
        m,
        voidCheckIn(context(m, 'host', HOST, c.time), { sessionId: m.session.id, memberId }, f),
      );
    }
    case 'checkIn': {
      const memberId = MEMBERS[c.member]!;
      const ctx = c.byHost
        ? context(m, 'host', HOST, c.time)
        : context(m, 'member', actorFor(memberId), c.time);
      const args = { sessionId: m.session.id, memberId, credits: c.credits };
      return apply(m, checkIn(ctx, args, memberFacts(m, memberId)));
    }
    case 'signUp':
    case 'signOut': {
      const memberId = MEMBERS[c.member]!;
      const ctx = c.byHost
        ? context(m, 'host', HOST, c.time)
        : context(m, 'member', actorFor(memberId), c.time);
      const args = { sessionId: m.session.id, memberId };
      const f = memberFacts(m, memberId);
      const waitlist = m.signups.filter((s) => s.status === 'waitlisted');
      const waiterPasses = m.passes.filter((p) => p.memberId !== memberId);
      return c.kind === 'signUp'
        ? apply(m, signUp(ctx, args, { ...f, waitlist }))
        : apply(
            m,
            signOut(ctx, args, {
              ...f,
              waitlist,
              waiterPasses,
              waiterGuardians: { [DEPENDANT]: GUARDIAN },
            }),
          );
    }
  }
}

/**
 * Credits the records hold charged to the member's session-count passes,
 * whoever the records are of (a guardian's pass pays for their child; a time
 * pass's use moves no balance).
 */
function held(m: Model, memberId: string): number {
  const owner = new Map(m.passes.map((p) => [p.id, p.memberId]));
  const sum = (rows: { charges: Charge[] }[]) =>
    rows.reduce(
      (n, r) =>
        n +
        r.charges.reduce(
          (k, c) => k + (c.week === undefined && owner.get(c.passId) === memberId ? c.credits : 0),
          0,
        ),
      0,
    );
  return sum(m.signups) + sum(m.attendance.filter((a) => !a.voided));
}

const scenario = fc.tuple(
  settingsArb,
  fc.integer({ min: 1, max: 3 }),
  passesArb,
  fc.array(commandArb, { minLength: 5, maxLength: 60, size: 'max' }),
);

describe('properties of the rules', () => {
  it('balance = sum of the credit log ≥ 0, and no credit is created or lost', () => {
    fc.assert(
      fc.property(scenario, ([s, capacity, passes, commands]) => {
        const m = newModel(s, capacity, passes);
        for (const c of commands) {
          run(m, c);
          for (const p of m.passes) {
            const sum = m.log.filter((e) => e.passId === p.id).reduce((n, e) => n + e.delta, 0);
            expect(p.balance).toBe(sum);
            expect(p.balance).toBeGreaterThanOrEqual(0);
            const last = m.log.filter((e) => e.passId === p.id).at(-1);
            expect(last?.balanceAfter).toBe(p.balance);
          }
          for (const id of MEMBERS) {
            const balance = m.passes
              .filter((p) => p.memberId === id)
              .reduce((n, p) => n + p.balance, 0);
            expect(balance + held(m, id)).toBe(m.funded.get(id) ?? 0);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it("a time pass's uses are the records it pays for, once each, within its weekly cap", () => {
    fc.assert(
      fc.property(scenario, ([s, capacity, passes, commands]) => {
        const m = newModel(s, capacity, passes);
        for (const c of commands) {
          run(m, c);
          for (const p of m.passes.filter(isTimePass)) {
            const uses = Object.values(p.weekUses ?? {}).reduce((n, k) => n + k, 0);
            const entries = m.log.filter((e) => e.passId === p.id);
            expect(entries.every((e) => e.delta === 0)).toBe(true);
            const used = entries.filter((e) => e.kind.startsWith('used_')).length;
            const unused = entries.filter((e) => e.kind.startsWith('unused_')).length;
            expect(uses).toBe(used - unused);
            const paying = [...m.signups, ...m.attendance.filter((a) => !a.voided)].filter((r) =>
              r.charges.some((c) => c.passId === p.id && c.week !== undefined),
            ).length;
            expect(uses).toBe(paying);
            const cap = p.terms.weeklyCap ?? null;
            if (cap !== null) expect(uses).toBeLessThanOrEqual(cap);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('occupancy ≤ capacity except for check-ins flagged over_capacity', () => {
    fc.assert(
      fc.property(scenario, ([s, capacity, passes, commands]) => {
        const m = newModel(s, capacity, passes);
        for (const c of commands) {
          run(m, c);
          const flagged = m.attendance.filter(
            (a) => !a.voided && a.flags.includes('over_capacity'),
          ).length;
          expect(occupancy(m.signups, m.attendance)).toBeLessThanOrEqual(capacity + flagged);
          const active = m.signups.filter((x) => x.status !== 'cancelled');
          expect(new Set(active.map((x) => x.memberId)).size).toBe(active.length);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('checking in twice never charges twice', () => {
    fc.assert(
      fc.property(
        scenario,
        member,
        time,
        fc.boolean(),
        ([s, capacity, passes, commands], who, t, byHost) => {
          const m = newModel(s, capacity, passes);
          for (const c of commands) run(m, c);
          const first = run(m, {
            kind: 'checkIn',
            member: who,
            byHost,
            time: t,
            credits: undefined,
          });
          const logLength = m.log.length;
          const second = run(m, {
            kind: 'checkIn',
            member: who,
            byHost,
            time: t,
            credits: undefined,
          });
          const memberId = MEMBERS[who]!;
          if (first || m.attendance.some((a) => a.memberId === memberId && !a.voided)) {
            expect(second).toBeNull();
            expect(m.log.length).toBe(logLength);
          }
          expect(
            m.attendance.filter((a) => a.memberId === memberId && !a.voided).length,
          ).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});
