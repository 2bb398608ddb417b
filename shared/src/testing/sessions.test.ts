import { describe, expect, it } from 'vitest';
import { clubDate } from '../time/index.js';
import { openSessionStart } from './sessions.js';

const MINUTE = 60_000;

describe('openSessionStart', () => {
  it('starts ten minutes ago during the day', () => {
    const now = Date.parse('2026-12-06T12:00:00Z');
    expect(openSessionStart(now, 'Europe/Berlin')).toBe(now - 10 * MINUTE);
  });

  it("stays on the club's today just after midnight", () => {
    // 00:05 in Berlin on Monday 7 December: ten minutes ago was Sunday.
    const now = Date.parse('2026-12-06T23:05:00Z');
    const start = openSessionStart(now, 'Europe/Berlin');
    expect(start).toBe(now + 10 * MINUTE);
    expect(clubDate(start, 'Europe/Berlin')).toBe('2026-12-07');
    // The same instant is mid-evening in UTC, so there it starts ten minutes ago.
    expect(openSessionStart(now, 'UTC')).toBe(now - 10 * MINUTE);
  });
});
