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
