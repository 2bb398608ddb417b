import { z } from 'zod';
import { id } from './accounts.js';

/**
 * Calendar feeds (docs/protocol.md, "Calendar feeds"): a person's secret
 * addresses of the club's schedule and of their own sessions, as iCal.
 */

/** `club`: every session of the club; `mine`: the sessions the member signed up for, waits for or goes to. */
export const calendarScope = z.enum(['club', 'mine']);
export type CalendarScope = z.infer<typeof calendarScope>;

export const calendarFeedsInput = z.object({ clubId: id });

/** Makes the address of a scope, revoking the one there was ("make a new address"). */
export const calendarRenewInput = z.object({ clubId: id, scope: calendarScope });

/** Stops sharing a scope: its address answers 404 from now on. */
export const calendarRevokeInput = z.object({ clubId: id, scope: calendarScope });

/** 32 random bytes, base64url: the secret in a feed's address. */
export const calendarToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'Not a calendar address');

/**
 * A live feed as its owner sees it. The token is only known when the
 * address is made (the server keeps its hash), so `path` is there only in
 * the answer to `calendar.renew`; the list says a feed exists and when it
 * was last fetched.
 */
export interface CalendarFeed {
  scope: CalendarScope;
  createdAt: string;
  lastFetchedAt: string | null;
}

/** The answer to `calendar.renew`: the new address, relative to the server (`/calendar/<token>.ics`). */
export interface NewCalendarFeed extends CalendarFeed {
  path: string;
}
