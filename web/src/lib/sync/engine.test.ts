import 'fake-indexeddb/auto';
import { v7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { aMember, CLUB, memberIdOf } from '@turnout/shared/testing';
import type { PullInput, PullOutput } from '@turnout/shared';
import { TurnoutDb } from '$lib/db/database';
import { Replica } from '@turnout/shared';
import { clubMeta, loadReplica, pullChanges, type SyncTransport } from './engine';

/** A server stand-in answering pulls from a list of pages (the real one is in sync.test.ts). */
function pages(answers: PullOutput[]): SyncTransport & { asked: PullInput[] } {
  const asked: PullInput[] = [];
  return {
    asked,
    push: () => Promise.reject(new Error('not used')),
    pull: (input) => {
      asked.push(input);
      return Promise.resolve(answers[asked.length - 1]!);
    },
  };
}

describe('pullChanges', () => {
  it('stores a page larger than one write slice whole, with its cursor', async () => {
    const db = new TurnoutDb(`engine-${v7()}`);
    const members = Array.from({ length: 257 }, (_, i) =>
      aMember({ memberId: memberIdOf(i + 1), name: `M ${i}` }),
    );
    const transport = pages([
      {
        cursor: 'c1',
        serverTime: new Date().toISOString(),
        reset: true,
        changes: { members: { put: members.slice(0, 230), del: [] } },
        hasMore: true,
      },
      {
        cursor: 'c2',
        serverTime: new Date().toISOString(),
        reset: false,
        changes: { members: { put: members.slice(230), del: [members[0]!.memberId] } },
        hasMore: false,
      },
    ]);
    const base = new Replica(CLUB);
    const result = await pullChanges(db, transport, base);
    expect(result).toEqual({ pages: 2, reset: true });
    expect(transport.asked.map((a) => a.cursor)).toEqual([undefined, 'c1']);
    expect((await clubMeta(db, CLUB)).cursor).toBe('c2');
    const stored = await loadReplica(db, CLUB);
    expect(stored.tables.members.size).toBe(256);
    expect(base.tables.members.size).toBe(256);
    expect(stored.tables.members.has(members[0]!.memberId)).toBe(false);
    expect(stored.tables.members.get(members[256]!.memberId)?.name).toBe('M 256');
  });
});

describe('loadReplica', () => {
  it('reads the club’s rows page by page, every row once and no other club’s', async () => {
    const db = new TurnoutDb(`engine-${v7()}`);
    const other = '01900000-0000-7000-8000-0000000000ff';
    // 500 rows: two full pages, then an empty one.
    const mine = Array.from({ length: 500 }, (_, i) =>
      aMember({ memberId: memberIdOf(i + 1), name: `M ${i}` }),
    );
    const theirs = Array.from({ length: 3 }, (_, i) =>
      aMember({ memberId: memberIdOf(900 + i), name: `T ${i}` }),
    );
    await db
      .pulled('members')
      .bulkPut([
        ...mine.map((row) => ({ clubId: CLUB, key: row.memberId, row })),
        ...theirs.map((row) => ({ clubId: other, key: row.memberId, row })),
      ]);
    const loaded = await loadReplica(db, CLUB);
    expect(loaded.tables.members.size).toBe(500);
    expect([...loaded.tables.members.values()].map((m) => m.name).sort()).toEqual(
      mine.map((m) => m.name).sort(),
    );
    expect((await loadReplica(db, other)).tables.members.size).toBe(3);
  });
});
