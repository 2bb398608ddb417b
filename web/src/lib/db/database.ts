import Dexie, { type Table } from 'dexie';
import {
  pullTables,
  type ErrorCode,
  type Explanation,
  type Flag,
  type PullRows,
  type PullTable,
} from '@turnout/shared';

/** A pulled row as stored: the row itself under its club and key. */
export interface StoredRow<T extends PullTable = PullTable> {
  clubId: string;
  key: string;
  row: PullRows[T];
}

/** A mutation waiting to be sent. Written with its `seq` in one transaction. */
export interface OutboxEntry {
  /** The mutation id (UUIDv7): the idempotency key. */
  id: string;
  clubId: string;
  seq: number;
  name: string;
  args: unknown;
  /** Device clock corrected by the measured offset. */
  occurredAt: string;
  /** Who queued it (member-of-club id), to judge it locally with the right actor. */
  memberId: string;
}

/** A refused or flagged result the person should see, until dismissed. */
export interface AttentionEntry {
  /** The mutation id. */
  id: string;
  clubId: string;
  name: string;
  args: unknown;
  status: 'applied' | 'rejected';
  code: ErrorCode | null;
  message: string | null;
  flags: Flag[];
  /** What won a capacity or credit conflict, as the server said it (older entries have none). */
  explanation?: Explanation | null;
  occurredAt: string;
  answeredAt: string;
  /** 0 or 1 (IndexedDB cannot index booleans). */
  dismissed: 0 | 1;
}

/** Per-device facts: one row. */
export interface DeviceMeta {
  key: 'device';
  clientId: string;
  /**
   * The seq counter of stores made before it moved to its own row
   * (`SeqMeta`); read once to carry on from it, never written again.
   */
  nextSeq?: number;
  /** serverTime − device time, measured at the last exchange (ms). */
  clockOffsetMs: number;
  /** The device's name, sent with every push ("Front desk tablet"); made up until someone names it. */
  deviceLabel: string;
  /** A person chose `deviceLabel` (not the made-up "Browser on …"). */
  deviceNamed?: boolean;
}

/** Per-club sync state. */
export interface ClubMeta {
  key: `club:${string}`;
  clubId: string;
  cursor: string | null;
  lastSyncedAt: string | null;
}

/**
 * The device's next mutation `seq`, a row of its own so that writing the
 * clock offset can never move it back.
 */
interface SeqMeta {
  key: 'seq';
  nextSeq: number;
}

/** A phone's door identity in one club (QR check-in, $lib/db/door). */
export interface DoorIdentity {
  key: `door:${string}:${string}`;
  /** Not `clubId`: rows with a `clubId` are the clubs' sync state. */
  club: string;
  member: string;
  /** WebCrypto ECDSA P-256; the private key is non-extractable. */
  keys: CryptoKeyPair;
  /** The club's certificate of the public key (base64url), once the server gave one. */
  cert: string | null;
  certExpiresAt: string | null;
}

type MetaRow = DeviceMeta | ClubMeta | SeqMeta | DoorIdentity;

/**
 * The device's store. Pulled tables mirror `sync.pull`, keyed by
 * [clubId+key]; `outbox` holds pending mutations in `seq` order; `meta`
 * holds the device identity and each club's cursor.
 *
 * Schema changes add a new `version(n)` with an upgrade function: an app
 * update migrates the store in place and never drops the outbox.
 */
export class TurnoutDb extends Dexie {
  declare outbox: Table<OutboxEntry, string>;
  declare attention: Table<AttentionEntry, string>;
  declare meta: Table<MetaRow, string>;

  constructor(name = 'turnout') {
    super(name);
    const pulled = Object.fromEntries(pullTables.map((t) => [t, '[clubId+key], clubId']));
    this.version(1).stores({
      ...pulled,
      outbox: 'id, [clubId+seq], seq',
      attention: 'id, [clubId+dismissed]',
      meta: 'key',
    });
  }

  pulled<T extends PullTable>(table: T): Table<StoredRow<T>, [string, string]> {
    return this.table(table);
  }

  /**
   * Up to `limit` of a club's stored rows of `table` in key order, starting after the key
   * `after` (from the first when null): one IndexedDB request, whose answer the browser
   * turns back into objects in one go on the main thread.
   */
  pulledPage<T extends PullTable>(
    table: T,
    clubId: string,
    after: string | null,
    limit: number,
  ): Promise<StoredRow<T>[]> {
    return this.pulled(table)
      .where(':id')
      .between([clubId, after ?? Dexie.minKey], [clubId, Dexie.maxKey], after === null, true)
      .limit(limit)
      .toArray();
  }
}
