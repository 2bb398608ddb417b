import { describe, expect, it } from 'vitest';
import { updateClubSettings } from './club.js';
import {
  MEMBER,
  OTHER,
  anAttendance,
  aContext,
  expectApplied,
  expectRefused,
  aPass,
  aSession,
  aSignup,
  uuid,
  aTrainingType,
} from '../testing/index.js';
import { cancelSession, createSession, updateSession } from './sessions.js';
import { archiveTrainingType, createTrainingType, renameTrainingType } from './trainingTypes.js';

const host = (settings = {}) =>
  aContext({ role: 'host', now: '2025-03-11T10:00:00.000Z', settings });

describe('session.create', () => {
  const args = {
    sessionId: uuid(),
    title: 'Yoga',
    startsAt: '2025-03-11T17:00:00+00:00',
    endsAt: '2025-03-11T18:00:00Z',
  };

  it('creates a scheduled session with defaults', () => {
    const e = expectApplied(createSession(host(), args, { existing: null, trainingType: null }));
    expect(e.sessions).toMatchObject([
      {
        id: args.sessionId,
        capacity: null,
        creditCost: 1,
        status: 'scheduled',
        startsAt: '2025-03-11T17:00:00.000Z',
      },
    ]);
  });

  it('needs a role allowed to manage sessions', () => {
    expect(
      expectRefused(createSession(aContext(), args, { existing: null, trainingType: null })).code,
    ).toBe('not_permitted');
    expect(
      expectRefused(
        createSession(host({ hostsCanManageSessions: false }), args, {
          existing: null,
          trainingType: null,
        }),
      ).code,
    ).toBe('not_permitted');
    expect(
      expectApplied(
        createSession(aContext({ role: 'owner' }), args, { existing: null, trainingType: null }),
      ).sessions,
    ).toHaveLength(1);
  });

  it('refuses an unknown or archived training type', () => {
    const tt = aTrainingType({ name: 'Yoga', archived: true });
    expect(
      expectRefused(
        createSession(
          host(),
          { ...args, trainingTypeId: tt.id },
          { existing: null, trainingType: null },
        ),
      ).code,
    ).toBe('not_found');
    expect(
      expectRefused(
        createSession(
          host(),
          { ...args, trainingTypeId: tt.id },
          { existing: null, trainingType: tt },
        ),
      ).code,
    ).toBe('invalid_args');
  });
});

describe('session.update', () => {
  it('changes the given fields only', () => {
    const s = aSession({ capacity: 10, location: 'Hall A' });
    const e = expectApplied(
      updateSession(
        host(),
        { sessionId: s.id, title: 'Power Yoga', location: null },
        { session: s, trainingType: null },
      ),
    );
    expect(e.sessions).toMatchObject([{ title: 'Power Yoga', location: null, capacity: 10 }]);
  });

  it('refuses an end before the start and a cancelled session', () => {
    const s = aSession();
    expect(
      expectRefused(
        updateSession(
          host(),
          { sessionId: s.id, endsAt: '2025-03-11T16:00:00Z' },
          { session: s, trainingType: null },
        ),
      ).code,
    ).toBe('invalid_args');
    const c = aSession({ status: 'cancelled' });
    expect(
      expectRefused(
        updateSession(host(), { sessionId: c.id, title: 'x' }, { session: c, trainingType: null }),
      ).code,
    ).toBe('session_cancelled');
  });

  it('raising capacity before start promotes waiters', () => {
    const s = aSession({ capacity: 1 });
    const w = aSignup({ sessionId: s.id, memberId: OTHER, status: 'waitlisted', position: 1 });
    const e = expectApplied(
      updateSession(
        host(),
        { sessionId: s.id, capacity: 2 },
        { session: s, trainingType: null, occupancy: 1, waitlist: [w], waiterPasses: [] },
      ),
    );
    expect(e.promotions).toEqual([{ signupId: w.id, memberId: OTHER }]);
  });
});

describe('session.cancel', () => {
  it('returns every credit charged, voids check-ins, ends sign-ups and notifies place holders', () => {
    const s = aSession({ capacity: 3 });
    const p1 = aPass({ balance: 0 });
    const p2 = aPass({ memberId: OTHER, balance: 4 });
    const third = '10000000-0000-4000-8000-00000000000a';
    const signedUp = aSignup({ sessionId: s.id, charges: [{ passId: p1.id, credits: 1 }] });
    const lateCancelled = aSignup({
      sessionId: s.id,
      memberId: third,
      status: 'cancelled',
      lateCancel: true,
      charges: [{ passId: p2.id, credits: 1 }],
    });
    const waiter = aSignup({ sessionId: s.id, memberId: third, status: 'waitlisted', position: 1 });
    const a = anAttendance({
      sessionId: s.id,
      memberId: OTHER,
      credits: 2,
      charges: [{ passId: p2.id, credits: 2 }],
    });
    const e = expectApplied(
      cancelSession(
        host(),
        { sessionId: s.id, reason: 'Teacher ill' },
        {
          session: s,
          signups: [signedUp, lateCancelled, waiter],
          attendance: [a],
          passes: [p1, p2],
        },
      ),
    );
    expect(e.sessions).toMatchObject([{ status: 'cancelled', cancelReason: 'Teacher ill' }]);
    expect(e.creditLog).toMatchObject([
      { passId: p1.id, delta: 1, kind: 'returned_cancel', balanceAfter: 1 },
      { passId: p2.id, delta: 1, kind: 'returned_cancel', balanceAfter: 5 },
      { passId: p2.id, delta: 2, kind: 'returned_cancel', balanceAfter: 7 },
    ]);
    expect(e.signups.every((x) => x.status === 'cancelled' && x.charges.length === 0)).toBe(true);
    expect(e.attendance).toMatchObject([{ id: a.id, voided: true, charges: [] }]);
    expect(e.notifications.map((n) => n.memberId).sort()).toEqual([MEMBER, OTHER, third].sort());
  });

  it('refuses a second cancel', () => {
    const s = aSession({ status: 'cancelled' });
    expect(
      expectRefused(
        cancelSession(
          host(),
          { sessionId: s.id },
          { session: s, signups: [], attendance: [], passes: [] },
        ),
      ).code,
    ).toBe('session_cancelled');
  });
});

describe('training types', () => {
  const owner = aContext({ role: 'owner' });
  const yoga = aTrainingType({ name: 'Yoga' });

  it('create, rename and archive (owner only, names unique)', () => {
    const id = uuid();
    expect(
      expectApplied(
        createTrainingType(
          owner,
          { trainingTypeId: id, name: 'Pilates' },
          { existing: null, all: [yoga] },
        ),
      ).trainingTypes,
    ).toEqual([{ id, name: 'Pilates', archived: false }]);
    expect(
      expectRefused(
        createTrainingType(
          owner,
          { trainingTypeId: id, name: ' yoga' },
          { existing: null, all: [yoga] },
        ),
      ).code,
    ).toBe('conflict');
    expect(
      expectRefused(
        createTrainingType(
          aContext({ role: 'host' }),
          { trainingTypeId: id, name: 'X' },
          { existing: null, all: [] },
        ),
      ).code,
    ).toBe('not_permitted');
    expect(
      expectApplied(
        renameTrainingType(
          owner,
          { trainingTypeId: yoga.id, name: 'Hatha Yoga' },
          { trainingType: yoga, all: [yoga] },
        ),
      ).trainingTypes,
    ).toMatchObject([{ name: 'Hatha Yoga' }]);
    expect(
      expectApplied(
        archiveTrainingType(
          owner,
          { trainingTypeId: yoga.id, archived: true },
          { trainingType: yoga },
        ),
      ).trainingTypes,
    ).toMatchObject([{ archived: true }]);
  });
});

describe('club.updateSettings', () => {
  it('merges and validates, owner only', () => {
    const e = expectApplied(
      updateClubSettings(aContext({ role: 'owner' }), { lateCancelMinutes: 120 }),
    );
    expect(e.settings).toMatchObject({ lateCancelMinutes: 120, creditPolicy: 'at_checkin' });
    expect(
      expectRefused(updateClubSettings(aContext({ role: 'host' }), { lateCancelMinutes: 120 }))
        .code,
    ).toBe('not_permitted');
    expect(
      expectRefused(updateClubSettings(aContext({ role: 'owner' }), { timezone: 'Mars/Base' }))
        .code,
    ).toBe('invalid_args');
  });
});
