import type { PulledDoor } from '@turnout/shared';
import type { Db } from '../db/connection.js';
import type { Statements } from '../db/statements.js';
import type { DoorKeyRow, DoorPassRow, NewDoorPass } from '../db/tables/door.table.js';
import { oldestJudgedTime } from '../sync/time.js';

/**
 * The club's door key and the passes it signed (migration 0011). The
 * private key is read only by the door service, to sign; pulls and pushes
 * read the public key and the revoked serials.
 */

export function getDoorKey(db: Db, clubId: string): Promise<DoorKeyRow | undefined> {
  return db.selectFrom('door_keys').selectAll().where('club_id', '=', clubId).executeTakeFirst();
}

/** Stores a club's first key; a key made at the same time by another call loses (and is not used). */
export async function insertDoorKey(db: Db, row: DoorKeyRow): Promise<void> {
  await db
    .insertInto('door_keys')
    .values(row)
    .onConflict((oc) => oc.column('club_id').doNothing())
    .execute();
}

export async function insertDoorPass(db: Db, row: NewDoorPass): Promise<void> {
  await db.insertInto('door_passes').values(row).execute();
}

/** A phone's live (not revoked) certificate for this key, valid beyond `validBeyond`. */
export function livePhonePass(
  db: Db,
  pass: { clubId: string; memberId: string; deviceKey: string; validBeyond: string },
): Promise<DoorPassRow | undefined> {
  return db
    .selectFrom('door_passes')
    .selectAll()
    .where('club_id', '=', pass.clubId)
    .where('member_id', '=', pass.memberId)
    .where('kind', '=', 'phone')
    .where('device_key', '=', pass.deviceKey)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', pass.validBeyond)
    .orderBy('expires_at', 'desc')
    .executeTakeFirst();
}

export function getDoorPass(
  db: Db,
  clubId: string,
  serial: string,
): Promise<DoorPassRow | undefined> {
  return db
    .selectFrom('door_passes')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('serial', '=', serial)
    .executeTakeFirst();
}

/** A member's passes, newest first: cards always, phones while they could still be shown. */
export function doorPassesOfMember(
  db: Db,
  clubId: string,
  memberId: string,
  now: string,
): Promise<DoorPassRow[]> {
  return db
    .selectFrom('door_passes')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('member_id', '=', memberId)
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
    .orderBy('issued_at', 'desc')
    .execute();
}

/** Revokes a pass once; false when there is no such live pass in the club. */
export async function revokeDoorPass(
  db: Db,
  revoke: { clubId: string; serial: string; by: string; at: string },
): Promise<boolean> {
  const result = await db
    .updateTable('door_passes')
    .set({ revoked_at: revoke.at, revoked_by: revoke.by })
    .where('club_id', '=', revoke.clubId)
    .where('serial', '=', revoke.serial)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

// --- Synchronous reads, inside a pull or push transaction -----------------------------

/**
 * What devices need to check codes offline: the public key and the revoked
 * serials a scan may still be judged with. A scan is judged at the time it
 * happened (back to the server's oldest judged time, sync/time.ts) and again
 * on its device after each pull: a phone that ran out between the scan and
 * the pull must stay on the list, or the device would let in a revoked phone
 * the server refuses. So: cards, and phones not run out by the oldest time
 * judged at `now`; older ones are refused as expired on both sides, revoked
 * or not (shared/src/door/verify.ts asks expiry first).
 */
export function pulledDoorOf(st: Statements, clubId: string, now: string): PulledDoor | undefined {
  const key = st.one<{ public_key: string }>('SELECT public_key FROM door_keys WHERE club_id = ?', [
    clubId,
  ]);
  if (!key) return undefined;
  const judgedFrom = oldestJudgedTime(new Date(now)).toISOString();
  const revoked = st.all<{ serial: string }>(
    `SELECT serial FROM door_passes WHERE club_id = ? AND revoked_at IS NOT NULL
       AND (expires_at IS NULL OR expires_at > ?) ORDER BY serial`,
    [clubId, judgedFrom],
  );
  return { publicKey: key.public_key, revoked: revoked.map((r) => r.serial) };
}

export function doorPublicKey(st: Statements, clubId: string): string | null {
  return (
    st.one<{ public_key: string }>('SELECT public_key FROM door_keys WHERE club_id = ?', [clubId])
      ?.public_key ?? null
  );
}

export function isDoorPassRevoked(st: Statements, clubId: string, serial: string): boolean {
  return (
    st.one(
      'SELECT 1 FROM door_passes WHERE club_id = ? AND serial = ? AND revoked_at IS NOT NULL',
      [clubId, serial],
    ) !== undefined
  );
}

/** The name a member is listed under (active members only), with the club's name, for a card. */
export function cardHolder(
  db: Db,
  clubId: string,
  memberId: string,
): Promise<{ memberName: string; clubName: string } | undefined> {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .innerJoin('clubs', 'clubs.id', 'memberships.club_id')
    .select(['users.name as memberName', 'clubs.name as clubName'])
    .where('memberships.club_id', '=', clubId)
    .where('memberships.id', '=', memberId)
    .where('memberships.removed_at', 'is', null)
    .executeTakeFirst();
}

/** A member's live phone passes, oldest first (a member keeps a few phones, not any number). */
export function livePhonePasses(
  db: Db,
  clubId: string,
  memberId: string,
  now: string,
): Promise<DoorPassRow[]> {
  return db
    .selectFrom('door_passes')
    .selectAll()
    .where('club_id', '=', clubId)
    .where('member_id', '=', memberId)
    .where('kind', '=', 'phone')
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('issued_at')
    .execute();
}
