import { describe, expect, it } from 'vitest';
import { Replica } from '@turnout/shared';
import { aClubSettings, aMember, anAttendance, aSession, HOST } from '@turnout/shared/testing';
import {
  buildKioskIndex,
  checkedIn,
  defaultKioskSession,
  kioskSessions,
  searchKiosk,
} from './kiosk';

const labels = (q: string, index = club) => searchKiosk(index, q).people.map((p) => p.label);

const club = buildKioskIndex([
  aMember({ name: 'Mia Müller' }),
  aMember({ name: 'Noah Østergaard' }),
  aMember({ name: 'Zoë Ana de la Cruz' }),
  aMember({ name: 'Léa Martin' }),
  aMember({ name: 'Lea Mayer' }),
  aMember({ name: 'Cher' }),
  aMember({ name: 'Rita Removed', removed: true }),
  aMember({ name: 'Gil Guest', guest: true }),
]);

describe('kiosk labels', () => {
  it('show first name and last initial only, and more letters only where two read alike', () => {
    expect(club.people.map((p) => p.label)).toEqual([
      'Cher',
      'Léa Mar.',
      'Lea May.',
      'Mia M.',
      'Noah Ø.',
      'Zoë C.',
    ]);
  });

  it('leave out removed members and walk-ins', () => {
    expect(labels('ri')).toEqual([]);
    expect(labels('gil')).toEqual([]);
  });

  it('tell apart two people with the same name only as far as their names go', () => {
    const twins = buildKioskIndex([aMember({ name: 'Ana Lee' }), aMember({ name: 'Ana Lee' })]);
    expect(twins.people.map((p) => p.label)).toEqual(['Ana Lee', 'Ana Lee']);
  });
});

describe('kiosk search', () => {
  it('finds by the first letters of any word of the name, case- and accent-insensitively', () => {
    expect(labels('mi')).toEqual(['Mia M.']);
    expect(labels('MUL')).toEqual(['Mia M.']);
    expect(labels('muel')).toEqual([]);
    expect(labels('oster')).toEqual(['Noah Ø.']);
    expect(labels('zoe')).toEqual(['Zoë C.']);
    expect(labels('lea')).toEqual(['Léa Mar.', 'Lea May.']);
    expect(labels('lea may')).toEqual(['Lea May.']);
    expect(labels('cruz')).toEqual(['Zoë C.']);
  });

  it('needs two letters, and caps the list (more means: type more)', () => {
    expect(labels('m')).toEqual([]);
    expect(labels('  ')).toEqual([]);
    const many = buildKioskIndex(
      Array.from({ length: 20 }, (_, i) => aMember({ name: `Sam Person${i}` })),
    );
    const found = searchKiosk(many, 'sa');
    expect(found.people).toHaveLength(8);
    expect(found.more).toBe(true);
    expect(searchKiosk(many, 'sam person1', 20).people).toHaveLength(11);
  });

  it('answers a keystroke over 2,000 members well under a frame', () => {
    const names = ['Ana', 'Ben', 'Cleo', 'Dario', 'Eva', 'Finn', 'Greta', 'Hugo', 'Ines', 'Jonas'];
    const big = buildKioskIndex(
      Array.from({ length: 2000 }, (_, i) =>
        aMember({ name: `${names[i % 10]} Nachname${Math.floor(i / 10)}` }),
      ),
    );
    const started = performance.now();
    for (const q of ['gr', 'gre', 'gret', 'greta', 'greta n', 'greta na', 'greta nachname19']) {
      searchKiosk(big, q);
    }
    expect((performance.now() - started) / 7).toBeLessThan(8);
  });
});

describe('kiosk sessions', () => {
  const settings = aClubSettings();
  const host = { memberId: HOST, role: 'host' as const };
  const replica = new Replica('club');
  const morning = aSession({
    startsAt: '2025-03-11T07:00:00.000Z',
    endsAt: '2025-03-11T08:00:00.000Z',
  });
  const evening = aSession(); // 18:00–19:00 Berlin
  const tomorrow = aSession({
    startsAt: '2025-03-12T17:00:00.000Z',
    endsAt: '2025-03-12T18:00:00.000Z',
  });
  const cancelled = aSession({ status: 'cancelled' });
  for (const s of [evening, tomorrow, morning, cancelled]) replica.tables.sessions.put(s);

  it('lists today’s sessions in start order with the door open or not', () => {
    const now = '2025-03-11T16:45:00.000Z';
    const today = kioskSessions(replica, settings, host, now);
    expect(today.map((s) => [s.session.id, s.open])).toEqual([
      [morning.id, false],
      [evening.id, true],
    ]);
    expect(defaultKioskSession(today, now)).toBe(evening.id);
    // Before anything opens: the next to start.
    const early = kioskSessions(replica, settings, host, '2025-03-11T05:00:00.000Z');
    expect(defaultKioskSession(early, '2025-03-11T05:00:00.000Z')).toBe(morning.id);
    expect(defaultKioskSession([], now)).toBeNull();
  });

  it('keeps a session that started before midnight while its door is open', () => {
    const late = aSession({
      startsAt: '2025-03-11T22:30:00.000Z', // 23:30 Berlin
      endsAt: '2025-03-11T23:30:00.000Z',
    });
    replica.tables.sessions.put(late);
    try {
      const afterMidnight = '2025-03-11T23:10:00.000Z'; // 00:10 Berlin, the next club day
      const listed = kioskSessions(replica, settings, host, afterMidnight);
      // Beside the new day's own session (the evening's, not open yet).
      expect(listed.map((s) => [s.session.id, s.open])).toEqual([
        [late.id, true],
        [tomorrow.id, false],
      ]);
      expect(defaultKioskSession(listed, afterMidnight)).toBe(late.id);
      // Once its check-in has closed, the new day's list no longer carries it.
      const nextMorning = kioskSessions(replica, settings, host, '2025-03-12T08:00:00.000Z');
      expect(nextMorning.map((s) => s.session.id)).not.toContain(late.id);
    } finally {
      replica.tables.sessions.delete(late.id);
    }
  });

  it('knows who is already checked in', () => {
    const member = aMember();
    replica.tables.attendance.put(
      anAttendance({ sessionId: evening.id, memberId: member.memberId }),
    );
    expect(checkedIn(replica, evening.id, member.memberId)).toBe(true);
    expect(checkedIn(replica, morning.id, member.memberId)).toBe(false);
  });
});
