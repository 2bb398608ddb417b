import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addClubDays,
  addDaysToDate,
  clubDate,
  clubTime,
  daysBetween,
  isoWeekday,
  toMs,
  zonedInstant,
} from './index.js';

describe('club calendar', () => {
  it('the club date of an instant depends on the time zone', () => {
    expect(clubDate('2025-03-10T23:30:00Z', 'Europe/Berlin')).toBe('2025-03-11');
    expect(clubDate('2025-03-10T23:30:00Z', 'America/New_York')).toBe('2025-03-10');
    expect(clubTime('2025-03-11T16:52:00Z', 'Europe/Berlin')).toBe('17:52');
  });

  it('does calendar arithmetic across months and leap days', () => {
    expect(addDaysToDate('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDaysToDate('2025-01-31', 30)).toBe('2025-03-02');
    expect(daysBetween('2025-03-01', '2025-03-31')).toBe(30);
    expect(isoWeekday('2025-03-10')).toBe(1);
    expect(isoWeekday('2025-03-16')).toBe(7);
  });

  it('converts local wall time to instants and adds club days across DST', () => {
    expect(zonedInstant('2025-03-29', '18:00', 'Europe/Berlin')).toBe('2025-03-29T17:00:00.000Z');
    expect(zonedInstant('2025-03-31', '18:00', 'Europe/Berlin')).toBe('2025-03-31T16:00:00.000Z');
    expect(new Date(addClubDays('2025-03-29T17:00:00Z', 2, 'Europe/Berlin')).toISOString()).toBe(
      '2025-03-31T16:00:00.000Z',
    );
  });

  it('rejects malformed input', () => {
    expect(() => toMs('not a date')).toThrow(RangeError);
    expect(() => addDaysToDate('2025-3-1', 1)).toThrow(RangeError);
  });
});

describe('clubDate', () => {
  const zones = [
    'UTC',
    'Europe/Ljubljana',
    'America/New_York',
    'America/St_Johns',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
  ];

  it('equals date-fns with @date-fns/tz for any instant and zone (DST edges included)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.constantFrom(...zones),
        (ms, zone) => {
          expect(clubDate(ms, zone)).toBe(format(new TZDate(ms, zone), 'yyyy-MM-dd'));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('turns at local midnight on the day clocks change', () => {
    // 2026-03-29: Europe/Ljubljana goes from +01:00 to +02:00 at 02:00 local.
    expect(clubDate('2026-03-28T22:59:59.999Z', 'Europe/Ljubljana')).toBe('2026-03-28');
    expect(clubDate('2026-03-28T23:00:00.000Z', 'Europe/Ljubljana')).toBe('2026-03-29');
    expect(clubDate('2026-03-29T21:59:59.999Z', 'Europe/Ljubljana')).toBe('2026-03-29');
    expect(clubDate('2026-03-29T22:00:00.000Z', 'Europe/Ljubljana')).toBe('2026-03-30');
  });
});
