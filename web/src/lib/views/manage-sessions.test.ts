import { applyLocally, type Attendance, type Signup } from '@turnout/shared';
import {
  aClubSettings,
  aMember,
  anAttendance,
  aPass,
  aSession,
  aSignup,
  aTrainingType,
  memberIdOf,
  OWNER,
  startingAt,
  TZ,
  uuid,
} from '@turnout/shared/testing';
import { describe, expect, it } from 'vitest';
import { replicaOf, type ReplicaRows } from '$lib/testing';
import { manageAccess, pagesFor, parseWholeNumber, refusalMessage } from './manage';
import {
  cancelImpact,
  emptySessionForm,
  endsNextDay,
  formLengthMinutes,
  isClubDate,
  sessionCreateFromForm,
  sessionFormOf,
  sessionLists,
  sessionUpdateFromForm,
  type SessionForm,
} from './manage-sessions';

const AMY = memberIdOf(5);
const BEN = memberIdOf(6);
const CARL = memberIdOf(7);
const SESSION = '40000000-0000-4000-8000-000000000001';
const TYPE = '40000000-0000-4000-8000-0000000000b1';

// Tuesday Yoga on Tue 2026-03-10 18:00–19:30 Berlin (UTC+1) in Hall A, twelve places.
const session = (over: Parameters<typeof aSession>[0] = {}) =>
  aSession({
    id: SESSION,
    ...startingAt('2026-03-10T17:00:00.000Z', 90),
    location: 'Hall A',
    capacity: 12,
    ...over,
  });
const signup = (memberId: string, over: Partial<Signup> = {}) =>
  aSignup({ sessionId: SESSION, memberId, ...over });
const checkIn = (memberId: string, over: Partial<Attendance> = {}) =>
  anAttendance({ sessionId: SESSION, memberId, byMemberId: OWNER, ...over });
/** A pass granted on 1 March 2026, valid until 30 May. */
const pass = (memberId: string, balance: number) =>
  aPass({
    memberId,
    balance,
    grantedOn: '2026-03-01',
    grantedAt: '2026-03-01T09:00:00.000Z',
    expiresOn: '2026-05-30',
  });

/** The club as an owner's device holds it: Olga (owner), Amy, Ben and Carl, and Yoga. */
function club(rows: ReplicaRows = {}) {
  return replicaOf({
    members: [
      aMember({ memberId: OWNER, name: 'Olga', role: 'owner' }),
      aMember({ memberId: AMY, name: 'Amy' }),
      aMember({ memberId: BEN, name: 'Ben' }),
      aMember({ memberId: CARL, name: 'Carl' }),
    ],
    trainingTypes: [aTrainingType({ id: TYPE, name: 'Yoga' })],
    ...rows,
  }).layer();
}

const owner = { actor: { memberId: OWNER, role: 'owner' as const }, deviceLabel: 'Front desk' };

function filled(over: Partial<SessionForm> = {}): SessionForm {
  return {
    ...emptySessionForm('2026-03-10'),
    title: '  Tuesday Yoga ',
    startTime: '18:00',
    endTime: '19:30',
    capacity: '12',
    location: 'Hall A',
    trainingTypeId: TYPE,
    ...over,
  };
}

describe('the session form', () => {
  it('turns club-local date and times into instants in the club’s time zone', () => {
    const result = sessionCreateFromForm(filled(), SESSION, TZ);
    expect(result).toEqual({
      ok: true,
      args: {
        sessionId: SESSION,
        title: 'Tuesday Yoga',
        startsAt: '2026-03-10T17:00:00.000Z',
        endsAt: '2026-03-10T18:30:00.000Z',
        capacity: 12,
        creditCost: 1,
        location: 'Hall A',
        description: null,
        trainingTypeId: TYPE,
      },
    });
  });

  it('follows daylight saving time: 18:00 is 16:00 UTC in summer', () => {
    const result = sessionCreateFromForm(filled({ date: '2026-07-14' }), SESSION, TZ);
    expect(result.ok && result.args.startsAt).toBe('2026-07-14T16:00:00.000Z');
  });

  it('reads empty capacity as unlimited and an end before the start as the next day', () => {
    const result = sessionCreateFromForm(
      filled({ capacity: '', startTime: '22:00', endTime: '01:00' }),
      SESSION,
      TZ,
    );
    expect(result.ok && result.args.capacity).toBeNull();
    expect(result.ok && result.args.endsAt).toBe('2026-03-11T00:00:00.000Z');
    expect(endsNextDay('22:00', '01:00')).toBe(true);
    expect(formLengthMinutes({ startTime: '22:00', endTime: '01:00' })).toBe(180);
    expect(formLengthMinutes({ startTime: '18:00', endTime: '19:30' })).toBe(90);
  });

  it('names the field of each problem, using the mutation’s own schema', () => {
    const result = sessionCreateFromForm(
      filled({
        title: '   ',
        date: '2026-02-30',
        capacity: '0',
        creditCost: '2.5',
        location: 'x'.repeat(201),
      }),
      SESSION,
      TZ,
    );
    expect(result).toEqual({
      ok: false,
      problems: {
        title: { code: 'required' },
        date: { code: 'date' },
        capacity: { code: 'wholeNumber', values: { min: 1, max: 100_000 } },
        creditCost: { code: 'wholeNumber', values: { min: 0, max: 20 } },
        location: { code: 'tooLong', values: { max: 200 } },
      },
    });
  });

  it('makes args the shared rules accept on the device', async () => {
    const view = club();
    const result = sessionCreateFromForm(filled(), SESSION, TZ);
    if (!result.ok) throw new Error('form refused');
    const outcome = applyLocally(view, owner, {
      id: uuid(),
      name: 'session.create',
      args: result.args,
      occurredAt: '2026-03-01T10:00:00.000Z',
    });
    expect(outcome).toEqual({ ok: true, flags: [] });
    expect(view.tables.sessions.get(SESSION)).toMatchObject({
      title: 'Tuesday Yoga',
      startsAt: '2026-03-10T17:00:00.000Z',
      capacity: 12,
      trainingTypeId: TYPE,
    });
  });

  it('shows an existing session in club time and sends only what changed', () => {
    const s = session();
    const initial = sessionFormOf(s, TZ);
    expect(initial).toMatchObject({
      date: '2026-03-10',
      startTime: '18:00',
      endTime: '19:30',
      capacity: '12',
      location: 'Hall A',
    });
    expect(sessionUpdateFromForm(s, initial, { ...initial }, TZ)).toEqual({ ok: true, args: null });
    expect(
      sessionUpdateFromForm(s, initial, { ...initial, capacity: '', location: ' ' }, TZ),
    ).toEqual({ ok: true, args: { sessionId: SESSION, capacity: null, location: null } });
    // Moving the end sends both times, so the rules check them together.
    expect(sessionUpdateFromForm(s, initial, { ...initial, endTime: '20:00' }, TZ)).toEqual({
      ok: true,
      args: {
        sessionId: SESSION,
        startsAt: '2026-03-10T17:00:00.000Z',
        endsAt: '2026-03-10T19:00:00.000Z',
      },
    });
  });

  it('checks calendar dates', () => {
    expect(isClubDate('2026-02-28')).toBe(true);
    expect(isClubDate('2026-02-29')).toBe(false);
    expect(isClubDate('28.02.2026')).toBe(false);
  });
});

describe('the organizer’s session lists', () => {
  it('lists what is not over soonest first and what ended lately newest first', () => {
    const now = '2026-03-10T17:30:00.000Z';
    const view = club({
      sessions: [
        session({ id: uuid(), title: 'Now', startsAt: '2026-03-10T17:00:00.000Z' }),
        session({
          id: uuid(),
          title: 'Tomorrow',
          startsAt: '2026-03-11T17:00:00.000Z',
          endsAt: '2026-03-11T18:00:00.000Z',
        }),
        session({
          id: uuid(),
          title: 'Yesterday',
          startsAt: '2026-03-09T17:00:00.000Z',
          endsAt: '2026-03-09T18:00:00.000Z',
          status: 'cancelled',
        }),
        session({
          id: uuid(),
          title: 'Last week',
          startsAt: '2026-03-03T17:00:00.000Z',
          endsAt: '2026-03-03T18:00:00.000Z',
        }),
        session({
          id: uuid(),
          title: 'Last month',
          startsAt: '2026-02-03T17:00:00.000Z',
          endsAt: '2026-02-03T18:00:00.000Z',
        }),
      ],
    });
    const lists = sessionLists(view, TZ, now);
    expect(lists.upcoming.map((m) => [m.session.title, m.started, m.ended])).toEqual([
      ['Now', true, false],
      ['Tomorrow', false, false],
    ]);
    expect(lists.recent.map((m) => m.session.title)).toEqual(['Yesterday', 'Last week']);
    expect(lists.upcoming[1]?.date).toBe('2026-03-11');
  });
});

describe('what cancelling a session does', () => {
  it('counts the people holding a place, the waiters and the credits going back', async () => {
    const amyPass = pass(AMY, 9);
    const benPass = pass(BEN, 8);
    const view = club({
      sessions: [session({ capacity: 2 })],
      sessionCounts: [{ sessionId: SESSION, occupancy: 2, going: 0, waitlisted: 1 }],
      signups: [
        signup(AMY, { charges: [{ passId: amyPass.id, credits: 1 }] }),
        signup(BEN, { charges: [{ passId: benPass.id, credits: 1 }] }),
        signup(CARL, { status: 'waitlisted', position: 1 }),
      ],
      // Ben signed up and checked in with a second credit: one place, two credits.
      attendance: [
        checkIn(BEN, {
          credits: 2,
          signupCredits: 1,
          charges: [{ passId: benPass.id, credits: 1 }],
        }),
      ],
      passes: [amyPass, benPass],
      settings: { creditPolicy: 'at_signup' },
    });
    const impact = cancelImpact(view, SESSION);
    expect(impact).toEqual({ holders: 2, waiting: 1, credits: 3 });

    // The rules return exactly these credits.
    const outcome = applyLocally(view, owner, {
      id: uuid(),
      name: 'session.cancel',
      args: { sessionId: SESSION, reason: 'Teacher is ill' },
      occurredAt: '2026-03-09T10:00:00.000Z',
    });
    expect(outcome.ok).toBe(true);
    expect(view.tables.passes.get(amyPass.id)?.balance).toBe(10);
    expect(view.tables.passes.get(benPass.id)?.balance).toBe(10);
    expect(view.tables.sessions.get(SESSION)).toMatchObject({
      status: 'cancelled',
      cancelReason: 'Teacher is ill',
    });
    expect(cancelImpact(view, SESSION)).toMatchObject({ holders: 0, credits: 0 });
  });

  it('falls back on the pulled counts for a session whose records are not here', () => {
    const view = club({
      sessions: [session()],
      sessionCounts: [{ sessionId: SESSION, occupancy: 4, going: 1, waitlisted: 0 }],
    });
    expect(cancelImpact(view, SESSION)).toEqual({ holders: 4, waiting: 0, credits: 0 });
  });
});

describe('who may organize what', () => {
  const settings = aClubSettings();

  it('gives owners every page', () => {
    expect(pagesFor(manageAccess('owner', settings)).closed).toEqual([]);
  });

  it('gives hosts sessions only while the club allows it', () => {
    const host = pagesFor(manageAccess('host', settings));
    expect(host.open).toEqual(['sessions', 'series', 'attention', 'reports']);
    expect(host.closed).toContain('settings');
    const strict = pagesFor(
      manageAccess('host', {
        ...settings,
        hostsCanManageSessions: false,
        hostsCanManagePasses: true,
      }),
    );
    expect(strict.open).toEqual(['requests', 'passes', 'attention', 'reports']);
  });

  it('gives members nothing', () => {
    expect(pagesFor(manageAccess('member', settings)).open).toEqual([]);
  });
});

describe('small helpers', () => {
  it('reads whole numbers within bounds', () => {
    expect(parseWholeNumber(' 12 ', 1, 20, null)).toEqual({ ok: true, value: 12 });
    expect(parseWholeNumber('', 1, 20, null)).toEqual({ ok: true, value: null });
    expect(parseWholeNumber('1e3', 1, 2000, null).ok).toBe(false);
    expect(parseWholeNumber('21', 1, 20, null).ok).toBe(false);
  });

  it('words a refusal from its code and explanation, the server’s English only for an unknown code', () => {
    const t = (key: string, values?: Record<string, unknown>) =>
      `«${key}${values ? ` ${JSON.stringify(values)}` : ''}»`;
    const refusal = {
      code: 'conflict',
      message:
        'This conflicts with a change made elsewhere. A training type called Yoga already exists.',
      explanation: { kind: 'name_taken', name: 'Yoga' } as const,
    };
    expect(refusalMessage(refusal, { t, locale: 'de' })).toBe(
      '«errors.conflict» «explain.nameTaken {"name":"Yoga"}»',
    );
    expect(refusalMessage({ code: 'not_found', message: 'Gone.' }, { t, locale: 'en' })).toBe(
      '«errors.not_found»',
    );
    expect(refusalMessage({ code: 'newer_code', message: 'Newer.' }, { t, locale: 'de' })).toBe(
      'Newer.',
    );
  });
});
