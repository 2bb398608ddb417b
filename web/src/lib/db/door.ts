import type { DoorIdentity, TurnoutDb } from './database';

/**
 * This phone's door identity in a club (QR check-in): its own key pair,
 * whose private half WebCrypto made non-extractable (IndexedDB keeps the
 * key object, never its bytes), and the club's certificate of the public
 * half. One per club and member, in the `meta` table.
 */
const keyOf = (clubId: string, memberId: string) => `door:${clubId}:${memberId}` as const;

export async function readDoorIdentity(
  db: TurnoutDb,
  clubId: string,
  memberId: string,
): Promise<DoorIdentity | undefined> {
  const row = await db.meta.get(keyOf(clubId, memberId));
  return row && row.key.startsWith('door:') ? (row as DoorIdentity) : undefined;
}

/** The identity, made and stored on first use (in one transaction, so two tabs make one). */
export async function doorIdentityOf(
  db: TurnoutDb,
  clubId: string,
  memberId: string,
  makeKeys: () => Promise<CryptoKeyPair>,
): Promise<DoorIdentity> {
  const known = await readDoorIdentity(db, clubId, memberId);
  if (known) return known;
  // Made outside the transaction: IndexedDB transactions end when they wait on other promises.
  const keys = await makeKeys();
  return db.transaction('rw', db.meta, async () => {
    const raced = await readDoorIdentity(db, clubId, memberId);
    if (raced) return raced;
    const created: DoorIdentity = {
      key: keyOf(clubId, memberId),
      club: clubId,
      member: memberId,
      keys,
      cert: null,
      certExpiresAt: null,
    };
    await db.meta.put(created);
    return created;
  });
}

/** Keeps the club's new certificate of this phone's key. */
export async function saveDoorCertificate(
  db: TurnoutDb,
  identity: DoorIdentity,
  cert: string,
  expiresAt: string,
): Promise<DoorIdentity> {
  const updated = { ...identity, cert, certExpiresAt: expiresAt };
  await db.meta.put(updated);
  return updated;
}
