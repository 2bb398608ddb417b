import { z } from 'zod';
import type { Attendance, CreditLogEntry, Session, Signup } from '../rules/types.js';
import type { ClubSettings } from '../settings.js';
import { id } from './accounts.js';

/**
 * A member's full history from the server (docs/protocol.md, "History"):
 * what the device does not keep offline, a page at a time, newest first.
 * Pages are cut by a cursor of (date, id) — the last item's — not by an
 * offset, so a page asked for twice holds the same items even while new
 * ones are being added at the top.
 */

/**
 * How many days back a device's copy reaches after a first sync: the
 * server's snapshot window (docs/protocol.md, "Snapshot window and
 * history"), at least 30 days, longer when backfill reaches further.
 */
export function offlineHistoryDays(settings: Pick<ClubSettings, 'backfillWindowDays'>): number {
  return Math.max(settings.backfillWindowDays, 30);
}

/** At most this many items in one page; also the default. */
export const historyPageLimit = 100;

export const historyCursor = z.object({
  /** The last item's time: a session's start, or a credit-log entry's time. */
  date: z.iso.datetime({ offset: true }),
  id,
});
export type HistoryCursor = z.infer<typeof historyCursor>;

const page = {
  clubId: id,
  /** Items strictly older than this; none = from the newest. */
  before: historyCursor.optional(),
  limit: z.number().int().min(1).max(historyPageLimit).optional(),
};

/**
 * Sessions (ended) the member signed up for or checked in to, with those
 * records. `memberId` names whose history: the caller's own when left out.
 */
export const attendanceHistoryInput = z.object({ ...page, memberId: id.optional() });
export type AttendanceHistoryInput = z.infer<typeof attendanceHistoryInput>;

/** One pass's credit log. */
export const creditLogHistoryInput = z.object({ ...page, passId: id });
export type CreditLogHistoryInput = z.infer<typeof creditLogHistoryInput>;

/** One past session and the member's records of it (cancelled sign-ups only when they cost a credit). */
export interface AttendanceHistoryItem {
  session: Session;
  attendance: Attendance | null;
  signup: Signup | null;
}

/** A credit-log entry with the session it was about, named whether or not the device holds it. */
export interface CreditLogHistoryItem {
  entry: CreditLogEntry;
  session: { id: string; title: string; startsAt: string } | null;
}

export interface HistoryPage<T> {
  items: T[];
  /** Pass as `before` for the next older page; null when there is nothing older. */
  next: HistoryCursor | null;
}
