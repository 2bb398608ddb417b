import type {
  AttentionGroupDismissalsTable,
  AttentionGroupsTable,
  AttentionResolutionsTable,
} from './tables/attention.table.js';
import type { AccountTokensTable } from './tables/account-tokens.table.js';
import type { CalendarFeedsTable } from './tables/calendar-feeds.table.js';
import type { ClubsTable } from './tables/clubs.table.js';
import type {
  AttendanceTable,
  ChangeCounterTable,
  CreditLogTable,
  IntentsTable,
  MutationLogTable,
  NotificationsTable,
  PassesTable,
  PassRequestsTable,
  PassTemplatesTable,
  SeriesTable,
  SessionCountsTable,
  SessionsTable,
  SignupsTable,
  TombstonesTable,
  TrainingTypesTable,
} from './tables/domain.tables.js';
import type { DependantsTable, FamilyLinkCodesTable } from './tables/dependants.table.js';
import type { DevicesTable } from './tables/devices.table.js';
import type { DoorKeysTable, DoorPassesTable } from './tables/door.table.js';
import type { GuestsTable, GuestVisitsTable } from './tables/guests.table.js';
import type { InvitationsTable } from './tables/invitations.table.js';
import type { LoginSessionsTable } from './tables/login-sessions.table.js';
import type { MembershipsTable } from './tables/memberships.table.js';
import type { MailQueueTable, MailSecretsTable } from './tables/mail.table.js';
import type { SecurityLogTable } from './tables/security-log.table.js';
import type { SetupTokensTable } from './tables/setup-tokens.table.js';
import type { UsersTable } from './tables/users.table.js';
import type { PushSubscriptionsTable, VapidKeysTable } from './tables/push.table.js';
import type { NotificationChoicesTable } from './tables/notification-choices.table.js';

/** The whole schema, typed by hand beside the migrations (one file per table). */
export interface Database {
  clubs: ClubsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  dependants: DependantsTable;
  family_link_codes: FamilyLinkCodesTable;
  login_sessions: LoginSessionsTable;
  invitations: InvitationsTable;
  setup_tokens: SetupTokensTable;
  change_counter: ChangeCounterTable;
  tombstones: TombstonesTable;
  training_types: TrainingTypesTable;
  series: SeriesTable;
  sessions: SessionsTable;
  session_counts: SessionCountsTable;
  intents: IntentsTable;
  signups: SignupsTable;
  attendance: AttendanceTable;
  pass_templates: PassTemplatesTable;
  passes: PassesTable;
  credit_log: CreditLogTable;
  pass_requests: PassRequestsTable;
  notifications: NotificationsTable;
  mutation_log: MutationLogTable;
  attention_resolutions: AttentionResolutionsTable;
  attention_groups: AttentionGroupsTable;
  attention_group_dismissals: AttentionGroupDismissalsTable;
  security_log: SecurityLogTable;
  guests: GuestsTable;
  guest_visits: GuestVisitsTable;
  devices: DevicesTable;
  door_keys: DoorKeysTable;
  door_passes: DoorPassesTable;
  calendar_feeds: CalendarFeedsTable;
  account_tokens: AccountTokensTable;
  vapid_keys: VapidKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  mail_queue: MailQueueTable;
  mail_secrets: MailSecretsTable;
  notification_choices: NotificationChoicesTable;
}
