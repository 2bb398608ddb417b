import type { Instant } from './types.js';

/** What the rules ask to tell a member; delivery (in-app, push) is the caller's. */
export const notificationKinds = [
  /** A waiter got a place (and, under `at_signup`, was charged). */
  'promoted',
  /** A waiter's turn came but no usable credits: they stay on the waitlist. */
  'promotion_skipped',
  /** A place opened inside `lateCancelMinutes`: waiters may sign up themselves. */
  'spot_open',
  /** A session the member held a place in (or waited for) was cancelled; credits returned. */
  'session_cancelled',
  'pass_granted',
  'pass_request_rejected',
  /** Made by the server's reminder job, not by a rule: a signed-up session starts soon. */
  'session_reminder',
  /** Made by the server's reminder job: a pass with credits left expires soon. */
  'pass_expiring',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface Notification {
  memberId: string;
  kind: NotificationKind;
  sessionId: string | null;
  /** Plain values to render the message (titles, reasons, ids). */
  data: Record<string, string | number | null>;
  at: Instant;
}
