import type { Migration } from 'kysely';
import * as accounts from './2026_11_21_0001_accounts.js';
import * as domain from './2026_11_21_0002_domain.js';
import * as pullIndexes from './2026_11_21_0003_pull_indexes.js';
import * as pushIndexes from './2026_11_21_0004_push_indexes.js';
import * as syncSpeed from './2026_11_21_0005_sync_speed.js';
import * as attentionReports from './2026_11_21_0006_attention_reports.js';
import * as clubGuards from './2026_12_04_0007_club_guards.js';
import * as balanceByLastEntry from './2026_12_04_0008_balance_by_last_entry.js';
import * as membersVersion from './2026_12_04_0009_members_version.js';
import * as attentionGroups from './2026_12_04_0010_attention_groups.js';
import * as doorPasses from './2026_12_04_0011_door_passes.js';
import * as guests from './2026_12_05_0012_guests.js';
import * as deviceNames from './2026_12_05_0013_device_names.js';
import * as mail from './2026_12_05_0014_mail.js';
import * as accountTokens from './2026_12_05_0015_account_tokens.js';
import * as calendarFeeds from './2026_12_05_0016_calendar_feeds.js';
import * as push from './2026_12_05_0017_push.js';
import * as delivery from './2026_12_05_0018_delivery.js';
import * as sessionCounts from './2026_12_05_0019_session_counts.js';
import * as dependants from './2026_12_05_0020_dependants.js';
import * as timePasses from './2026_12_05_0021_time_passes.js';
import * as requestWithdrawn from './2026_12_05_0022_request_withdrawn.js';
import * as remindablePasses from './2026_12_05_0023_remindable_passes.js';
import * as memberPulls from './2026_12_06_0024_member_pulls.js';

/**
 * Every migration, in order. Listed by hand (not read from the folder) so the
 * same code runs under tsx, in tests and in any bundle.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_21_0001_accounts': accounts,
  '2026_11_21_0002_domain': domain,
  '2026_11_21_0003_pull_indexes': pullIndexes,
  '2026_11_21_0004_push_indexes': pushIndexes,
  '2026_11_21_0005_sync_speed': syncSpeed,
  '2026_11_21_0006_attention_reports': attentionReports,
  '2026_12_04_0007_club_guards': clubGuards,
  '2026_12_04_0008_balance_by_last_entry': balanceByLastEntry,
  '2026_12_04_0009_members_version': membersVersion,
  '2026_12_04_0010_attention_groups': attentionGroups,
  '2026_12_04_0011_door_passes': doorPasses,
  '2026_12_05_0012_guests': guests,
  '2026_12_05_0013_device_names': deviceNames,
  '2026_12_05_0014_mail': mail,
  '2026_12_05_0015_account_tokens': accountTokens,
  '2026_12_05_0016_calendar_feeds': calendarFeeds,
  '2026_12_05_0017_push': push,
  '2026_12_05_0018_delivery': delivery,
  '2026_12_05_0019_session_counts': sessionCounts,
  '2026_12_05_0020_dependants': dependants,
  '2026_12_05_0021_time_passes': timePasses,
  '2026_12_05_0022_request_withdrawn': requestWithdrawn,
  '2026_12_05_0023_remindable_passes': remindablePasses,
  '2026_12_06_0024_member_pulls': memberPulls,
};
