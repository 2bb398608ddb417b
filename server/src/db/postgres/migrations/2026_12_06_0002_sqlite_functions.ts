import { sql, type Kysely } from 'kysely';

// Frozen in time: this migration must never import from the app.

/**
 * The few SQLite functions the data layer's SQL uses, defined in PostgreSQL
 * with SQLite's meaning for the uses the code makes of them (issue 17), so
 * one SQL text serves both stores:
 * - `max(a, b, …)` / `min(a, b, …)` with 2–8 integer arguments: SQLite's
 *   scalar max/min (PostgreSQL's GREATEST/LEAST; NULL if any argument is,
 *   as in SQLite). The one-argument aggregate is PostgreSQL's own.
 * - `json_extract(json, '$.a.b')`: the field as text (SQLite returns the
 *   JSON type; every use compares with a string or tests for NULL).
 * - `strftime('%Y-%m-%dT%H:%M:%fZ', iso, '+N minutes')`: an ISO instant
 *   moved by an interval, as the same ISO text (only that format is used).
 * - `date(day, '+N days')`: a YYYY-MM-DD day moved by an interval.
 */
const arities = [2, 3, 4, 5, 6, 7, 8];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, pick] of [
    ['max', 'GREATEST'],
    ['min', 'LEAST'],
  ] as const) {
    for (const n of arities) {
      const args = Array.from({ length: n }, (_, i) => `a${i} integer`).join(', ');
      const refs = Array.from({ length: n }, (_, i) => `a${i}`).join(', ');
      const anyNull = Array.from({ length: n }, (_, i) => `a${i} IS NULL`).join(' OR ');
      await sql
        .raw(
          `CREATE FUNCTION ${name}(${args}) RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
           $$ SELECT CASE WHEN ${anyNull} THEN NULL ELSE ${pick}(${refs}) END $$`,
        )
        .execute(db);
    }
  }
  await sql`
    CREATE FUNCTION json_extract(doc text, path text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT (doc::jsonb) #>> string_to_array(substr(path, 3), '.') $$`.execute(db);
  await sql`
    CREATE FUNCTION strftime(format text, instant text, modifier text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
      IF format <> '%Y-%m-%dT%H:%M:%fZ' THEN
        RAISE EXCEPTION 'strftime: only the ISO format is defined here, not %', format;
      END IF;
      RETURN to_char((instant::timestamptz + modifier::interval) AT TIME ZONE 'UTC',
        'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    END $$`.execute(db);
  await sql`
    CREATE FUNCTION date(day text, modifier text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
    $$ SELECT to_char(day::date + modifier::interval, 'YYYY-MM-DD') $$`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of ['max', 'min']) {
    for (const n of arities) {
      const types = Array.from({ length: n }, () => 'integer').join(', ');
      await sql.raw(`DROP FUNCTION ${name}(${types})`).execute(db);
    }
  }
  await sql`DROP FUNCTION json_extract(text, text)`.execute(db);
  await sql`DROP FUNCTION strftime(text, text, text)`.execute(db);
  await sql`DROP FUNCTION date(text, text)`.execute(db);
}
