import type { ClubsTable } from './tables/clubs.table.js';
import type { InvitationsTable } from './tables/invitations.table.js';
import type { LoginSessionsTable } from './tables/login-sessions.table.js';
import type { MembershipsTable } from './tables/memberships.table.js';
import type { SetupTokensTable } from './tables/setup-tokens.table.js';
import type { UsersTable } from './tables/users.table.js';

/** The whole schema, typed by hand beside the migrations (one file per table). */
export interface Database {
  clubs: ClubsTable;
  users: UsersTable;
  memberships: MembershipsTable;
  login_sessions: LoginSessionsTable;
  invitations: InvitationsTable;
  setup_tokens: SetupTokensTable;
}
