import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.
/* eslint-disable @typescript-eslint/no-explicit-any */

/**
 * A pass's balance is checked against its last credit-log entry instead of
 * the sum of its whole log, so a charge costs the same with ten entries or
 * ten thousand (docs/benchmarks.md, "History").
 *
 * The guarantee is unchanged: every entry must state `balance_after =
 * balance before + delta` (credit_log_balance_after), the log is
 * append-only, and a pass's balance may only be the `balance_after` of its
 * latest entry (0 before any). By induction the balance is the sum of the
 * log. "Latest" is the highest (version, rowid): versions only grow, and
 * within one version entries are inserted in order; the credit_log_pass
 * index (pass_id, version) ends in the rowid, so the lookup reads one index
 * entry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER passes_balance_follows_log`.execute(db);
  await sql`CREATE TRIGGER passes_balance_follows_log BEFORE UPDATE OF balance ON passes
    WHEN NEW.balance IS NOT COALESCE((SELECT balance_after FROM credit_log
      WHERE pass_id = NEW.id ORDER BY version DESC, rowid DESC LIMIT 1), 0)
    BEGIN SELECT RAISE(ABORT, 'passes.balance must equal the sum of its credit log'); END`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER passes_balance_follows_log`.execute(db);
  await sql`CREATE TRIGGER passes_balance_follows_log BEFORE UPDATE OF balance ON passes
    WHEN NEW.balance IS NOT (SELECT COALESCE(SUM(delta), 0) FROM credit_log WHERE pass_id = NEW.id)
    BEGIN SELECT RAISE(ABORT, 'passes.balance must equal the sum of its credit log'); END`.execute(
    db,
  );
}
