import {
  errorMessages,
  pullTables,
  type ErrorCode,
  type PullInput,
  type PullChanges,
  type PullOutput,
  type PushInput,
  type SessionCount,
  type PushOutput,
  type PushResult,
} from '@turnout/shared';
import type {
  AttentionEntry,
  ClubMeta,
  DeviceMeta,
  OutboxEntry,
  StoredRow,
  TurnoutDb,
} from '$lib/db/database';
import { correctedNow, deviceMeta, pendingOf } from '$lib/db/outbox';
import { yieldToBrowser } from '$lib/tasks';
import { rowKey, Replica } from '@turnout/shared';

/** How the device reaches the server (tRPC in the app, a test client in tests). */
export interface SyncTransport {
  push(input: PushInput): Promise<PushOutput>;
  pull(input: PullInput): Promise<PullOutput>;
}

/** A failed exchange: a stable code from the server, or `network` when it was not reached. */
export class SyncFailure extends Error {
  constructor(
    readonly code: ErrorCode | 'network',
    message: string,
    /** The wait the server asked for before the next try (`rate_limited`, `busy`), if any. */
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }

  /** The login ended: the outbox waits until the person logs in again. */
  get needsLogin(): boolean {
    return this.code === 'unauthenticated';
  }
}

/** The most mutations sent in one push (the server takes up to 1,000). */
export const PUSH_BATCH = 500;

const clubMetaKey = (clubId: string): ClubMeta['key'] => `club:${clubId}`;

/** Rows put into the in-memory replica per task while loading it (a few ms each, unthrottled). */
const LOAD_SLICE = 500;

/**
 * Rows read from IndexedDB per request while loading. Each answer is turned back into
 * objects on the main thread when it arrives, one task per request: a club's 2,000
 * members in one `getAll` was one long task (Lighthouse's Total Blocking Time).
 */
const READ_PAGE = 250;

/**
 * A club's rows from the device store, as the in-memory base replica. Read in one
 * transaction (one consistent copy), a page of rows per request, then put into the
 * replica in slices with a yield between them: with thousands of members, doing it in
 * one go blocked the screen.
 */
export async function loadReplica(db: TurnoutDb, clubId: string): Promise<Replica> {
  const replica = new Replica(clubId);
  const read: [(typeof pullTables)[number], { row: unknown }[]][] = [];
  await db.transaction(
    'r',
    pullTables.map((t) => db.pulled(t)),
    async () => {
      for (const table of pullTables) {
        const rows: StoredRow<typeof table>[] = [];
        // Pages by primary key ([clubId+key]); each page starts after the last key read.
        for (let after: string | null = null; ;) {
          const page: StoredRow[] = await db.pulledPage(table, clubId, after, READ_PAGE);
          rows.push(...page);
          if (page.length < READ_PAGE) break;
          after = page[page.length - 1]!.key;
        }
        read.push([table, rows]);
      }
    },
  );
  let sinceYield = 0;
  for (const [table, rows] of read) {
    const target = replica.tables[table] as { put(row: unknown): void };
    for (const stored of rows) {
      target.put(stored.row);
      if (++sinceYield >= LOAD_SLICE) {
        sinceYield = 0;
        await yieldToBrowser();
      }
    }
  }
  return replica;
}

export async function clubMeta(db: TurnoutDb, clubId: string): Promise<ClubMeta> {
  const row = await db.meta.get(clubMetaKey(clubId));
  return row && 'clubId' in row
    ? row
    : { key: clubMetaKey(clubId), clubId, cursor: null, lastSyncedAt: null };
}

/** Rows written to IndexedDB per call while storing a pull page (each call is one task). */
const WRITE_SLICE = 100;

/** serverTime − device time, assuming the server answered halfway through the exchange. */
function measureOffset(sentAt: number, receivedAt: number, serverTime: string): number {
  return Math.round(Date.parse(serverTime) - (sentAt + receivedAt) / 2);
}

function needsAttention(result: PushResult): boolean {
  return result.status === 'rejected' || (result.flags?.length ?? 0) > 0;
}

async function recordOffset(db: TurnoutDb, offsetMs: number): Promise<void> {
  const device = await deviceMeta(db);
  await db.meta.put({ ...device, clockOffsetMs: offsetMs });
}

function pushInput(device: DeviceMeta, clubId: string, batch: OutboxEntry[]): PushInput {
  return {
    clubId,
    clientId: device.clientId,
    deviceLabel: device.deviceLabel,
    mutations: batch.map((m) => ({
      id: m.id,
      clientId: device.clientId,
      seq: m.seq,
      name: m.name,
      args: m.args as Record<string, unknown>,
      occurredAt: m.occurredAt,
    })),
  };
}

/** Files the server's answers to a batch and takes the answered mutations out of the outbox. */
async function fileAnswers(
  db: TurnoutDb,
  clubId: string,
  batch: OutboxEntry[],
  output: PushOutput,
): Promise<number> {
  const byId = new Map(batch.map((m) => [m.id, m]));
  const done: string[] = [];
  const attention: AttentionEntry[] = [];
  for (const result of output.results) {
    const sent: OutboxEntry | undefined = byId.get(result.id);
    if (!sent) continue;
    done.push(sent.id);
    if (needsAttention(result)) {
      attention.push({
        id: sent.id,
        clubId,
        name: sent.name,
        args: sent.args,
        status: result.status,
        code: result.code ?? null,
        message: result.message ?? null,
        flags: result.flags ?? [],
        explanation: result.explanation ?? null,
        occurredAt: sent.occurredAt,
        answeredAt: output.serverTime,
        dismissed: 0,
      });
    }
  }
  await db.transaction('rw', db.outbox, db.attention, async () => {
    await db.attention.bulkPut(attention);
    await db.outbox.bulkDelete(done);
  });
  return done.length;
}

/**
 * A mutation the server will not take even on its own (`too_large`): it can
 * never be sent, so it moves from the outbox to needs-attention as refused, in
 * one transaction, where the person sees it; the rest of the outbox goes on.
 */
async function setAsideTooLarge(
  db: TurnoutDb,
  clubId: string,
  entry: OutboxEntry,
  clockOffsetMs: number,
): Promise<void> {
  await db.transaction('rw', db.outbox, db.attention, async () => {
    await db.attention.put({
      id: entry.id,
      clubId,
      name: entry.name,
      args: entry.args,
      status: 'rejected',
      code: 'too_large',
      message: errorMessages.too_large,
      flags: [],
      occurredAt: entry.occurredAt,
      answeredAt: correctedNow(clockOffsetMs),
      dismissed: 0,
    });
    await db.outbox.delete(entry.id);
  });
}

/**
 * Sends a club's outbox in `seq` order, in batches. Each answered mutation
 * leaves the outbox in the same transaction that files a refused or flagged
 * answer under needs-attention: a mutation is never dropped unanswered.
 * A batch refused as `too_large` is sent again in halves, down to one
 * mutation; one too large alone goes to needs-attention. After a batch gets
 * through, the size doubles again, so one big mutation does not leave the
 * rest of a long outbox going one at a time. Any other failure is thrown
 * with the unanswered mutations still in the outbox. Returns how many left it.
 */
export async function pushOutbox(
  db: TurnoutDb,
  transport: SyncTransport,
  clubId: string,
  memberId: string,
): Promise<number> {
  const device = await deviceMeta(db);
  let answered = 0;
  let size = PUSH_BATCH;
  for (;;) {
    const batch = (await pendingOf(db, clubId, memberId)).slice(0, size);
    if (batch.length === 0) return answered;
    const sentAt = Date.now();
    let output: PushOutput;
    try {
      output = await transport.push(pushInput(device, clubId, batch));
    } catch (error) {
      if (!(error instanceof SyncFailure) || error.code !== 'too_large') throw error;
      if (batch.length > 1) {
        size = Math.ceil(batch.length / 2);
      } else {
        await setAsideTooLarge(db, clubId, batch[0]!, (await deviceMeta(db)).clockOffsetMs);
        answered++;
      }
      continue;
    }
    await recordOffset(db, measureOffset(sentAt, Date.now(), output.serverTime));
    const done = await fileAnswers(db, clubId, batch, output);
    answered += done;
    // A server that answered none of the batch would loop forever: stop and retry later.
    if (done === 0) throw new SyncFailure('internal', 'The server answered no mutation');
    size = Math.min(PUSH_BATCH, size * 2);
  }
}

/**
 * Writes pulled changes to the store in one transaction, with `also` (the
 * cursor they lead to) in the same transaction; a reset drops the club's
 * rows first (never the outbox).
 */
async function storeChanges(
  db: TurnoutDb,
  clubId: string,
  changes: PullChanges,
  reset: boolean,
  also: () => Promise<unknown>,
): Promise<void> {
  const tables = [...pullTables.map((t) => db.pulled(t)), db.meta];
  await db.transaction('rw', tables, async () => {
    for (const table of pullTables) {
      const store = db.pulled(table);
      if (reset) await store.where('clubId').equals(clubId).delete();
      const change = changes[table];
      if (!change) continue;
      if (change.del.length > 0) {
        await store.bulkDelete(change.del.map((key) => [clubId, key] as [string, string]));
      }
      const keyOf = rowKey[table] as (row: unknown) => string;
      // In slices: copying a row into IndexedDB happens on the main thread, and a
      // first pull of thousands in one go would block the screen for a long moment.
      for (let at = 0; at < change.put.length; at += WRITE_SLICE) {
        await store.bulkPut(
          change.put
            .slice(at, at + WRITE_SLICE)
            .map((row) => ({ clubId, key: keyOf(row), row }) as StoredRow<typeof table>),
        );
      }
    }
    await also();
  });
}

/**
 * Takes session counts a poke carried (the server's `sync.changes`), for a
 * member whose own records the change did not touch: a member sees other
 * members only as counts, so there is nothing else to pull. The cursor does
 * not move; the next pull covers the same range again and finds the same or
 * newer counts.
 */
export async function takeCounts(
  db: TurnoutDb,
  base: Replica,
  counts: SessionCount[],
): Promise<void> {
  if (counts.length === 0) return;
  const changes: PullChanges = { sessionCounts: { put: counts, del: [] } };
  await storeChanges(db, base.clubId, changes, false, async () => {});
  base.applyChanges(changes, false);
}

/**
 * Pulls a club until up to date. Each page is written to the store together
 * with the cursor it leads to, then to the in-memory base replica; a reset
 * drops the club's rows first (never the outbox).
 */
export async function pullChanges(
  db: TurnoutDb,
  transport: SyncTransport,
  base: Replica,
): Promise<{ pages: number; reset: boolean }> {
  const clubId = base.clubId;
  let meta = await clubMeta(db, clubId);
  let pages = 0;
  let anyReset = false;
  for (;;) {
    const sentAt = Date.now();
    const page = await transport.pull({ clubId, cursor: meta.cursor ?? undefined });
    const receivedAt = Date.now();
    meta = { ...meta, cursor: page.cursor, lastSyncedAt: new Date(receivedAt).toISOString() };
    const next = meta;
    await storeChanges(db, clubId, page.changes, page.reset, () => db.meta.put(next));
    base.applyChanges(page.changes, page.reset);
    await recordOffset(db, measureOffset(sentAt, receivedAt, page.serverTime));
    pages++;
    anyReset ||= page.reset;
    if (!page.hasMore) return { pages, reset: anyReset };
  }
}
