import 'fake-indexeddb/auto';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { TurnoutDb } from './database';
import { deviceMeta, enqueue, pendingOf } from './outbox';

const clubId = 'club-1';
const memberId = 'member-1';

function queue(db: TurnoutDb, title: string) {
  return enqueue(db, {
    clubId,
    memberId,
    name: 'session.cancel',
    args: { sessionId: title },
    occurredAt: new Date().toISOString(),
  });
}

async function seqs(db: TurnoutDb): Promise<number[]> {
  return (await pendingOf(db, clubId)).map((m) => m.seq);
}

describe('the outbox', () => {
  it('hands out seq 1, 2, 3… in the order things were queued', async () => {
    const db = new TurnoutDb(`outbox-${v7()}`);
    for (let i = 0; i < 5; i++) await queue(db, `s${i}`);
    expect(await seqs(db)).toEqual([1, 2, 3, 4, 5]);
    expect((await pendingOf(db, clubId)).map((m) => m.args)).toEqual(
      [0, 1, 2, 3, 4].map((i) => ({ sessionId: `s${i}` })),
    );
  });

  it('never hands out a seq twice when two tabs queue in turns', async () => {
    const name = `outbox-${v7()}`;
    const tabA = new TurnoutDb(name);
    const tabB = new TurnoutDb(name);
    await queue(tabA, 'a1');
    await queue(tabB, 'b1');
    // Tab A still expects 2: its guess is wrong and must be caught.
    await queue(tabA, 'a2');
    await queue(tabA, 'a3');
    await queue(tabB, 'b2');
    await Promise.all([queue(tabA, 'a4'), queue(tabB, 'b3'), queue(tabA, 'a5')]);
    const all = await seqs(tabA);
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    tabA.close();
    tabB.close();
  });

  it('gives changes queued before the last one is stored the next seq each', async () => {
    const db = new TurnoutDb(`outbox-${v7()}`);
    await queue(db, 'first');
    const entries = await Promise.all(['a', 'b', 'c', 'd'].map((t) => queue(db, t)));
    expect(entries.map((e) => e.seq)).toEqual([2, 3, 4, 5]);
    expect(await seqs(db)).toEqual([1, 2, 3, 4, 5]);
  });

  it('carries on from the counter of a store made before the counter had its own row', async () => {
    const db = new TurnoutDb(`outbox-${v7()}`);
    await db.meta.put({
      key: 'device',
      clientId: v7(),
      nextSeq: 41,
      clockOffsetMs: 0,
      deviceLabel: 'Front desk',
    });
    await queue(db, 'x');
    await queue(db, 'y');
    expect(await seqs(db)).toEqual([41, 42]);
  });

  it('keeps counting after sent mutations leave the outbox', async () => {
    const db = new TurnoutDb(`outbox-${v7()}`);
    const first = await queue(db, 'x');
    await db.outbox.delete(first.id);
    await queue(db, 'y');
    expect(await seqs(db)).toEqual([2]);
  });

  it('writing the clock offset does not move the counter back', async () => {
    const db = new TurnoutDb(`outbox-${v7()}`);
    const device = await deviceMeta(db);
    await queue(db, 'x');
    await queue(db, 'y');
    await db.meta.put({ ...device, clockOffsetMs: 1234 });
    await queue(db, 'z');
    expect(await seqs(db)).toEqual([1, 2, 3]);
  });

  it('a refused write queues nothing and uses up no seq', async () => {
    const db = new TurnoutDb(`outbox-${v7()}`);
    const first = await queue(db, 'x');
    await expect(
      enqueue(db, {
        clubId,
        memberId,
        id: first.id,
        name: 'session.cancel',
        args: { sessionId: 'again' },
        occurredAt: new Date().toISOString(),
      }),
    ).rejects.toThrow();
    await queue(db, 'y');
    expect(await seqs(db)).toEqual([1, 2]);
  });
});
