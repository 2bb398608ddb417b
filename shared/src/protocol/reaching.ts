import { z } from 'zod';
import { notificationKinds, type NotificationKind } from '../rules/notifications.js';
import { lazy } from '../lazy.js';

/**
 * How a person can be reached about a notification. In-app is the
 * notification row itself (synced to the devices); email and push are
 * delivered by the server from that row, each person choosing per kind.
 */
export const channels = ['in_app', 'email', 'push'] as const;
export type Channel = (typeof channels)[number];

/** Mails about the account itself: always sent, never switched off. */
export const accountMailKinds = ['invitation', 'password_reset', 'email_change'] as const;
export type AccountMailKind = (typeof accountMailKinds)[number];

/** Everything the mail queue can send: account mails and notifications. */
export type MailKind = AccountMailKind | NotificationKind;
export const mailKinds: readonly MailKind[] = [...accountMailKinds, ...notificationKinds];

/** One person's choice for one kind of notification. */
export interface ChannelChoice {
  in_app: boolean;
  email: boolean;
  push: boolean;
}

/**
 * What a person gets before choosing anything. Email only for what a member
 * would be sorry to miss away from the app; push for everything once they
 * have allowed it on a device (no subscription, no push).
 */
export const defaultChoices: Record<NotificationKind, ChannelChoice> = {
  promoted: { in_app: true, email: true, push: true },
  promotion_skipped: { in_app: true, email: true, push: true },
  spot_open: { in_app: true, email: false, push: true },
  session_cancelled: { in_app: true, email: true, push: true },
  pass_granted: { in_app: true, email: true, push: true },
  pass_request_rejected: { in_app: true, email: true, push: true },
  session_reminder: { in_app: true, email: false, push: true },
  pass_expiring: { in_app: true, email: true, push: true },
};

export const channelChoiceSchema = lazy(() =>
  z.object({
    in_app: z.boolean(),
    email: z.boolean(),
    push: z.boolean(),
  }),
);

/** A change to one person's choices: only the kinds named change. */
export const setChoicesInput = lazy(() =>
  z.object({
    choices: z.partialRecord(z.enum(notificationKinds), channelChoiceSchema),
  }),
);
export type SetChoicesInput = z.input<typeof setChoicesInput>;
