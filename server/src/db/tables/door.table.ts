import type { Insertable, Selectable } from 'kysely';

/** A club's door key (migration 0011): the private half stays here, never pulled or exported. */
export interface DoorKeysTable {
  club_id: string;
  /** Compressed P-256 point, base64url: what devices get with the club. */
  public_key: string;
  /** PKCS#8, base64url. */
  private_key: string;
  created_at: string;
}

/** A pass the club signed with its door key: a phone's certificate or a printed card. */
export interface DoorPassesTable {
  /** 8 random bytes, base64url: what a code carries and a revocation names. */
  serial: string;
  club_id: string;
  member_id: string;
  kind: 'phone' | 'card';
  /** Phones: their public key (compressed P-256, base64url). Cards: null. */
  device_key: string | null;
  issued_at: string;
  issued_by: string;
  /** Phones: the end of validity. Cards: null (valid until revoked). */
  expires_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

export type DoorKeyRow = Selectable<DoorKeysTable>;
export type DoorPassRow = Selectable<DoorPassesTable>;
export type NewDoorPass = Insertable<DoorPassesTable>;
