import type { Attendance, PulledMember, Signup } from '@turnout/shared';
import {
  aClubSettings,
  anAttendance,
  anIntent,
  aMember,
  aPass,
  aSession,
  aSignup,
  type PassOverrides,
  memberIdOf,
  TZ,
  uuid,
} from '@turnout/shared/testing';
import { describe, expect, it } from 'vitest';
import { replicaOf, type ReplicaRows } from '$lib/testing';
import {
  buildRoster,
  defaultCheckInCredits,
  filterRoster,
  formatMoment,
  hostRecording,
  memberCredits,
  normalizeSearch,
  signupCharges,
  type RosterEntry,
} from './roster';
import { refusalText, flagsText } from './outcome';

const SESSION = '30000000-0000-4000-8000-000000000001';
const OTHER_SESSION = '30000000-0000-4000-8000-000000000002';

// Person n of the club and their rows at SESSION (Tue 2025-03-11 18:00–19:00 Berlin, ten places).
const session = (over: Parameters<typeof aSession>[0] = {}) =>
  aSession({ id: SESSION, capacity: 10, ...over });
const member = (n: number, name: string, over: Partial<PulledMember> = {}) =>
  aMember({ memberId: memberIdOf(n), name, ...over });
const signup = (n: number, over: Partial<Signup> = {}) =>
  aSignup({ sessionId: SESSION, memberId: memberIdOf(n), ...over });
const checkIn = (n: number, over: Partial<Attendance> = {}) =>
  anAttendance({ sessionId: SESSION, memberId: memberIdOf(n), ...over });
const going = (n: number, yes = true) =>
  anIntent({ sessionId: SESSION, memberId: memberIdOf(n), going: yes });
const pass = (n: number, over: PassOverrides = {}) => aPass({ memberId: memberIdOf(n), ...over });
const replica = (rows: ReplicaRows) => replicaOf({ sessions: [session()], ...rows });

const names = (entries: RosterEntry[]) => entries.map((e) => e.name);

describe('normalizeSearch', () => {
  it('ignores case, accents and extra spaces', () => {
    expect(normalizeSearch('  Jan   KOVAČ ')).toBe('jan kovac');
    expect(normalizeSearch('José Müller')).toBe('jose muller');
    expect(normalizeSearch('Straße')).toBe('strasse');
    expect(normalizeSearch('Łukasz Øster')).toBe('lukasz oster');
  });
});

describe('buildRoster', () => {
  it('lists every member by name with their state for this session only', () => {
    const view = replica({
      members: [
        member(1, 'Sara Horvat'),
        member(2, 'ana Kranjc'),
        member(3, 'Luka Zupan'),
        member(4, 'Mia Member'),
        member(5, 'Émile Zola'),
      ],
      signups: [
        signup(1),
        signup(3, { status: 'waitlisted', position: 2 }),
        signup(4, { status: 'waitlisted', position: 1 }),
        signup(5, { status: 'cancelled' }),
        signup(2, { sessionId: OTHER_SESSION }),
      ],
      attendance: [checkIn(1, { credits: 2 }), checkIn(2, { sessionId: OTHER_SESSION })],
      intents: [going(2), going(5, false)],
    });
    const roster = buildRoster(view, session(), aClubSettings(), 'en');

    expect(names(roster.entries)).toEqual([
      'ana Kranjc',
      'Émile Zola',
      'Luka Zupan',
      'Mia Member',
      'Sara Horvat',
    ]);
    const byName = new Map(roster.entries.map((e) => [e.name, e]));
    expect(byName.get('Sara Horvat')).toMatchObject({ signup: 'active', going: false });
    expect(byName.get('Sara Horvat')?.checkIn?.credits).toBe(2);
    expect(byName.get('ana Kranjc')).toMatchObject({ signup: null, going: true, checkIn: null });
    expect(byName.get('Mia Member')).toMatchObject({ signup: 'waitlisted', waitlistRank: 1 });
    expect(byName.get('Luka Zupan')).toMatchObject({ signup: 'waitlisted', waitlistRank: 2 });
    expect(byName.get('Émile Zola')).toMatchObject({ signup: null, going: false });
    expect(byName.get('Émile Zola')?.searchKey).toBe('emile zola');

    expect(roster.summary).toEqual({
      checkedIn: 1,
      credits: 2,
      signedUp: 1,
      waitlisted: 2,
      going: 1,
      occupancy: 1,
      capacity: 10,
      flagged: 0,
    });
    expect(roster.counts).toEqual({ all: 5, signed_up: 3, going: 1, checked_in: 1 });
  });

  it('keeps a voided check-in apart from a valid one and counts flagged check-ins', () => {
    const view = replica({
      members: [member(1, 'Ana'), member(2, 'Bo'), member(3, 'Cy')],
      attendance: [
        checkIn(1, { voided: true, voidReason: 'Wrong person', updatedAt: '2025-03-11T17:10:00Z' }),
        checkIn(2, { voided: true, voidReason: 'old', updatedAt: '2025-03-11T17:00:00Z' }),
        checkIn(2, { voided: false, flags: ['over_capacity', 'unpaid'], unpaidCredits: 1 }),
        checkIn(3, { flags: ['unpaid'], unpaidCredits: 1 }),
      ],
    });
    const [ana, bo, cy] = buildRoster(view, session(), aClubSettings()).entries;
    expect(ana?.checkIn).toBeNull();
    expect(ana?.voided?.voidReason).toBe('Wrong person');
    expect(bo?.checkIn?.flags).toEqual(['over_capacity', 'unpaid']);
    expect(bo?.voided).toBeNull();
    expect(cy?.checkIn).not.toBeNull();
    const { summary } = buildRoster(view, session(), aClubSettings());
    expect(summary.checkedIn).toBe(2);
    expect(summary.flagged).toBe(2);
  });

  it('counts usable credits with the shared pass-choice rule', () => {
    const yogaType = uuid();
    const view = replica({
      members: [member(1, 'Ana'), member(2, 'Bo'), member(3, 'Cy'), member(4, 'Di')],
      passes: [
        pass(1, { balance: 3 }),
        pass(1, { balance: 2, expiresOn: '2025-04-01' }),
        // Expired before the session's date, deactivated, or for another training type: not usable.
        pass(2, { balance: 5, expiresOn: '2025-03-10' }),
        pass(2, { balance: 5, active: false }),
        pass(3, {
          balance: 4,
          terms: { trainingTypeIds: [uuid()] },
        }),
        pass(4, { balance: 1, terms: { trainingTypeIds: [yogaType] } }),
      ],
    });
    const plain = buildRoster(view, session(), aClubSettings()).entries;
    expect(plain.map((e) => e.usableCredits)).toEqual([5, 0, 0, 0]);
    const yoga = buildRoster(view, session({ trainingTypeId: yogaType }), aClubSettings()).entries;
    expect(yoga.map((e) => e.usableCredits)).toEqual([5, 0, 0, 1]);
    // Valid through the end of its expiry date, in the club's time zone.
    const sameDay = buildRoster(
      replica({ members: [member(1, 'Ana')], passes: [pass(1, { expiresOn: '2025-03-11' })] }),
      session(),
      aClubSettings(),
    ).entries;
    expect(sameDay[0]?.usableCredits).toBe(10);
  });

  it('shows no credits when the club does not use them', () => {
    const view = replica({ members: [member(1, 'Ana')], passes: [pass(1)] });
    const roster = buildRoster(view, session(), aClubSettings({ creditPolicy: 'none' }));
    expect(roster.entries[0]?.usableCredits).toBeNull();
  });

  it('leaves out removed members unless they have records here, and lists unknown ones last', () => {
    const view = replica({
      members: [
        member(1, 'Ana', { removed: true }),
        member(2, 'Bo', { removed: true }),
        member(3, 'Cy'),
      ],
      signups: [signup(1), signup(9)],
    });
    const roster = buildRoster(view, session(), aClubSettings());
    expect(roster.entries.map((e) => [e.name, e.removed])).toEqual([
      ['Ana', true],
      ['Cy', false],
      [null, false],
    ]);
    expect(roster.entries[2]?.memberId).toBe(memberIdOf(9));
    expect(roster.summary.signedUp).toBe(2);
  });

  it('tells walk-in guests apart from members', () => {
    const view = replica({
      members: [member(1, 'Gina Walker', { guest: true }), member(2, 'Mia Member')],
      attendance: [checkIn(1, { credits: 0 })],
    });
    const roster = buildRoster(view, session(), aClubSettings());
    const byName = new Map(roster.entries.map((e) => [e.name, e]));
    expect(byName.get('Gina Walker')).toMatchObject({ guest: true });
    expect(byName.get('Mia Member')).toMatchObject({ guest: false });
  });

  it('is empty for a club without members on the device', () => {
    const roster = buildRoster(replica({}), session(), aClubSettings());
    expect(roster.entries).toEqual([]);
    expect(roster.summary.checkedIn).toBe(0);
  });

  it('lists 2,000 members in name order (numbers compared as numbers)', () => {
    const members = Array.from({ length: 2000 }, (_, i) => member(i + 1, `Member ${i + 1}`));
    const view = replica({
      members,
      passes: members.map((_, i) => pass(i + 1)),
      signups: Array.from({ length: 40 }, (_, i) => signup(i * 50 + 1)),
    });
    const roster = buildRoster(view, session({ capacity: 40 }), aClubSettings());
    expect(roster.entries).toHaveLength(2000);
    // Member 2 < Member 10 (numeric collation).
    expect(roster.entries[1]?.name).toBe('Member 2');
    expect(roster.counts).toEqual({ all: 2000, signed_up: 40, going: 0, checked_in: 0 });
    const with19 = members.filter((m) => m.name.includes('19')).length;
    expect(filterRoster(roster, 'member 19', 'all').matching).toBe(with19);
  });

  it('hands out the same entry again when nothing about the person changed', () => {
    const members = [member(1, 'Ana'), member(2, 'Bo'), member(3, 'Cy')];
    const rows = { members, passes: members.map((_, i) => pass(i + 1)) };
    const view = replica({ ...rows, attendance: [] });
    const before = buildRoster(view, session(), aClubSettings()).entries;
    const layered = view.layer();
    layered.tables.attendance.put(checkIn(2));
    const after = buildRoster(layered, session(), aClubSettings()).entries;
    expect(after[0]).toBe(before[0]);
    expect(after[1]).not.toBe(before[1]);
    expect(after[1]?.checkIn).not.toBeNull();
    expect(before[1]?.checkIn).toBeNull();
  });
});

describe('filterRoster', () => {
  const many = Array.from({ length: 120 }, (_, i) =>
    member(i + 1, `Person ${String(i + 1).padStart(3, '0')}`),
  );
  const view = replica({
    members: [...many, member(500, 'Jan Kovač'), member(501, 'Janet Horvat')],
    signups: [signup(110), signup(501)],
    attendance: [checkIn(115)],
    intents: [going(3), going(500)],
  });
  const roster = buildRoster(view, session(), aClubSettings());

  it('finds by every word of the query, ignoring accents and case', () => {
    expect(names(filterRoster(roster, 'kovac', 'all').shown)).toEqual(['Jan Kovač']);
    expect(names(filterRoster(roster, 'JAN', 'all').shown)).toEqual(['Jan Kovač', 'Janet Horvat']);
    expect(names(filterRoster(roster, 'hor jan', 'all').shown)).toEqual(['Janet Horvat']);
    expect(filterRoster(roster, 'nobody', 'all')).toEqual({ shown: [], matching: 0 });
  });

  it('shows the first matches plus everyone signed up or checked in, and counts them all', () => {
    const page = filterRoster(roster, '', 'all', 50);
    expect(page.matching).toBe(122);
    // Jan, Janet and Person 001–048, then the signed-up Person 110 and checked-in Person 115.
    expect(page.shown).toHaveLength(52);
    expect(names(page.shown).slice(-3)).toEqual(['Person 048', 'Person 110', 'Person 115']);
    expect(filterRoster(roster, 'person', 'all', 200).shown).toHaveLength(120);
  });

  it('applies the filters', () => {
    expect(names(filterRoster(roster, '', 'signed_up').shown)).toEqual([
      'Janet Horvat',
      'Person 110',
    ]);
    expect(names(filterRoster(roster, '', 'going').shown)).toEqual(['Jan Kovač', 'Person 003']);
    expect(names(filterRoster(roster, '', 'checked_in').shown)).toEqual(['Person 115']);
    expect(names(filterRoster(roster, 'jan', 'going').shown)).toEqual(['Jan Kovač']);
  });
});

describe('hostRecording', () => {
  const host = { memberId: memberIdOf(1), role: 'host' as const };
  const owner = { memberId: memberIdOf(2), role: 'owner' as const };
  const s = session();

  it('follows the check-in window, then the backfill window', () => {
    expect(hostRecording(s, aClubSettings(), host, '2025-03-11T16:00:00Z')).toEqual({
      state: 'not_yet',
      opensAt: Date.parse('2025-03-11T16:30:00Z'),
    });
    expect(hostRecording(s, aClubSettings(), host, '2025-03-11T16:30:00Z')).toEqual({
      state: 'open',
      closesAt: Date.parse('2025-03-11T18:30:00Z'),
    });
    expect(hostRecording(s, aClubSettings(), host, '2025-03-11T18:31:00Z')).toEqual({
      state: 'backfill',
      until: Date.parse('2025-03-18T18:00:00Z'),
    });
    expect(hostRecording(s, aClubSettings(), host, '2025-03-18T18:00:01Z')).toEqual({
      state: 'closed',
      reason: 'outside_backfill_window',
    });
  });

  it('lets only owners backfill when hosts may not', () => {
    const noHosts = aClubSettings({ hostsCanBackfill: false });
    expect(hostRecording(s, noHosts, host, '2025-03-12T10:00:00Z')).toEqual({
      state: 'closed',
      reason: 'not_permitted',
    });
    expect(hostRecording(s, noHosts, owner, '2025-03-12T10:00:00Z').state).toBe('backfill');
    // During the session itself hosts still record.
    expect(hostRecording(s, noHosts, host, '2025-03-11T17:30:00Z').state).toBe('open');
  });

  it('says a cancelled session cannot be recorded', () => {
    const cancelled = session({ status: 'cancelled' });
    expect(hostRecording(cancelled, aClubSettings(), host, '2025-03-11T17:30:00Z')).toEqual({
      state: 'cancelled',
    });
  });
});

describe('defaultCheckInCredits', () => {
  it('starts at the session cost, within what the club allows', () => {
    expect(defaultCheckInCredits(session({ creditCost: 2 }), aClubSettings())).toBe(2);
    const multi = aClubSettings({ multiCreditEnabled: true, maxCreditsPerCheckIn: 3 });
    expect(defaultCheckInCredits(session({ creditCost: 2 }), multi)).toBe(2);
    expect(defaultCheckInCredits(session({ creditCost: 5 }), multi)).toBe(3);
    expect(defaultCheckInCredits(session({ creditCost: 0 }), multi)).toBe(1);
  });
});

describe('memberCredits and signupCharges', () => {
  it('reads the member’s own passes and sign-up charges', () => {
    const passId = uuid();
    const view = replica({
      passes: [pass(1, { id: passId, balance: 4 }), pass(2, { balance: 9 })],
      signups: [
        signup(1, { status: 'cancelled', charges: [{ passId, credits: 1 }], lateCancel: true }),
        signup(1, { charges: [{ passId, credits: 2 }] }),
      ],
    });
    expect(memberCredits(view, session(), memberIdOf(1), aClubSettings())).toBe(4);
    expect(memberCredits(view, session(), memberIdOf(3), aClubSettings())).toBe(0);
    expect(
      memberCredits(view, session(), memberIdOf(1), aClubSettings({ creditPolicy: 'none' })),
    ).toBeNull();
    expect(signupCharges(view, SESSION, memberIdOf(1))).toBe(2);
    expect(signupCharges(view, SESSION, memberIdOf(2))).toBe(0);
  });
});

describe('outcome texts', () => {
  const t = (key: string) => `«${key}»`;

  it('translates a refusal and words its explanation from data, never the rules’ English', () => {
    const refusal = {
      code: 'check_in_closed' as const,
      message: 'Check-in is not open for this session right now. It opens at 17:30.',
    };
    expect(refusalText(refusal, t, 'en')).toBe('«errors.check_in_closed»');
    expect(refusalText(refusal, t, 'de')).toBe('«errors.check_in_closed»');
    const explained = {
      ...refusal,
      explanation: { kind: 'check_in_opens', at: '2026-03-10T16:30:00.000Z' } as const,
    };
    expect(refusalText(explained, t, 'de', { timeZone: 'Europe/Berlin' })).toBe(
      '«errors.check_in_closed» «explain.checkInOpens»',
    );
  });

  it('words flags', () => {
    expect(flagsText(['over_capacity', 'unpaid'], t)).toBe(
      '«session.outcome.flag_over_capacity» «session.outcome.flag_unpaid»',
    );
    expect(flagsText([], t)).toBe('');
  });
});

describe('formatMoment', () => {
  it('gives the time alone on the same club day, else the date too', () => {
    const opens = Date.parse('2025-03-11T16:30:00Z');
    // ICU versions differ in the space before PM.
    expect(formatMoment(opens, '2025-03-11T08:00:00Z', 'en', TZ).replace(/\s/g, ' ')).toBe(
      '5:30 PM',
    );
    expect(formatMoment(opens, '2025-03-11T08:00:00Z', 'de', TZ)).toBe('17:30');
    // 23:30 UTC on the 10th is already the 11th in Berlin.
    expect(formatMoment(opens, '2025-03-10T23:30:00Z', 'de', TZ)).toBe('17:30');
    expect(formatMoment(opens, '2025-03-10T22:30:00Z', 'de', TZ)).toBe('11.03.2025, 17:30');
  });
});
