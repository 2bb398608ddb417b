import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * No row crosses clubs (docs/decisions.md, "An id names one thing forever").
 *
 * Ids are made on devices, so the database itself refuses what must never
 * happen, whatever the code above it does:
 * - a row never moves to another club (the writers now set `club_id` on
 *   every upsert, so an upsert that hits another club's row trips this);
 * - a row's club is its parents' club: a sign-up of club A cannot name a
 *   session or a member of club B, a pass cannot use B's template, and so on.
 *
 * Triggers rather than composite foreign keys: SQLite cannot add a foreign
 * key to an existing table without rebuilding it, and the checks are primary
 * key lookups (a few microseconds per written row). The PostgreSQL port can
 * use composite keys `(id, club_id)` instead.
 *
 * The mutation log also gives way to the retention policy: refused attempts
 * may be deleted once old (applied ones stay for good: they are the audit
 * trail and what makes a retry a replay).
 */

/** Tables whose rows carry a club and an id of their own. */
const clubRows = [
  'training_types',
  'series',
  'sessions',
  'pass_templates',
  'pass_requests',
  'passes',
  'signups',
  'attendance',
  'notifications',
  'intents',
  'attention_resolutions',
] as const;

/** Per table: parent table and the column naming it; each parent must be in the row's club. */
const parents: Record<string, [column: string, parent: string][]> = {
  series: [['training_type_id', 'training_types']],
  sessions: [
    ['series_id', 'series'],
    ['training_type_id', 'training_types'],
  ],
  intents: [
    ['session_id', 'sessions'],
    ['member_id', 'memberships'],
  ],
  signups: [
    ['session_id', 'sessions'],
    ['member_id', 'memberships'],
  ],
  attendance: [
    ['session_id', 'sessions'],
    ['member_id', 'memberships'],
  ],
  pass_requests: [
    ['member_id', 'memberships'],
    ['template_id', 'pass_templates'],
  ],
  passes: [
    ['member_id', 'memberships'],
    ['template_id', 'pass_templates'],
    ['request_id', 'pass_requests'],
  ],
  credit_log: [['pass_id', 'passes']],
  notifications: [['member_id', 'memberships']],
  attention_resolutions: [['item_id', 'mutation_log']],
};

function parentMismatch(table: string): string {
  return (parents[table] ?? [])
    .map(
      ([column, parent]) =>
        `(NEW.${column} IS NOT NULL AND ` +
        `(SELECT club_id FROM ${parent} WHERE id = NEW.${column}) IS NOT NEW.club_id)`,
    )
    .join(' OR ');
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of clubRows) {
    await sql
      .raw(
        `CREATE TRIGGER ${table}_club_fixed BEFORE UPDATE OF club_id ON ${table}
         WHEN NEW.club_id IS NOT OLD.club_id
         BEGIN SELECT RAISE(ABORT, 'a row never moves to another club'); END`,
      )
      .execute(db);
  }
  for (const table of Object.keys(parents)) {
    const when = parentMismatch(table);
    const columns = (parents[table] ?? []).map(([c]) => c).join(', ');
    await sql
      .raw(
        `CREATE TRIGGER ${table}_parents_in_club BEFORE INSERT ON ${table}
         WHEN ${when}
         BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`,
      )
      .execute(db);
    if (table === 'credit_log') continue; // append-only: never updated
    await sql
      .raw(
        `CREATE TRIGGER ${table}_parents_stay_in_club BEFORE UPDATE OF club_id, ${columns} ON ${table}
         WHEN ${when}
         BEGIN SELECT RAISE(ABORT, 'a row and its parents belong to one club'); END`,
      )
      .execute(db);
  }

  // Retention (docs/decisions.md): refused attempts may go once old; applied ones never.
  await sql`DROP TRIGGER mutation_log_no_delete`.execute(db);
  await sql`CREATE TRIGGER mutation_log_keeps_applied BEFORE DELETE ON mutation_log
    WHEN OLD.status = 'applied'
      OR EXISTS (SELECT 1 FROM attention_resolutions WHERE item_id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'applied mutations and resolved items are kept for good'); END`.execute(
    db,
  );
  await db.schema
    .createIndex('mutation_log_refused_received')
    .on('mutation_log')
    .columns(['status', 'received_at'])
    .execute();

  // Pushes refused before they reach a club (outsiders, floods): kept apart from
  // every club's log, bounded by the writer (oldest rows go first).
  await db.schema
    .createTable('security_log')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('club_id', 'text')
    .addColumn('client_id', 'text')
    .addColumn('address', 'text')
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('detail', 'text')
    .execute();
  await db.schema
    .createIndex('security_log_user')
    .on('security_log')
    .columns(['user_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('security_log').execute();
  await db.schema.dropIndex('mutation_log_refused_received').execute();
  await sql`DROP TRIGGER mutation_log_keeps_applied`.execute(db);
  await sql`CREATE TRIGGER mutation_log_no_delete BEFORE DELETE ON mutation_log
    BEGIN SELECT RAISE(ABORT, 'mutation_log is append-only'); END`.execute(db);
  for (const table of Object.keys(parents)) {
    await sql.raw(`DROP TRIGGER ${table}_parents_in_club`).execute(db);
    if (table !== 'credit_log')
      await sql.raw(`DROP TRIGGER ${table}_parents_stay_in_club`).execute(db);
  }
  for (const table of clubRows) await sql.raw(`DROP TRIGGER ${table}_club_fixed`).execute(db);
}
