import { sql } from 'kysely';
import type { Db } from '../db/connection.js';

/** Whether the database answers a query at all (the health check). */
export async function databaseAnswers(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
