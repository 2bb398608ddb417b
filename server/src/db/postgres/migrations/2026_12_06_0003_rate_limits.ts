import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.

/**
 * The guessing limits (logins, setup and invitation secrets, password
 * resets) shared by every app server on the database (issue 17): the table
 * rate-limiter-flexible's PostgreSQL store reads, in its own shape. Counters
 * only; expired rows are cleared by the limiter itself.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE rate_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE rate_limits`.execute(db);
}
