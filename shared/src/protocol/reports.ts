import { z } from 'zod';
import { id } from './accounts.js';

/**
 * Inputs of the organizer's online-only reports and exports (docs/protocol.md,
 * "Reports and exports"). Every input also carries `clubId`. Dates are
 * 'YYYY-MM-DD' in the club's time zone; a range includes both ends.
 */

const clubDate = z.iso.date();

const ordered = (v: { from?: string | undefined; to?: string | undefined }) =>
  v.from === undefined || v.to === undefined || v.from <= v.to;
const orderedIssue = { message: 'The range must end on or after its first date', path: ['to'] };

const range = { from: clubDate.optional(), to: clubDate.optional() };

/** One page of a long list: at most `limit` rows after skipping `offset`. */
const page = {
  limit: z.number().int().min(1).max(200).default(50),
  offset: z.number().int().min(0).max(1_000_000).default(0),
};

export const reportRangeInput = z.object(range).refine(ordered, orderedIssue);

export const expiringPassesInput = z.object({
  /** Passes expiring from today through today + days. */
  days: z.number().int().min(0).max(365).default(14),
});

export const pastSessionsInput = z.object({ ...range, ...page }).refine(ordered, orderedIssue);

export const memberAttendanceInput = z
  .object({ memberId: id, ...range, ...page })
  .refine(ordered, orderedIssue);

/** Walk-ins' visits of sessions in the range (issue 13): who came as a guest and how they paid. */
export const guestVisitsInput = z.object({ ...range, ...page }).refine(ordered, orderedIssue);

export const passCreditLogInput = z.object({ passId: id });

export const attentionStatuses = ['open', 'resolved', 'all'] as const;
const attentionKinds = ['flagged', 'refused'] as const;

export const attentionListInput = z.object({
  status: z.enum(attentionStatuses).default('open'),
  /** Omitted = both kinds. */
  kind: z.enum(attentionKinds).optional(),
  ...page,
});

/** Exports need an explicit range (both ends). */
export const exportRangeInput = z
  .object({ from: clubDate, to: clubDate })
  .refine(ordered, orderedIssue);

export type ReportRangeInput = z.input<typeof reportRangeInput>;
export type PastSessionsInput = z.input<typeof pastSessionsInput>;
export type GuestVisitsInput = z.input<typeof guestVisitsInput>;
export type MemberAttendanceInput = z.input<typeof memberAttendanceInput>;
export type AttentionListInput = z.input<typeof attentionListInput>;
export type ExportRangeInput = z.input<typeof exportRangeInput>;
