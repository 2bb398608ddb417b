import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

const bool = (name: string) => sql.raw(`${name} IN (0, 1)`);

/**
 * The domain: sessions, going, sign-ups, attendance, passes and their credit
 * log, requests, notifications, and the mutation log behind sync. Every
 * replicated row carries `version`, the server's change counter at its last
 * write (never a device clock); deletions leave a tombstone.
 *
 * What must never happen is refused by the database itself, not only by code:
 * one attendance per (session, member), one live sign-up per (session,
 * member), a pass balance never below zero and always equal to the sum of
 * its append-only credit log, each mutation id applied once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('change_counter')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('change_counter').values({ id: 1, version: 0 }).execute();

  await db.schema
    .createTable('tombstones')
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('tombstones_pk', ['table_name', 'row_id'])
    .execute();
  await db.schema
    .createIndex('tombstones_club_version')
    .on('tombstones')
    .columns(['club_id', 'version'])
    .execute();

  await db.schema
    .createTable('training_types')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0).check(bool('archived')))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('series')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('weekdays', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer', (c) => c.notNull().check(sql`duration_minutes > 0`))
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('until_date', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('training_type_id', 'text', (c) => c.references('training_types.id'))
    .addColumn('location', 'text')
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity IS NULL OR capacity >= 1`))
    .addColumn('credit_cost', 'integer', (c) => c.notNull().check(sql`credit_cost >= 0`))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('series_id', 'text', (c) => c.references('series.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('training_type_id', 'text', (c) => c.references('training_types.id'))
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('location', 'text')
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity IS NULL OR capacity >= 1`))
    .addColumn('credit_cost', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(1)
        .check(sql`credit_cost >= 0`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('scheduled')
        .check(sql`status IN ('scheduled', 'cancelled')`),
    )
    .addColumn('cancel_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('sessions_ends_after_start', sql`ends_at > starts_at`)
    .execute();
  await db.schema
    .createIndex('sessions_club_starts')
    .on('sessions')
    .columns(['club_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('sessions_club_version')
    .on('sessions')
    .columns(['club_id', 'version'])
    .execute();

  await db.schema
    .createTable('intents')
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('going', 'integer', (c) => c.notNull().check(bool('going')))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('intents_pk', ['session_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('signups')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('active', 'waitlisted', 'cancelled')`),
    )
    .addColumn('position', 'integer')
    .addColumn('charges', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('late_cancel', 'integer', (c) => c.notNull().defaultTo(0).check(bool('late_cancel')))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('by_member_id', 'text', (c) => c.notNull())
    .addColumn('device_label', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addCheckConstraint('signups_position', sql`(status = 'waitlisted') = (position IS NOT NULL)`)
    .execute();
  // One live (active or waitlisted) sign-up per member and session.
  await sql`CREATE UNIQUE INDEX signups_one_live ON signups (session_id, member_id)
            WHERE status IN ('active', 'waitlisted')`.execute(db);
  await db.schema
    .createIndex('signups_club_version')
    .on('signups')
    .columns(['club_id', 'version'])
    .execute();

  await db.schema
    .createTable('attendance')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('credits', 'integer', (c) => c.notNull().check(sql`credits >= 0`))
    .addColumn('charges', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('signup_credits', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`signup_credits >= 0`),
    )
    .addColumn('unpaid_credits', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`unpaid_credits >= 0`),
    )
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('backfilled', 'integer', (c) => c.notNull().defaultTo(0).check(bool('backfilled')))
    .addColumn('voided', 'integer', (c) => c.notNull().defaultTo(0).check(bool('voided')))
    .addColumn('void_reason', 'text')
    .addColumn('voided_at', 'text')
    .addColumn('voided_by', 'text')
    .addColumn('checked_in_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('by_member_id', 'text', (c) => c.notNull())
    .addColumn('device_label', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    // One attendance record per member and session, voided or not.
    .addUniqueConstraint('attendance_one_per_member', ['session_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('attendance_club_version')
    .on('attendance')
    .columns(['club_id', 'version'])
    .execute();
  await db.schema
    .createIndex('attendance_member')
    .on('attendance')
    .columns(['member_id', 'session_id'])
    .execute();

  await db.schema
    .createTable('pass_templates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('names', 'text', (c) => c.notNull())
    .addColumn('descriptions', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sessions', 'integer', (c) => c.notNull().check(sql`sessions >= 1`))
    .addColumn('price_minor', 'integer', (c) => c.notNull().check(sql`price_minor >= 0`))
    .addColumn('currency', 'text', (c) => c.notNull().check(sql`length(currency) = 3`))
    .addColumn('validity_days', 'integer', (c) => c.notNull().check(sql`validity_days >= 1`))
    .addColumn('training_type_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('deleted_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('pass_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('pass_templates.id'))
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('pending', 'approved', 'rejected')`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('pass_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('passes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('template_id', 'text', (c) => c.notNull().references('pass_templates.id'))
    .addColumn('terms', 'text', (c) => c.notNull())
    // Kept equal to the sum of the credit log by the triggers below.
    .addColumn('balance', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`balance >= 0`),
    )
    .addColumn('granted_on', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1).check(bool('active')))
    .addColumn('request_id', 'text', (c) => c.references('pass_requests.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('passes_member')
    .on('passes')
    .columns(['member_id', 'expires_on'])
    .execute();

  await db.schema
    .createTable('credit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('pass_id', 'text', (c) => c.notNull().references('passes.id'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('delta', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(
        sql`kind IN ('granted', 'sessions_added', 'extended', 'charged_signup', 'charged_checkin',
                     'charged_adjustment', 'returned_signout', 'returned_void', 'returned_cancel',
                     'returned_adjustment', 'deactivated', 'reactivated', 'manual_adjustment')`,
      ),
    )
    .addColumn('balance_after', 'integer', (c) => c.notNull().check(sql`balance_after >= 0`))
    .addColumn('expires_on_after', 'text')
    .addColumn('session_id', 'text')
    .addColumn('signup_id', 'text')
    .addColumn('attendance_id', 'text')
    .addColumn('reason', 'text')
    .addColumn('by_member_id', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('mutation_id', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credit_log_pass')
    .on('credit_log')
    .columns(['pass_id', 'version'])
    .execute();
  await db.schema
    .createIndex('credit_log_club_version')
    .on('credit_log')
    .columns(['club_id', 'version'])
    .execute();

  // The credit log is append-only and is the truth: each entry must state the
  // balance it leads to, and the pass balance follows it exactly.
  await sql`CREATE TRIGGER credit_log_balance_after BEFORE INSERT ON credit_log
    WHEN NEW.balance_after IS NOT (SELECT balance FROM passes WHERE id = NEW.pass_id) + NEW.delta
    BEGIN SELECT RAISE(ABORT, 'credit_log.balance_after does not match the pass balance'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER credit_log_apply AFTER INSERT ON credit_log
    BEGIN UPDATE passes SET balance = balance + NEW.delta WHERE id = NEW.pass_id; END`.execute(db);
  await sql`CREATE TRIGGER credit_log_no_update BEFORE UPDATE ON credit_log
    BEGIN SELECT RAISE(ABORT, 'credit_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER credit_log_no_delete BEFORE DELETE ON credit_log
    BEGIN SELECT RAISE(ABORT, 'credit_log is append-only'); END`.execute(db);
  // The balance moves only through the credit log.
  await sql`CREATE TRIGGER passes_balance_follows_log BEFORE UPDATE OF balance ON passes
    WHEN NEW.balance IS NOT (SELECT COALESCE(SUM(delta), 0) FROM credit_log WHERE pass_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'passes.balance must equal the sum of its credit log'); END`.execute(
    db,
  );
  await sql`CREATE TRIGGER passes_balance_starts_empty BEFORE INSERT ON passes
    WHEN NEW.balance <> 0
    BEGIN SELECT RAISE(ABORT, 'a pass starts at 0; credits come from its credit log'); END`.execute(
    db,
  );

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('member_id', 'text', (c) => c.notNull().references('memberships.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notifications_member')
    .on('notifications')
    .columns(['member_id', 'version'])
    .execute();

  // Every attempt, applied or refused, for idempotency and the audit trail.
  await db.schema
    .createTable('mutation_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('club_id', 'text', (c) => c.notNull().references('clubs.id').onDelete('cascade'))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('args', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'text', (c) => c.notNull())
    .addColumn('judged_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('applied', 'rejected')`))
    .addColumn('code', 'text')
    .addColumn('message', 'text')
    .addColumn('flags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('server_version', 'integer', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema
    .createIndex('mutation_log_club_attention')
    .on('mutation_log')
    .columns(['club_id', 'status', 'resolved_at'])
    .execute();
  await sql`CREATE TRIGGER mutation_log_no_delete BEFORE DELETE ON mutation_log
    BEGIN SELECT RAISE(ABORT, 'mutation_log is append-only'); END`.execute(db);
  await sql`CREATE TRIGGER mutation_log_result_frozen BEFORE UPDATE OF id, status, code, flags, args ON mutation_log
    BEGIN SELECT RAISE(ABORT, 'a mutation result never changes'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'mutation_log',
    'notifications',
    'credit_log',
    'passes',
    'pass_requests',
    'pass_templates',
    'attendance',
    'signups',
    'intents',
    'sessions',
    'series',
    'training_types',
    'tombstones',
    'change_counter',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
