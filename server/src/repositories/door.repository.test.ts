import { toIso } from '@turnout/shared';
import { aDoorKey, aSerial, NOW } from '@turnout/shared/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../app.js';
import { statementsOf } from '../db/connection.js';
import { buildClub, type BuiltClub } from '../test/builders.js';
import { PASSWORD, testConfig } from '../test/harness.js';
import { insertDoorKey, insertDoorPass, pulledDoorOf, revokeDoorPass } from './door.repository.js';

let store: OpenedStore;
let club: BuiltClub;

beforeAll(async () => {
  store = await openStore(testConfig(), pino({ level: 'silent' }));
  club = await buildClub(store, { members: 1, sessions: 0, passSessions: 1, password: PASSWORD });
});
afterAll(async () => {
  await store.db.destroy();
});

const DAY = 86_400_000;
const now = Date.parse(NOW);

/** A pass of the club's member, revoked or not; a phone's runs out this long from NOW. */
async function aPass(runsOutIn: number | null, revoked: boolean): Promise<string> {
  const serial = aSerial();
  await insertDoorPass(store.db, {
    serial,
    club_id: club.clubId,
    member_id: club.memberIds[0]!,
    kind: runsOutIn === null ? 'card' : 'phone',
    device_key: runsOutIn === null ? null : aDoorKey().publicKey,
    issued_at: toIso(now - 40 * DAY),
    issued_by: club.ownerMemberId,
    expires_at: runsOutIn === null ? null : toIso(now + runsOutIn),
    revoked_at: null,
    revoked_by: null,
  });
  if (revoked) {
    await revokeDoorPass(store.db, {
      clubId: club.clubId,
      serial,
      by: club.ownerMemberId,
      at: toIso(now - 45 * DAY),
    });
  }
  return serial;
}

describe('the door a device pulls', () => {
  it('lists the revocations a scan still waiting on a device may be judged with', async () => {
    await insertDoorKey(store.db, {
      club_id: club.clubId,
      public_key: aDoorKey().publicKey,
      private_key: 'not used here',
      created_at: toIso(now - 50 * DAY),
    });
    const card = await aPass(null, true);
    const live = await aPass(10 * DAY, true);
    // Ran out after a scan made 3 days ago, still unsynced: the server refuses it as revoked.
    const ranOutSinceScan = await aPass(-2 * DAY, true);
    // Ran out before any time the server still judges a scan at: refused as expired everywhere.
    const ranOutLongAgo = await aPass(-8 * DAY, true);
    await aPass(10 * DAY, false);

    const door = pulledDoorOf(statementsOf(store.db), club.clubId, NOW);
    expect(door?.revoked).toEqual([card, live, ranOutSinceScan].sort());
    expect(door?.revoked).not.toContain(ranOutLongAgo);
  });
});
