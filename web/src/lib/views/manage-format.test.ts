import { describe, expect, it } from 'vitest';
import { manageFormat } from './manage-format';

describe('organizer formats', () => {
  it('shows club dates as calendar dates and instants in the club’s time zone', () => {
    const en = manageFormat('en-GB', 'Europe/Berlin');
    expect(en.date('2025-03-10')).toBe('10 Mar 2025');
    expect(en.dateTime('2025-03-10T23:30:00.000Z')).toBe('11 Mar 2025, 00:30');
    expect(en.signed(-1)).toBe('-1');
    expect(en.signed(10)).toBe('+10');
    expect(en.signed(0)).toBe('0');
    expect(manageFormat('de', 'UTC').count(1234)).toBe('1.234');
  });
});
