import type { Statements } from '../db/statements.js';

/** Tables whose ids are made on devices, so any of them may name another club's row. */
export type DeviceNamedTable =
  | 'training_types'
  | 'series'
  | 'pass_templates'
  | 'pass_requests'
  | 'passes'
  | 'signups'
  | 'attendance'
  /** A walk-in's member id is made on the host's device (guest.checkIn). */
  | 'memberships';

/** The club a row of `table` belongs to, whichever club that is (undefined: no such row). */
export function clubOfRow(st: Statements, table: DeviceNamedTable, id: string): string | undefined {
  return st.values<string>(`SELECT club_id FROM ${table} WHERE id = ?`, [id])[0];
}

/** Whether any of these ids names a row of `table` in a club other than `clubId`. */
export function anyOfAnotherClub(
  st: Statements,
  table: DeviceNamedTable,
  ids: readonly string[],
  clubId: string,
): boolean {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const found = st.values<number>(
      `SELECT 1 FROM ${table} WHERE id IN (${chunk.map(() => '?').join(', ')}) AND club_id <> ? LIMIT 1`,
      [...chunk, clubId],
    );
    if (found.length > 0) return true;
  }
  return false;
}

/** The club and series of a session, whichever club that is. */
export function ownerOfSession(
  st: Statements,
  id: string,
): { clubId: string; seriesId: string | null } | undefined {
  const row = st.one<{ club_id: string; series_id: string | null }>(
    'SELECT club_id, series_id FROM sessions WHERE id = ?',
    [id],
  );
  return row && { clubId: row.club_id, seriesId: row.series_id };
}
