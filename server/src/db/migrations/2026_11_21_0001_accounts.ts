import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

const bool = (name: string) => sql.raw(`${name} IN (0, 1)`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('clubs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('credit_policy', 'text', (c) =>
      c
        .notNull()
        .defaultTo('at_checkin')
        .check(sql`credit_policy IN ('none', 'at_checkin', 'at_signup')`),
    )
    .addColumn('signups_enabled', 'integer', (c) =>
      c.notNull().defaultTo(1).check(bool('signups_enabled')),
    )
    .addColumn('waitlist_enabled', 'integer', (c) =>
      c.notNull().defaultTo(1).check(bool('waitlist_enabled')),
    )
    .addColumn('late_cancel_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`late_cancel_minutes >= 0`),
    )
    .addColumn('whos_going_enabled', 'integer', (c) =>
      c.notNull().defaultTo(1).check(bool('whos_going_enabled')),
    )
    .addColumn('multi_credit_enabled', 'integer', (c) =>
      c.notNull().defaultTo(0).check(bool('multi_credit_enabled')),
    )
    .addColumn('max_credits_per_check_in', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`max_credits_per_check_in >= 1`),
    )
    .addColumn('check_in_opens_minutes_before', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`check_in_opens_minutes_before >= 0`),
    )
    .addColumn('check_in_grace_minutes', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(30)
        .check(sql`check_in_grace_minutes >= 0`),
    )
    .addColumn('backfill_window_days', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(7)
        .check(sql`backfill_window_days >= 0`),
    )
    .addColumn('hosts_can_backfill', 'integer', (c) =>
      c.notNull().defaultTo(1).check(bool('hosts_can_backfill')),
    )
    .addColumn('hosts_can_manage_sessions', 'integer', (c) =>
      c.notNull().defaultTo(1).check(bool('hosts_can_manage_sessions')),
    )
    .addColumn('hosts_can_manage_passes', 'integer', (c) =>
      c.notNull().defaultTo(0).check(bool('hosts_can_manage_passes')),
    )
    .addColumn('host_over_capacity', 'text', (c) =>
      c
        .notNull()
        .defaultTo('flag')
        .check(sql`host_over_capacity IN ('flag', 'reject')`),
    )
    .addColumn('host_without_credits', 'text', (c) =>
      c
        .notNull()
        .defaultTo('flag')
        .check(sql`host_without_credits IN ('flag', 'reject')`),
    )
    .addColumn('locales', 'text', (c) => c.notNull().defaultTo('["en"]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('memberships')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('member', 'host', 'owner')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('removed_at', 'text')
    .addUniqueConstraint('memberships_club_user', ['club_id', 'user_id'])
    .execute();
  await db.schema.createIndex('memberships_user').on('memberships').column('user_id').execute();

  await db.schema
    .createTable('login_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('login_sessions_user')
    .on('login_sessions')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('member', 'host', 'owner')`))
    .addColumn('email', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('max_uses', 'integer', (c) => c.notNull().check(sql`max_uses >= 1`))
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revoked_at', 'text')
    .addCheckConstraint('invitations_uses', sql`uses >= 0 AND uses <= max_uses`)
    .execute();
  await db.schema.createIndex('invitations_club').on('invitations').column('club_id').execute();

  await db.schema
    .createTable('setup_tokens')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .addColumn('club_id', 'text', (c) => c.references('clubs.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'setup_tokens',
    'invitations',
    'login_sessions',
    'memberships',
    'users',
    'clubs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
