import { v7 } from 'uuid';
import type { MutationArgsInput, MutationName } from '@turnout/shared';
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
  return db.transaction('rw', db.meta, () => readDevice(db));
}

/** Inside a transaction over `meta`: the device row, created when missing. */
async function readDevice(db: TurnoutDb): Promise<DeviceMeta> {
  const existing = await db.meta.get('device');
  if (existing && existing.key === 'device') return existing;
  const created: DeviceMeta = {
    key: 'device',
    clientId: v7(),
    nextSeq: 1,
    clockOffsetMs: 0,
    deviceLabel: defaultDeviceLabel(),
  };
  await db.meta.put(created);
  return created;
}

/** The device clock corrected by the offset measured against the server. */
export function correctedNow(clockOffsetMs: number): string {
  return new Date(Date.now() + clockOffsetMs).toISOString();
}

export interface NewMutation<N extends MutationName = MutationName> {
  clubId: string;
  memberId: string;
  name: N;
  args: MutationArgsInput<N>;
  /** Given when the device judged it already (the same id and time go to the server). */
  id?: string;
  occurredAt?: string;
}

/**
 * Queues a mutation: its id, its `seq` and its place in the outbox are
 * written in one transaction, so a crash leaves either all or none.
 */
export async function enqueue(db: TurnoutDb, mutation: NewMutation): Promise<OutboxEntry> {
  return db.transaction('rw', db.meta, db.outbox, async () => {
    const device = await readDevice(db);
    const entry: OutboxEntry = {
      id: mutation.id ?? v7(),
      clubId: mutation.clubId,
      seq: device.nextSeq,
      name: mutation.name,
      args: mutation.args,
      occurredAt: mutation.occurredAt ?? new Date(Date.now() + device.clockOffsetMs).toISOString(),
      memberId: mutation.memberId,
    };
    await db.outbox.add(entry);
    await db.meta.put({ ...device, nextSeq: device.nextSeq + 1 });
    return entry;
  });
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
