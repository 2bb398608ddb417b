import { z } from 'zod';
import { id } from '../protocol/accounts.js';

/**
 * The building blocks of mutation args, shared by the areas' schemas
 * (sessions.ts, passes.ts, …) so a title or an instant means the same
 * everywhere.
 */

export { id };
export const instant = z.iso.datetime({ offset: true });
export const clubDate = z.iso.date();
export const wallTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm (24-hour clock)');
export const title = z.string().trim().min(1).max(200);
export const longText = z.string().trim().max(5000);
export const reason = z.string().trim().min(1).max(500);
export const note = z.string().trim().min(1).max(500);

const locale = z.string().min(2).max(35);
/** Languages one name or description may come in. */
const MAX_LOCALES = 12;
/** A text in several languages, keyed by locale tag. */
export const localized = (max: number) =>
  z
    .record(locale, z.string().trim().min(1).max(max))
    .refine((r) => Object.keys(r).length <= MAX_LOCALES, `At most ${MAX_LOCALES} languages`);

export const flags = ['over_capacity', 'unpaid', 'waitlisted', 'late_cancel'] as const;
export type Flag = (typeof flags)[number];

/** Credits recorded by one check-in; the club setting narrows it further. */
export const creditsArg = z.number().int().min(1).max(20);

/**
 * How an organizer closes a needs-attention item: `accepted` (the outcome
 * stands; an unpaid check-in's debt is waived), `charged` (an unpaid
 * check-in's debt is charged to the member's passes now) or `dismissed`
 * (closed, nothing changes).
 */
export const attentionResolutions = ['accepted', 'charged', 'dismissed'] as const;
export type AttentionResolutionKind = (typeof attentionResolutions)[number];
/**
 * How an item was closed, as kept: one of the above, or `reinstated` — a
 * refused check-in the owner recorded after all (`checkin.reinstate`).
 */
export type StoredResolutionKind = AttentionResolutionKind | 'reinstated';
