import { describe, expect, it } from 'vitest';
import {
  aMember,
  anIntent,
  aSession,
  aSignup,
  aTrainingType,
  HOST,
  MEMBER,
  OTHER,
  startingAt,
  aClubSettings,
} from '@turnout/shared/testing';
import { replicaOf } from '$lib/testing';
import {
  noFilters,
  rememberScheduleMode,
  scheduleChoices,
  scheduleList,
  scheduleMode,
  scheduleQuery,
  scheduleSearch,
  scheduleWeek,
  weekStart,
} from './schedule';
import { waitlistPosition } from './waitlist';

const settings = aClubSettings();
/** Wednesday 2025-03-12, noon in Berlin. */
const NOW = '2025-03-12T11:00:00.000Z';

describe('scheduleWeek', () => {
  it('groups a week Monday to Sunday by the club’s date, not the UTC date', () => {
    // 22:30 UTC on Sunday is 23:30 Sunday in Berlin: still this week.
    const lateSunday = aSession({ title: 'Late', ...startingAt('2025-03-16T22:30:00.000Z', 30) });
    // 00:30 Monday in Berlin is still Sunday in UTC: it belongs to next week.
    const earlyMonday = aSession({ title: 'Early', ...startingAt('2025-03-16T23:30:00.000Z') });
    const monday = aSession({ title: 'Monday', ...startingAt('2025-03-10T06:00:00.000Z') });
    const past = aSession({ title: 'Last week', ...startingAt('2025-03-09T10:00:00.000Z') });
    const view = replicaOf({ sessions: [lateSunday, earlyMonday, monday, past] });

    const week = scheduleWeek(view, MEMBER, settings, NOW, null, noFilters);

    expect(week.start).toBe('2025-03-10');
    expect(week.isThisWeek).toBe(true);
    expect(week.days.map((d) => d.date)).toEqual([
      '2025-03-10',
      '2025-03-11',
      '2025-03-12',
      '2025-03-13',
      '2025-03-14',
      '2025-03-15',
      '2025-03-16',
    ]);
    expect(week.days.filter((d) => d.isToday).map((d) => d.date)).toEqual(['2025-03-12']);
    // A session that is over still shows in its week.
    expect(week.days[0]!.cards.map((c) => c.session.title)).toEqual(['Monday']);
    expect(week.days[6]!.cards.map((c) => c.session.title)).toEqual(['Late']);

    const next = scheduleWeek(view, MEMBER, settings, NOW, week.next, noFilters);
    expect(next.start).toBe('2025-03-17');
    expect(next.isThisWeek).toBe(false);
    expect(next.days[0]!.cards.map((c) => c.session.title)).toEqual(['Early']);
    expect(week.previous).toBe('2025-03-03');
    const before = scheduleWeek(view, MEMBER, settings, NOW, week.previous, noFilters);
    expect(before.days[6]!.cards.map((c) => c.session.title)).toEqual(['Last week']);
  });

  it('any date names its week', () => {
    expect(weekStart('2025-03-16')).toBe('2025-03-10');
    expect(weekStart('2025-03-10')).toBe('2025-03-10');
    expect(weekStart('2025-01-01')).toBe('2024-12-30');
  });
});

describe('schedule filters', () => {
  const yoga = aTrainingType({ name: 'Yoga' });
  const boxing = aTrainingType({ name: 'Boxing' });
  const old = aTrainingType({ name: 'Archived', archived: true });
  const at = (hour: number) => startingAt(`2025-03-13T${String(hour).padStart(2, '0')}:00:00.000Z`);
  const hallYoga = aSession({
    title: 'Hall yoga',
    trainingTypeId: yoga.id,
    location: 'Hall',
    ...at(8),
  });
  const parkYoga = aSession({
    title: 'Park yoga',
    trainingTypeId: yoga.id,
    location: 'Park ',
    ...at(9),
  });
  const hallBoxing = aSession({
    title: 'Boxing',
    trainingTypeId: boxing.id,
    location: 'Hall',
    ...at(10),
  });
  const going = aSession({ title: 'Going', ...at(11) });
  const waiting = aSession({ title: 'Waiting', ...at(12) });
  const view = replicaOf({
    trainingTypes: [yoga, boxing, old],
    sessions: [hallYoga, parkYoga, hallBoxing, going, waiting],
    intents: [anIntent({ sessionId: going.id })],
    signups: [
      aSignup({ sessionId: hallBoxing.id }),
      aSignup({ sessionId: waiting.id, status: 'waitlisted', position: 1 }),
      aSignup({ sessionId: parkYoga.id, memberId: OTHER }),
    ],
  });
  const titles = (filters: typeof noFilters) =>
    scheduleList(view, MEMBER, settings, NOW, filters).flatMap((d) =>
      d.cards.map((c) => c.session.title),
    );

  it('narrows by training type, by place and to my sessions, together', () => {
    expect(titles(noFilters)).toEqual(['Hall yoga', 'Park yoga', 'Boxing', 'Going', 'Waiting']);
    expect(titles({ ...noFilters, type: yoga.id })).toEqual(['Hall yoga', 'Park yoga']);
    expect(titles({ ...noFilters, place: 'Hall' })).toEqual(['Hall yoga', 'Boxing']);
    expect(titles({ ...noFilters, place: 'Park' })).toEqual(['Park yoga']);
    // Someone else's sign-up does not make a session mine.
    expect(titles({ ...noFilters, mine: true })).toEqual(['Boxing', 'Going', 'Waiting']);
    expect(titles({ type: yoga.id, place: 'Hall', mine: false })).toEqual(['Hall yoga']);
    expect(titles({ type: boxing.id, place: 'Hall', mine: true })).toEqual(['Boxing']);
    const week = scheduleWeek(view, MEMBER, settings, NOW, null, { ...noFilters, mine: true });
    expect(week.days[3]!.cards.map((c) => c.session.title)).toEqual(['Boxing', 'Going', 'Waiting']);
  });

  it('offers the types not archived and the places sessions name', () => {
    expect(scheduleChoices(view)).toEqual({
      types: [
        { id: boxing.id, name: 'Boxing' },
        { id: yoga.id, name: 'Yoga' },
      ],
      places: ['Hall', 'Park'],
    });
  });

  it('keeps filters and the week in the link, and ignores what is malformed', () => {
    const filters = { type: yoga.id, place: 'Hall & Park', mine: true };
    const search = scheduleSearch(filters, '2025-03-10');
    expect(scheduleQuery(new URLSearchParams(search))).toEqual({ filters, week: '2025-03-10' });
    expect(scheduleSearch(noFilters, null)).toBe('');
    expect(scheduleQuery(new URLSearchParams('week=next&mine=yes'))).toEqual({
      filters: noFilters,
      week: null,
    });
    expect(
      scheduleQuery(new URLSearchParams(`place=${'x'.repeat(500)}`)).filters.place,
    ).toHaveLength(200);
  });

  it('remembers week or list on this device', () => {
    const stored = new Map<string, string>();
    const storage = {
      getItem: (k: string) => stored.get(k) ?? null,
      setItem: (k: string, v: string) => void stored.set(k, v),
    };
    expect(scheduleMode(storage)).toBe('list');
    rememberScheduleMode(storage, 'week');
    expect(scheduleMode(storage)).toBe('week');
    expect(scheduleMode(undefined)).toBe('list');
  });
});

describe('waitlistPosition', () => {
  const session = aSession({ capacity: 1, ...startingAt('2025-03-13T17:00:00.000Z') });
  const mine = aSignup({ sessionId: session.id, status: 'waitlisted', position: 4 });

  it('on a member’s device, is the place the server told with the counts', () => {
    const view = replicaOf({
      members: [aMember({ memberId: MEMBER, role: 'member' })],
      sessions: [session],
      signups: [mine],
      sessionCounts: [
        {
          sessionId: session.id,
          occupancy: 1,
          going: 0,
          waitlisted: 3,
          waitlistPositions: { [MEMBER]: 3, [OTHER]: 1 },
        },
      ],
    });
    expect(waitlistPosition(view, session.id, MEMBER)).toBe(3);
    const card = scheduleList(view, MEMBER, settings, NOW, noFilters)[0]!.cards[0]!;
    expect(card).toMatchObject({ myStatus: 'waitlisted', waitlistRank: 3 });
  });

  it('is unknown on a member’s device until the server told it, and null when not waiting', () => {
    const view = replicaOf({
      members: [aMember({ memberId: MEMBER, role: 'member' })],
      sessions: [session],
      signups: [mine],
    });
    expect(waitlistPosition(view, session.id, MEMBER)).toBeNull();
    expect(waitlistPosition(view, session.id, OTHER)).toBeNull();
  });

  it('on a host’s device, counts the line it holds in promotion order', () => {
    const ahead = aSignup({
      sessionId: session.id,
      memberId: OTHER,
      status: 'waitlisted',
      position: 2,
    });
    const hostWaits = aSignup({
      sessionId: session.id,
      memberId: HOST,
      status: 'waitlisted',
      position: 5,
    });
    const view = replicaOf({
      members: [aMember({ memberId: HOST, role: 'host' })],
      sessions: [session],
      signups: [ahead, mine, hostWaits],
    });
    expect(waitlistPosition(view, session.id, HOST)).toBe(3);
  });
});
