import { randomUUID } from 'node:crypto';
import { occurrenceId } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Device } from '../test/devices.js';
import type { TestServer } from '../test/harness.js';
import {
  clubRows,
  createOf,
  kinds,
  send,
  seriesArgs,
  sessionArgs,
  startTwoClubs,
  type Attempt,
  type TwoClubs,
} from '../test/tenancy.js';

let server: TestServer;
let world: TwoClubs;

beforeAll(async () => {
  ({ server, world } = await startTwoClubs());
});
afterAll(() => server.close());

/** Every create, naming the id of club A's existing row of its kind (with a sender's own other refs). */
function creates(w: TwoClubs, templateId: string, memberId: string): Attempt[] {
  return kinds.map((kind) => createOf(kind, w.ids[kind], { templateId, memberId }));
}

async function expectTakenWithoutChange(device: Device, attempt: Attempt) {
  const clubs = [world.a.clubId, world.b.clubId];
  const before = clubs.map((c) => clubRows(server, c));
  const result = await send(device, attempt);
  expect(result, attempt.name).toMatchObject({ status: 'rejected', code: 'id_taken' });
  const after = clubs.map((c) => clubRows(server, c));
  clubs.forEach((clubId, i) => {
    // Nothing changed but the sender's log, which gained the refusal.
    const grew = clubId === device.clubId ? 1 : 0;
    expect(after[i]!.mutation_log, attempt.name).toHaveLength(
      before[i]!.mutation_log!.length + grew,
    );
    // The sender's log bookkeeping (attention group counts) follows its log.
    const log = grew ? { mutation_log: [], attention_groups: [] } : { mutation_log: [] };
    expect({ ...after[i], ...log }, attempt.name).toEqual({ ...before[i], ...log });
  });
}

describe('an id names one thing forever', () => {
  it('refuses every create that names another club’s row, and changes neither club', async () => {
    // B's owner for the organizer's creates, B's member for the member's pass request.
    const attempts = creates(world, world.bTemplateId, world.bMemberId);
    for (const attempt of attempts) {
      const device =
        attempt.name === 'passRequest.create' ? world.devices.bMember : world.devices.bOwner;
      await expectTakenWithoutChange(device, attempt);
    }
  });

  it('refuses a create naming a row of another member or owner of the same club', async () => {
    const { devices, ids } = world;
    await expectTakenWithoutChange(devices.aMember2, {
      name: 'passRequest.create',
      args: { requestId: ids.request, templateId: ids.template },
    });
    for (const attempt of creates(world, ids.template, world.aMemberId)) {
      if (attempt.name === 'passRequest.create') continue;
      await expectTakenWithoutChange(devices.aOwner2, attempt);
    }
  });

  it('refuses the same actor’s create under a new mutation id; the same mutation id is a replay', async () => {
    const { devices, ids } = world;
    for (const attempt of creates(world, ids.template, world.aMemberId)) {
      const device = attempt.name === 'passRequest.create' ? devices.aMember : devices.aOwner;
      await expectTakenWithoutChange(device, attempt);
    }
    const sessionId = randomUUID();
    const first = devices.aOwner.queue('session.create', sessionArgs(sessionId, 'Pilates'));
    const [applied] = await devices.aOwner.sync();
    const [again] = await devices.aOwner.sync();
    devices.aOwner.outbox.length = 0;
    expect(applied).toEqual({ id: first.id, status: 'applied' });
    expect(again).toEqual({ id: first.id, status: 'applied', replayed: true });
  });

  it('refuses a series whose occurrence id lands on a session of another club', async () => {
    const seriesId = randomUUID();
    const args = seriesArgs(seriesId, 'Evening swim');
    // Plant a session of club B where A's series will put its first Monday occurrence.
    const first = new Date(args.fromDate);
    while (first.getUTCDay() !== 1) first.setUTCDate(first.getUTCDate() + 1);
    const planted = occurrenceId(seriesId, first.toISOString().slice(0, 10));
    expect(
      (await world.devices.bOwner.send('session.create', sessionArgs(planted, 'B planted'))).status,
    ).toBe('applied');
    await expectTakenWithoutChange(world.devices.aOwner, { name: 'series.create', args });
  });
});

describe('a walk-in’s id is made on the host’s device', () => {
  const walkIn = (guestId: string, sessionId: string) => ({
    name: 'guest.checkIn' as const,
    args: {
      guestId,
      sessionId,
      name: 'Gil Guest',
      visit: 'drop_in' as const,
      payment: 'cash' as const,
    },
  });

  it('refuses a guest id that names a member of another club, and changes neither club', async () => {
    const sessionId = randomUUID();
    // Open for check-in now: the rules let it through, so only the id can stop it.
    const open = await world.devices.bOwner.send(
      'session.create',
      sessionArgs(sessionId, 'B now', 0),
    );
    expect(open.status).toBe('applied');
    await expectTakenWithoutChange(world.devices.bOwner, walkIn(world.aMemberId, sessionId));
    await expectTakenWithoutChange(world.devices.bOwner, walkIn(world.a.ownerMemberId, sessionId));
  });

  it('refuses a guest id that names a member with an account in the same club', async () => {
    const sessionId = randomUUID();
    await world.devices.aOwner.send('session.create', sessionArgs(sessionId, 'A now', 0));
    const result = await world.devices.aOwner.send(
      'guest.checkIn',
      walkIn(world.aMemberId, sessionId).args,
    );
    expect(result).toMatchObject({ status: 'rejected', code: 'conflict' });
    const guests = server.sql.all('SELECT * FROM guests WHERE member_id = ?', [world.aMemberId]);
    expect(guests).toEqual([]);
  });

  it('a member cannot record a walk-in, and a guest of club A stays A’s', async () => {
    const sessionId = randomUUID();
    await world.devices.aOwner.send('session.create', sessionArgs(sessionId, 'A later', 0));
    const denied = await world.devices.aMember.send(
      'guest.checkIn',
      walkIn(randomUUID(), sessionId).args,
    );
    expect(denied).toMatchObject({ status: 'rejected', code: 'not_permitted' });
    const guestId = randomUUID();
    expect(
      (await world.devices.aOwner.send('guest.checkIn', walkIn(guestId, sessionId).args)).status,
    ).toBe('applied');
    // B reusing A's new guest id for its own walk-in is refused like any other id.
    const bSession = randomUUID();
    await world.devices.bOwner.send('session.create', sessionArgs(bSession, 'B later', 0));
    await expectTakenWithoutChange(world.devices.bOwner, walkIn(guestId, bSession));
  });
});

describe('the database keeps every row in its club', () => {
  it('refuses an upsert that would move a row to another club', () => {
    const row = server.sql.one<{ id: string }>(
      'SELECT id FROM pass_templates WHERE club_id = ? ORDER BY id LIMIT 1',
      [world.a.clubId],
    )!;
    expect(() =>
      server.sql.run('UPDATE pass_templates SET club_id = ? WHERE id = ?', [
        world.b.clubId,
        row.id,
      ]),
    ).toThrow(/another club/);
  });

  it('refuses a row whose parent belongs to another club', () => {
    const session = server.sql.one<{ id: string }>(
      'SELECT id FROM sessions WHERE club_id = ? ORDER BY id LIMIT 1',
      [world.a.clubId],
    )!;
    expect(() =>
      server.sql.run(
        `INSERT INTO intents (club_id, session_id, member_id, going, updated_at, version)
         VALUES (?, ?, ?, 1, '2026-01-01T00:00:00.000Z', 1)`,
        [world.b.clubId, session.id, world.bMemberId],
      ),
    ).toThrow(/one club/);
    expect(() =>
      server.sql.run(
        `INSERT INTO passes (id, club_id, member_id, template_id, terms, granted_on, granted_at, expires_on, version)
         VALUES (?, ?, ?, ?, '{}', '2026-01-01', '2026-01-01T00:00:00.000Z', '2026-12-31', 1)`,
        [randomUUID(), world.b.clubId, world.bMemberId, world.ids.template],
      ),
    ).toThrow(/one club/);
  });
});

describe('the push envelope', () => {
  it('refuses a mutation made on another device, and one whose args are too large, alone', async () => {
    const device = world.devices.aOwner;
    const foreign = { ...device.queue('session.create', sessionArgs(randomUUID(), 'Boxing')) };
    device.outbox.length = 0;
    const big = device.queue('session.create', {
      ...sessionArgs(randomUUID(), 'Huge'),
      description: 'x'.repeat(4000),
      // Not a field of the mutation: it only makes the args too large.
      padding: 'y'.repeat(20_000),
    } as never);
    device.outbox.push({ ...foreign, clientId: randomUUID(), seq: 99 });
    const ok = device.queue('session.create', sessionArgs(randomUUID(), 'Small'));
    const results = await device.sync();
    device.outbox.length = 0;
    expect(results.find((r) => r.id === big.id)).toMatchObject({
      status: 'rejected',
      code: 'too_large',
    });
    expect(results.find((r) => r.id === foreign.id)).toMatchObject({
      status: 'rejected',
      code: 'invalid_args',
    });
    expect(results.find((r) => r.id === ok.id)).toEqual({ id: ok.id, status: 'applied' });
    // The log keeps the size of the oversized args, not the args.
    const logged = server.sql.one<{ args: string }>('SELECT args FROM mutation_log WHERE id = ?', [
      big.id,
    ])!;
    expect(JSON.parse(logged.args)).toEqual({ omitted: 'too_large', chars: expect.any(Number) });
  });

  it('takes no nil or max UUID as an id', async () => {
    for (const sessionId of [
      '00000000-0000-0000-0000-000000000000',
      'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
    ]) {
      const result = await world.devices.aOwner.send(
        'session.create',
        sessionArgs(sessionId, 'Nil'),
      );
      expect(result).toMatchObject({ status: 'rejected', code: 'invalid_args' });
    }
  });
});
