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

  it('shows a span of time with the shared date once', () => {
    const en = manageFormat('en-GB', 'Europe/Ljubljana');
    const from = '2026-05-04T15:02:00.000Z';
    expect(en.span(from, '2026-05-04T15:40:00.000Z')).toBe('4 May 2026, 17:02–17:40');
    expect(en.span(from, from)).toBe('4 May 2026, 17:02');
    // Across days Intl sets the dash between thin spaces.
    expect(en.span(from, '2026-05-05T07:10:00.000Z')).toBe(
      '4 May 2026, 17:02\u2009–\u20095 May 2026, 09:10',
    );
  });
});
