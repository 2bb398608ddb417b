import { z } from 'zod';
import { lazy } from './lazy.js';

/** Club settings (spec §2). Every setting has a default, so a new club works at once. */
export const creditPolicies = ['none', 'at_checkin', 'at_signup'] as const;
export type CreditPolicy = (typeof creditPolicies)[number];

export const hostOverrides = ['flag', 'reject'] as const;
export type HostOverride = (typeof hostOverrides)[number];

const minutes = lazy(() =>
  z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60),
);

export const clubSettingsSchema = lazy(() =>
  z.object({
    timezone: z.string().min(1).refine(isTimeZone, 'Unknown time zone'),
    creditPolicy: z.enum(creditPolicies),
    signupsEnabled: z.boolean(),
    waitlistEnabled: z.boolean(),
    lateCancelMinutes: minutes,
    whosGoingEnabled: z.boolean(),
    /**
     * Members see who else is going or signed up to a session (names as the
     * club shows them to members: first name and last initial). Off: members
     * see counts only, and no one else's records reach their devices.
     */
    membersSeeWhoIsGoing: z.boolean(),
    multiCreditEnabled: z.boolean(),
    maxCreditsPerCheckIn: z.number().int().min(1).max(20),
    checkInOpensMinutesBefore: minutes,
    checkInGraceMinutes: minutes,
    backfillWindowDays: z.number().int().min(0).max(365),
    hostsCanBackfill: z.boolean(),
    hostsCanManageSessions: z.boolean(),
    hostsCanManagePasses: z.boolean(),
    hostOverCapacity: z.enum(hostOverrides),
    hostWithoutCredits: z.enum(hostOverrides),
    locales: z.array(z.string().min(2).max(35)).min(1).max(20),
    /** A reminder this long before a signed-up session starts; 0: no reminders. */
    sessionReminderMinutes: minutes,
    /** A reminder this many days before a pass with credits left expires; 0: none. */
    passExpiryReminderDays: z.number().int().min(0).max(60),
  }),
);

export type ClubSettings = z.infer<typeof clubSettingsSchema>;

/** Defaults of spec §2; the time zone defaults to the server's. */
export function defaultClubSettings(timezone: string): ClubSettings {
  return {
    timezone,
    creditPolicy: 'at_checkin',
    signupsEnabled: true,
    waitlistEnabled: true,
    lateCancelMinutes: 0,
    whosGoingEnabled: true,
    membersSeeWhoIsGoing: false,
    multiCreditEnabled: false,
    maxCreditsPerCheckIn: 1,
    checkInOpensMinutesBefore: 30,
    checkInGraceMinutes: 30,
    backfillWindowDays: 7,
    hostsCanBackfill: true,
    hostsCanManageSessions: true,
    hostsCanManagePasses: false,
    hostOverCapacity: 'flag',
    hostWithoutCredits: 'flag',
    locales: ['en'],
    sessionReminderMinutes: 120,
    passExpiryReminderDays: 3,
  };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
