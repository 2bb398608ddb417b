/**
 * How each table's rows belong to a club, in an order where every row's
 * parents are copied before it (foreign keys and the "parents in club"
 * triggers). copy-club.test.ts fails when a table of the schema is missing
 * here, so a new table cannot be forgotten by the copy.
 */
export type Scope =
  /** Rows with this club's `club_id`. */
  | 'club'
  /** The club's own row. */
  | 'club-row'
  /** The accounts of the club's members (and rows of those accounts). */
  | 'member-users'
  | 'member-user-rows'
  /** Server-wide rows the target keeps if it has its own (keys, secrets). */
  | 'server-keep-target'
  /** Handled by the copy itself (counters, trigger-kept rows) or not copied (see `why`). */
  | 'special';

export interface CopiedTable {
  name: string;
  scope: Scope;
  /** The primary key's columns, for paging and comparing. */
  key: string[];
  why?: string;
}

export const copiedTables: CopiedTable[] = [
  { name: 'clubs', scope: 'club-row', key: ['id'] },
  { name: 'users', scope: 'member-users', key: ['id'] },
  { name: 'login_sessions', scope: 'member-user-rows', key: ['id'] },
  { name: 'account_tokens', scope: 'member-user-rows', key: ['id'] },
  { name: 'notification_choices', scope: 'member-user-rows', key: ['user_id', 'kind'] },
  { name: 'memberships', scope: 'club', key: ['id'] },
  { name: 'training_types', scope: 'club', key: ['id'] },
  { name: 'series', scope: 'club', key: ['id'] },
  { name: 'sessions', scope: 'club', key: ['id'] },
  { name: 'pass_templates', scope: 'club', key: ['id'] },
  { name: 'pass_requests', scope: 'club', key: ['id'] },
  { name: 'passes', scope: 'club', key: ['id'] },
  { name: 'credit_log', scope: 'club', key: ['id'] },
  { name: 'signups', scope: 'club', key: ['id'] },
  { name: 'attendance', scope: 'club', key: ['id'] },
  { name: 'intents', scope: 'club', key: ['session_id', 'member_id'] },
  { name: 'guests', scope: 'club', key: ['member_id'] },
  { name: 'guest_visits', scope: 'club', key: ['attendance_id'] },
  { name: 'dependants', scope: 'club', key: ['member_id'] },
  { name: 'family_link_codes', scope: 'club', key: ['code_hash'] },
  { name: 'door_keys', scope: 'club', key: ['club_id'] },
  { name: 'door_passes', scope: 'club', key: ['serial'] },
  { name: 'devices', scope: 'club', key: ['club_id', 'client_id'] },
  { name: 'invitations', scope: 'club', key: ['id'] },
  { name: 'calendar_feeds', scope: 'club', key: ['id'] },
  { name: 'notifications', scope: 'club', key: ['id'] },
  { name: 'mutation_log', scope: 'club', key: ['id'] },
  { name: 'attention_resolutions', scope: 'club', key: ['item_id'] },
  { name: 'attention_groups', scope: 'club', key: ['club_id', 'client_id', 'name', 'code'] },
  { name: 'attention_group_dismissals', scope: 'club', key: ['id'] },
  { name: 'tombstones', scope: 'club', key: ['table_name', 'row_id'] },
  { name: 'mail_queue', scope: 'club', key: ['id'] },
  { name: 'mail_secrets', scope: 'server-keep-target', key: ['name'] },
  { name: 'vapid_keys', scope: 'server-keep-target', key: ['id'] },
  {
    name: 'push_subscriptions',
    scope: 'member-user-rows',
    key: ['id'],
    why: 'copied only when the target signs pushes with the same VAPID key',
  },
  {
    name: 'session_counts',
    scope: 'special',
    key: ['session_id'],
    why: 'rebuilt by the target database from the copied rows, then checked against the source',
  },
  {
    name: 'change_counter',
    scope: 'special',
    key: ['id'],
    why: 'raised to at least the source counter, so new changes sort after every copied row',
  },
  {
    name: 'security_log',
    scope: 'special',
    key: ['id'],
    why: "the club's entries are copied with new ids (the target numbers its own log)",
  },
  {
    name: 'setup_tokens',
    scope: 'special',
    key: ['token_hash'],
    why: 'not copied: one-time links for creating a club belong to the server that issued them',
  },
];
