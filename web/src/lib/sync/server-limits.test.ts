import 'fake-indexeddb/auto';
import { v7 } from 'uuid';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PushInput, PushOutput } from '@turnout/shared';
import { TurnoutDb } from '$lib/db/database';
import { enqueue, pendingOf } from '$lib/db/outbox';
import { PUSH_BATCH, pushOutbox, SyncFailure, type SyncTransport } from './engine';
import { SyncScheduler } from './scheduler';

/**
 * The outbox under the server's limits, with a stand-in server: a rate limit
 * or overload delays sending and loses nothing; a push refused as too large
 * is split until it fits, and a change too large alone goes to needs-attention.
 */

const clubId = 'club-limits';
const memberId = 'member-1';

/** Queues `count` changes; the ones at `oversized` indexes carry a huge note. */
async function queue(db: TurnoutDb, count: number, oversized: number[] = []): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const entry = await enqueue(db, {
      clubId,
      memberId,
      name: 'session.cancel',
      args: {
        sessionId: `s${i}`,
        ...(oversized.includes(i) ? { reason: 'x'.repeat(50_000) } : {}),
      },
      occurredAt: new Date().toISOString(),
    });
    ids.push(entry.id);
  }
  return ids;
}

type Refusal = (input: PushInput) => SyncFailure | null;

/** A server that applies every mutation it takes, unless `refuse` says otherwise for a push. */
function server(refuse: Refusal = () => null) {
  const pushes: { size: number; refused: string | null }[] = [];
  const applied: string[] = [];
  const transport: SyncTransport = {
    push(input): Promise<PushOutput> {
      const refusal = refuse(input);
      pushes.push({ size: input.mutations.length, refused: refusal?.code ?? null });
      if (refusal) return Promise.reject(refusal);
      applied.push(...input.mutations.map((m) => m.id));
      return Promise.resolve({
        serverTime: new Date().toISOString(),
        results: input.mutations.map((m) => ({ id: m.id, status: 'applied' as const })),
      });
    },
    pull: () => Promise.reject(new Error('not used')),
  };
  return { transport, pushes, applied };
}

/** JSON length of a push, what a body limit counts. */
const sizeOf = (input: PushInput) => JSON.stringify(input).length;

describe('the outbox under the server’s limits', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('after a rate limit, waits the Retry-After, then sends everything queued, nothing lost', async () => {
    // Only the timers and the clock are faked: the stand-in IndexedDB runs on setImmediate.
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
    });
    const db = new TurnoutDb(`limits-${v7()}`);
    const queued = await queue(db, PUSH_BATCH + 100);
    let limited = false;
    // The second push of the first run is refused: 20 s to wait.
    const { transport, pushes, applied } = server(() => {
      if (pushes.length !== 1 || limited) return null;
      limited = true;
      return new SyncFailure('rate_limited', 'Too many changes from this account', 20_000);
    });
    const retries: (number | null)[] = [];
    const scheduler = new SyncScheduler(() => pushOutbox(db, transport, clubId, memberId).then(), {
      lockName: `limits-${v7()}`,
      debounceMs: 5,
      periodicMs: 3_600_000,
      onOutcome: (o) => retries.push(o.ok ? null : o.retryInMs),
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    await scheduler.idle();

    // The first batch went; the rest stays queued, in order, with nothing in needs-attention.
    expect(pushes).toEqual([
      { size: PUSH_BATCH, refused: null },
      { size: 100, refused: 'rate_limited' },
    ]);
    expect((await pendingOf(db, clubId, memberId)).map((m) => m.id)).toEqual(
      queued.slice(PUSH_BATCH),
    );
    expect(await db.attention.count()).toBe(0);
    const retryInMs = retries[0]!;
    expect(retryInMs).toBeGreaterThanOrEqual(20_000);

    // Changes made during the wait are queued and wait too; "Sync now" does not overtake it.
    queued.push(...(await queue(db, 3)));
    scheduler.request('mutation');
    scheduler.request('manual');
    await vi.advanceTimersByTimeAsync(19_999);
    expect(pushes).toHaveLength(2);

    await vi.advanceTimersByTimeAsync(retryInMs - 19_999);
    await scheduler.idle();
    expect(pushes.slice(2)).toEqual([{ size: 103, refused: null }]);
    expect(applied).toEqual(queued);
    expect(await pendingOf(db, clubId, memberId)).toEqual([]);
    expect(retries.at(-1)).toBeNull();
    scheduler.stop();
  });

  it('splits a push refused as too large until it fits, and sends it all', async () => {
    const db = new TurnoutDb(`limits-${v7()}`);
    const queued = await queue(db, 300);
    // A body limit that holds about 100 of these changes.
    const limit = 100 * 200;
    const { transport, pushes, applied } = server((input) =>
      sizeOf(input) > limit ? new SyncFailure('too_large', 'Too large') : null,
    );
    expect(await pushOutbox(db, transport, clubId, memberId)).toBe(300);
    expect(applied).toEqual(queued);
    expect(await pendingOf(db, clubId, memberId)).toEqual([]);
    expect(await db.attention.count()).toBe(0);
    // Halved from the whole outbox, never refused for anything but size, and bounded.
    expect(pushes[0]).toEqual({ size: 300, refused: 'too_large' });
    expect(pushes[1]).toEqual({ size: 150, refused: 'too_large' });
    expect(pushes.filter((p) => p.refused === null).every((p) => p.size <= 100)).toBe(true);
    expect(pushes.length).toBeLessThan(20);
  });

  it('files one change too large on its own under needs-attention and sends the rest', async () => {
    const db = new TurnoutDb(`limits-${v7()}`);
    const queued = await queue(db, 40, [17]);
    const big = queued[17]!;
    const { transport, pushes, applied } = server((input) =>
      sizeOf(input) > 40_000 ? new SyncFailure('too_large', 'Too large') : null,
    );
    expect(await pushOutbox(db, transport, clubId, memberId)).toBe(40);
    expect(applied).toEqual(queued.filter((id) => id !== big));
    expect(await pendingOf(db, clubId, memberId)).toEqual([]);
    const attention = await db.attention.toArray();
    expect(attention).toHaveLength(1);
    expect(attention[0]).toMatchObject({
      id: big,
      clubId,
      name: 'session.cancel',
      status: 'rejected',
      code: 'too_large',
      dismissed: 0,
    });
    // Its args are kept, so the person can see (and redo) what it was.
    expect((attention[0]!.args as { sessionId: string }).sessionId).toBe('s17');
    // Tried alone once, and never again.
    const alone = pushes.filter((p) => p.size === 1 && p.refused === 'too_large');
    expect(alone).toHaveLength(1);
    expect(pushes.length).toBeLessThan(20);
  });
});
