import { describe, expect, it } from 'vitest';
import {
  MEMBER,
  aContext,
  expectApplied,
  expectRefused,
  aPass,
  aSignup,
  uuid,
} from '../testing/index.js';
import { createSeries, generateOccurrences, occurrenceId, updateSeries } from './series.js';
import type { Session } from './types.js';

const seriesId = '30000000-0000-4000-8000-000000000001';
const base = {
  seriesId,
  weekdays: [2, 4, 6],
  startTime: '18:00',
  durationMinutes: 90,
  fromDate: '2025-03-25',
  untilDate: '2025-04-03',
  title: 'Evening Yoga',
};

describe('generateOccurrences', () => {
  it('keeps 18:00 local across the DST week (Europe/Berlin, 30 March 2025)', () => {
    const occ = generateOccurrences({ ...base, id: seriesId }, 'Europe/Berlin');
    expect(occ.map((o) => [o.date, o.startsAt, o.endsAt])).toEqual([
      ['2025-03-25', '2025-03-25T17:00:00.000Z', '2025-03-25T18:30:00.000Z'],
      ['2025-03-27', '2025-03-27T17:00:00.000Z', '2025-03-27T18:30:00.000Z'],
      ['2025-03-29', '2025-03-29T17:00:00.000Z', '2025-03-29T18:30:00.000Z'],
      ['2025-04-01', '2025-04-01T16:00:00.000Z', '2025-04-01T17:30:00.000Z'],
      ['2025-04-03', '2025-04-03T16:00:00.000Z', '2025-04-03T17:30:00.000Z'],
    ]);
  });

  it('a time skipped by the spring jump moves forward; a repeated autumn time takes the first', () => {
    const sunday = { id: seriesId, weekdays: [7], startTime: '02:30', durationMinutes: 60 };
    const spring = generateOccurrences(
      { ...sunday, fromDate: '2025-03-30', untilDate: '2025-03-30' },
      'Europe/Berlin',
    );
    expect(spring[0]?.startsAt).toBe('2025-03-30T01:30:00.000Z'); // 03:30 CEST
    const autumn = generateOccurrences(
      { ...sunday, fromDate: '2025-10-26', untilDate: '2025-10-26' },
      'Europe/Berlin',
    );
    expect(autumn[0]?.startsAt).toBe('2025-10-26T00:30:00.000Z'); // 02:30 CEST, the first one
  });

  it('derives stable, distinct UUIDv8 ids from the series and the date', () => {
    const a = occurrenceId(seriesId, '2025-03-25');
    expect(a).toBe(occurrenceId(seriesId, '2025-03-25'));
    expect(a).not.toBe(occurrenceId(seriesId, '2025-03-27'));
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('series.create', () => {
  it('creates the series and all its occurrences (hosts when allowed)', () => {
    const e = expectApplied(
      createSeries(aContext({ role: 'host' }), base, { existing: null, trainingType: null }),
    );
    expect(e.series).toMatchObject([{ id: seriesId, weekdays: [2, 4, 6], creditCost: 1 }]);
    expect(e.sessions).toHaveLength(5);
    expect(e.sessions.every((s) => s.seriesId === seriesId && s.title === 'Evening Yoga')).toBe(
      true,
    );
    expect(
      expectRefused(createSeries(aContext(), base, { existing: null, trainingType: null })).code,
    ).toBe('not_permitted');
  });
});

describe('series.update', () => {
  const created = expectApplied(
    createSeries(aContext({ role: 'owner' }), base, { existing: null, trainingType: null }),
  );
  const series = created.series[0]!;
  const sessions = created.sessions;
  const byDate = (date: string) =>
    sessions.find((s) => s.id === occurrenceId(seriesId, date)) as Session;
  // Judged on Sunday 30 March: the first three occurrences have happened.
  const now = '2025-03-30T12:00:00.000Z';

  it('changes future occurrences only, cancels dropped ones with refunds, adds new dates', () => {
    const p = aPass({ balance: 4 });
    const thu = byDate('2025-04-03');
    const booked = aSignup({
      sessionId: thu.id,
      memberId: MEMBER,
      charges: [{ passId: p.id, credits: 1 }],
    });
    const e = expectApplied(
      updateSeries(
        aContext({ role: 'owner', now }),
        { seriesId, weekdays: [2], startTime: '19:00', untilDate: '2025-04-08', capacity: 12 },
        {
          series,
          trainingType: null,
          occurrences: sessions.map((s) => ({
            session: s,
            signups: s.id === thu.id ? [booked] : [],
            attendance: [],
          })),
          passes: [p],
        },
      ),
    );
    const changed = new Map(e.sessions.map((s) => [s.id, s]));
    for (const past of ['2025-03-25', '2025-03-27', '2025-03-29'])
      expect(changed.has(byDate(past).id)).toBe(false);
    expect(changed.get(byDate('2025-04-01').id)).toMatchObject({
      startsAt: '2025-04-01T17:00:00.000Z',
      capacity: 12,
      status: 'scheduled',
    });
    expect(changed.get(thu.id)).toMatchObject({ status: 'cancelled' });
    expect(changed.get(occurrenceId(seriesId, '2025-04-08'))).toMatchObject({
      startsAt: '2025-04-08T17:00:00.000Z',
      seriesId,
    });
    expect(e.creditLog).toMatchObject([
      { passId: p.id, delta: 1, kind: 'returned_cancel', balanceAfter: 5 },
    ]);
    expect(e.notifications).toMatchObject([
      { memberId: MEMBER, kind: 'session_cancelled', sessionId: thu.id },
    ]);
    expect(e.series).toMatchObject([
      { weekdays: [2], startTime: '19:00', untilDate: '2025-04-08' },
    ]);
  });

  it('needs the series', () => {
    expect(
      expectRefused(
        updateSeries(
          aContext({ role: 'owner', now }),
          { seriesId: uuid(), title: 'x' },
          { series: null, trainingType: null, occurrences: [], passes: [] },
        ),
      ).code,
    ).toBe('not_found');
  });
});
