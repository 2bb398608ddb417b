import type { ClubSettings } from '@turnout/shared';
import type { Db } from '../db/connection.js';
import type { ClubRow, ClubUpdate } from '../db/tables/clubs.table.js';

export async function insertClub(
  db: Db,
  club: { id: string; name: string; settings: ClubSettings; createdAt: string },
) {
  await db
    .insertInto('clubs')
    .values({
      ...settingsToRow(club.settings),
      id: club.id,
      name: club.name,
      timezone: club.settings.timezone,
      created_at: club.createdAt,
    })
    .execute();
}

export function getClub(db: Db, clubId: string): Promise<ClubRow | undefined> {
  return db.selectFrom('clubs').selectAll().where('id', '=', clubId).executeTakeFirst();
}

export async function countClubs(db: Db): Promise<number> {
  const row = await db
    .selectFrom('clubs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function settingsFromRow(row: ClubRow): ClubSettings {
  return {
    timezone: row.timezone,
    creditPolicy: row.credit_policy,
    signupsEnabled: row.signups_enabled === 1,
    waitlistEnabled: row.waitlist_enabled === 1,
    lateCancelMinutes: row.late_cancel_minutes,
    whosGoingEnabled: row.whos_going_enabled === 1,
    membersSeeWhoIsGoing: row.members_see_who_is_going === 1,
    multiCreditEnabled: row.multi_credit_enabled === 1,
    maxCreditsPerCheckIn: row.max_credits_per_check_in,
    checkInOpensMinutesBefore: row.check_in_opens_minutes_before,
    checkInGraceMinutes: row.check_in_grace_minutes,
    backfillWindowDays: row.backfill_window_days,
    hostsCanBackfill: row.hosts_can_backfill === 1,
    hostsCanManageSessions: row.hosts_can_manage_sessions === 1,
    hostsCanManagePasses: row.hosts_can_manage_passes === 1,
    hostOverCapacity: row.host_over_capacity,
    hostWithoutCredits: row.host_without_credits,
    locales: JSON.parse(row.locales) as string[],
    sessionReminderMinutes: row.session_reminder_minutes,
    passExpiryReminderDays: row.pass_expiry_reminder_days,
  };
}

export function settingsToRow(settings: Partial<ClubSettings>): ClubUpdate {
  const flag = (v: boolean | undefined) => (v === undefined ? undefined : v ? 1 : 0);
  const update: ClubUpdate = {
    timezone: settings.timezone,
    credit_policy: settings.creditPolicy,
    signups_enabled: flag(settings.signupsEnabled),
    waitlist_enabled: flag(settings.waitlistEnabled),
    late_cancel_minutes: settings.lateCancelMinutes,
    whos_going_enabled: flag(settings.whosGoingEnabled),
    members_see_who_is_going: flag(settings.membersSeeWhoIsGoing),
    multi_credit_enabled: flag(settings.multiCreditEnabled),
    max_credits_per_check_in: settings.maxCreditsPerCheckIn,
    check_in_opens_minutes_before: settings.checkInOpensMinutesBefore,
    check_in_grace_minutes: settings.checkInGraceMinutes,
    backfill_window_days: settings.backfillWindowDays,
    hosts_can_backfill: flag(settings.hostsCanBackfill),
    hosts_can_manage_sessions: flag(settings.hostsCanManageSessions),
    hosts_can_manage_passes: flag(settings.hostsCanManagePasses),
    host_over_capacity: settings.hostOverCapacity,
    host_without_credits: settings.hostWithoutCredits,
    locales: settings.locales ? JSON.stringify(settings.locales) : undefined,
    session_reminder_minutes: settings.sessionReminderMinutes,
    pass_expiry_reminder_days: settings.passExpiryReminderDays,
  };
  return Object.fromEntries(Object.entries(update).filter(([, v]) => v !== undefined));
}
