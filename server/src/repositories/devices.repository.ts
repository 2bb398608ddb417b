import type { Db } from '../db/connection.js';
import type { Statements } from '../db/statements.js';

/**
 * The devices of a club and the names people gave them (migration 0013).
 * A push names its device (`deviceLabel`, validated by `deviceName`): the
 * latest name wins, so renaming a device on the device renames it here with
 * its next push, offline or not.
 */

/** Inside the push transaction: the device's name as this push sends it, and who pushed. */
export function noteDevice(
  st: Statements,
  device: { clubId: string; clientId: string; name: string; memberId: string; at: string },
): void {
  st.run(noteDeviceSql, [
    device.clubId,
    device.clientId,
    device.name,
    device.memberId,
    device.at,
    device.at,
  ]);
}

const noteDeviceSql = `INSERT INTO devices (club_id, client_id, name, member_id, first_seen_at, last_seen_at)
  VALUES (?, ?, ?, ?, ?, ?)
  ON CONFLICT (club_id, client_id) DO UPDATE SET name = excluded.name,
    member_id = excluded.member_id, last_seen_at = excluded.last_seen_at
  WHERE excluded.last_seen_at >= devices.last_seen_at`;

/** The current names of a club's devices, by client id. */
export async function deviceNames(
  db: Db,
  clubId: string,
  clientIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(clientIds)];
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('devices')
    .select(['client_id', 'name'])
    .where('club_id', '=', clubId)
    .where('client_id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.client_id, r.name]));
}
