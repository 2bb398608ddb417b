import { v7 } from 'uuid';
import { deviceName, type MutationArgsInput, type MutationName } from '@turnout/shared';
import type { DeviceMeta, OutboxEntry, TurnoutDb } from './database';

/** A short label for this device, kept with check-ins to explain conflicts ("on Front desk"). */
function defaultDeviceLabel(): string {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  const platform = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Mac/.test(ua)
        ? 'Mac'
        : /Windows/.test(ua)
          ? 'Windows'
          : /Linux/.test(ua)
            ? 'Linux'
            : 'device';
  return `Browser on ${platform}`;
}

/** This installation's identity; created on first use and never changed by an app update. */
export async function deviceMeta(db: TurnoutDb): Promise<DeviceMeta> {
  // Read alone first: a read-write transaction would hold up a change being queued.
  const known = await db.meta.get('device');
  if (known?.key === 'device') return known;
  return db.transaction('rw', db.meta, () => readDevice(db));
}

/** Inside a transaction over `meta`: the device row, created when missing. */
async function readDevice(db: TurnoutDb): Promise<DeviceMeta> {
  const existing = await db.meta.get('device');
  if (existing && existing.key === 'device') return existing;
  const created: DeviceMeta = {
    key: 'device',
    clientId: v7(),
    clockOffsetMs: 0,
    deviceLabel: defaultDeviceLabel(),
  };
  await db.meta.put(created);
  return created;
}

/**
 * Names this device as people choose ("Front desk tablet"): validated as the
 * server will (`deviceName`), kept with the device's identity and sent with
 * the next push. Returns the name as kept, or null when it is not one.
 */
export async function renameDevice(db: TurnoutDb, name: string): Promise<string | null> {
  const parsed = deviceName.safeParse(name);
  if (!parsed.success) return null;
  await db.transaction('rw', db.meta, async () => {
    const device = await readDevice(db);
    await db.meta.put({ ...device, deviceLabel: parsed.data, deviceNamed: true });
  });
  return parsed.data;
}

/** The device clock corrected by the offset measured against the server. */
export function correctedNow(clockOffsetMs: number): string {
  return new Date(Date.now() + clockOffsetMs).toISOString();
}

interface NewMutation<N extends MutationName = MutationName> {
  clubId: string;
  memberId: string;
  name: N;
  args: MutationArgsInput<N>;
  /** Device clock corrected by the measured offset (`correctedNow`). */
  occurredAt: string;
  /** Given when the device judged it already (the same id goes to the server). */
  id?: string;
}

/** Inside a transaction over `meta`: the next seq, carried on from the device row of older stores. */
async function readNextSeq(db: TurnoutDb): Promise<number> {
  const row = await db.meta.get('seq');
  if (row?.key === 'seq') return row.nextSeq;
  const device = await db.meta.get('device');
  return device?.key === 'device' ? (device.nextSeq ?? 1) : 1;
}

/**
 * The seq each store handle expects to hand out next. Only a guess, checked
 * inside every queueing transaction: another tab may have queued meanwhile.
 */
const expectedSeq = new WeakMap<TurnoutDb, number>();

/** Another tab took the seq this one expected; the transaction is undone and tried again. */
class SeqMoved extends Error {}

/**
 * Queues a mutation: its id, its `seq` and its place in the outbox are
 * written in one transaction, so a crash leaves either all or none.
 *
 * The counter is read and both rows written in one round trip to the store
 * (the requests go out together, the seq guessed from this handle's last
 * one), since a host's tap waits for this. A wrong guess is caught by the
 * read in the same transaction, which is then rolled back and run again.
 */
export async function enqueue(db: TurnoutDb, mutation: NewMutation): Promise<OutboxEntry> {
  const id = mutation.id ?? v7();
  for (;;) {
    const guess = expectedSeq.get(db);
    // Taken at once, so a second change queued before this one is stored guesses the next seq.
    if (guess !== undefined) expectedSeq.set(db, guess + 1);
    try {
      const entry = await db.transaction('rw', db.meta, db.outbox, async () => {
        const seq = guess ?? (await readNextSeq(db));
        const entry: OutboxEntry = {
          id,
          clubId: mutation.clubId,
          seq,
          name: mutation.name,
          args: mutation.args,
          occurredAt: mutation.occurredAt,
          memberId: mutation.memberId,
        };
        const [counter] = await Promise.all([
          db.meta.get('seq'),
          db.outbox.add(entry),
          db.meta.put({ key: 'seq', nextSeq: seq + 1 }),
        ]);
        if (guess !== undefined && (counter?.key !== 'seq' || counter.nextSeq !== guess)) {
          throw new SeqMoved();
        }
        return entry;
      });
      expectedSeq.set(db, Math.max(expectedSeq.get(db) ?? 0, entry.seq + 1));
      return entry;
    } catch (error) {
      expectedSeq.delete(db);
      if (!(error instanceof SeqMoved)) throw error;
    }
  }
}

/**
 * A club's pending mutations in the order they were made; with `memberId`,
 * only those that person queued. A push sends a mutation under the login
 * of whoever is signed in now, so another account's queue on a shared
 * device waits until that account logs in here again.
 */
export async function pendingOf(
  db: TurnoutDb,
  clubId: string,
  memberId?: string,
): Promise<OutboxEntry[]> {
  const all = await db.outbox
    .where('[clubId+seq]')
    .between([clubId, 0], [clubId, Number.MAX_SAFE_INTEGER])
    .toArray();
  return memberId === undefined ? all : all.filter((m) => m.memberId === memberId);
}
