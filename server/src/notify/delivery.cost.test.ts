import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  claimQuery,
  guardiansOfChildrenQuery,
} from '../repositories/notification-delivery.repository.js';
import { passesDueSql, sessionsDueSql } from '../repositories/reminders.repository.js';
import { openClockedStore, type ClockedStore } from '../test/notify-club.js';

/**
 * What a pass of the notification loop reads grows with what is due, not
 * with the history: each query starts from a partial index of what is
 * waiting (undelivered rows, scheduled sessions by start, passes with
 * credits by expiry) and never scans the tables it serves.
 */
let store: ClockedStore;

beforeAll(async () => {
  store = await openClockedStore('2026-12-05T10:00:00.000Z');
});
afterAll(async () => {
  await store.db.destroy();
});

function plan(sql: string, params: readonly unknown[]): string[] {
  return (
    store.sqlite!.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]
  ).map((row) => row.detail);
}

describe('the notification loop’s queries', () => {
  it('claims from the partial index of undelivered rows', () => {
    const compiled = claimQuery(store.db, 'a', 'b', 50).compile();
    const steps = plan(compiled.sql, compiled.parameters);
    expect(steps.join('\n')).toMatch(/USING INDEX notifications_undelivered/);
    expect(steps.filter((s) => /^SCAN notifications\b(?! USING)/.test(s))).toEqual([]);
  });

  it('finds a batch’s children’s guardians by the dependants’ key, not by scanning ties', () => {
    const compiled = guardiansOfChildrenQuery(store.db, ['a', 'b', 'c']).compile();
    const steps = plan(compiled.sql, compiled.parameters).join('\n');
    expect(steps).toMatch(/SEARCH d USING INDEX sqlite_autoindex_dependants_1 \(member_id=\?\)/);
    expect(steps).not.toMatch(/SCAN (d|m|u|c)\b/);
  });

  it('finds due session reminders from scheduled sessions by start, sign-ups by session', () => {
    const now = '2026-12-05T10:00:00.000Z';
    const steps = plan(sessionsDueSql, [now, '2026-12-05T12:00:00.000Z', now, 200]).join('\n');
    expect(steps).toMatch(
      /SEARCH s USING INDEX sessions_scheduled_starts \(starts_at>\? AND starts_at<\?\)/,
    );
    expect(steps).toMatch(/SEARCH g USING (COVERING )?INDEX signups_session_live/);
    expect(steps).toMatch(/SEARCH n USING (COVERING )?INDEX notifications_reminder_key/);
    expect(steps).not.toMatch(/SCAN (s|g|n)\b/);
  });

  it('finds passes about to expire from remindable passes (credits left, or by time) by expiry date', () => {
    const steps = plan(passesDueSql, ['2026-12-04', '2026-12-10', '2026-12-05', 200]).join('\n');
    expect(steps).toMatch(
      /SEARCH p USING INDEX passes_remindable_expiring \(expires_on>\? AND expires_on<\?\)/,
    );
    expect(steps).toMatch(/SEARCH n USING (COVERING )?INDEX notifications_reminder_key/);
    expect(steps).not.toMatch(/SCAN (p|n)\b/);
  });
});
