import { randomUUID } from 'node:crypto';
import { createTRPCClient, httpSubscriptionLink } from '@trpc/client';
import type { Poke, PushResult } from '@turnout/shared';
import { aSession, startingAt } from '@turnout/shared/testing';
import { EventSource } from 'eventsource';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { writeChange } from '../test/builders.js';
import { Device, type QueuedMutation } from '../test/devices.js';
import { PASSWORD, type TestClient } from '../test/harness.js';
import { kill, startServers, unlessBusy, type ServerCluster } from '../test/server-processes.js';
import { testStores } from '../test/stores.js';
import type { AppRouter } from '../trpc/app.router.js';

/**
 * Three real app servers (`src/cli.ts serve`) on one PostgreSQL database, as
 * several servers behind a load balancer run: capacity and credits are judged
 * one server at a time (the cluster-wide write lock), a poke made on one
 * server reaches devices listening on another (LISTEN/NOTIFY), and a server
 * killed mid-push loses nothing that its devices then retry elsewhere.
 */

const SERVERS = 3;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

/** A fresh database with a club built into it, then three servers on it; all gone after the test. */
const cluster = (options: Parameters<typeof startServers>[1]) =>
  startServers(SERVERS, options, cleanups);

/** Every pass of the club: balance equals the sum of its credit log, and is not negative. */
async function expectLedgersExact(c: ServerCluster, clubId: string) {
  const rows = await c.sql<{ id: string; balance: number; logged: string | null }>(
    `SELECT id, balance, (SELECT SUM(delta) FROM credit_log WHERE pass_id = passes.id) AS logged
     FROM passes WHERE club_id = $1`,
    [clubId],
  );
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) {
    expect(r.balance).toBe(Number(r.logged ?? 0));
    expect(r.balance).toBeGreaterThanOrEqual(0);
  }
}

/**
 * No member paid more than once for one session: each costs one credit, and
 * nothing here voids, so a session's entries in the log are its charges.
 */
async function expectNoDoubleCharge(c: ServerCluster, clubId: string) {
  const net = await c.sql<{ member_id: string; session_id: string; net: string }>(
    `SELECT member_id, session_id, SUM(delta) AS net FROM credit_log
     WHERE club_id = $1 AND session_id IS NOT NULL GROUP BY member_id, session_id`,
    [clubId],
  );
  for (const r of net) expect(Number(r.net), `${r.member_id} in ${r.session_id}`).toBe(-1);
  const overpaid = await c.sql(
    'SELECT id FROM attendance WHERE club_id = $1 AND (credits > 1 OR voided <> 0)',
    [clubId],
  );
  expect(overpaid).toEqual([]);
}

/** What mutation_log holds for these results' mutations. */
async function logged(c: ServerCluster, results: PushResult[]) {
  const ids = results.map((r) => r.id);
  const rows = await c.sql<{ id: string; status: string; code: string | null; flags: string }>(
    'SELECT id, status, code, flags FROM mutation_log WHERE id = ANY($1)',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

const MINUTE = 60_000;

/** The devices push at once, each one mutation; their results. */
async function syncAll(devices: Device[]): Promise<PushResult[]> {
  const answers = await Promise.all(devices.map((d) => unlessBusy(() => d.sync())));
  return answers.map(([result]) => result!);
}

describe.skipIf(!testStores().includes('postgres'))('three app servers on one PostgreSQL', () => {
  it('two hosts fill the last spot through different servers: one accepted, the other flagged over capacity', async () => {
    const RACES = 6;
    const c = await cluster({
      members: 2 * RACES,
      sessions: RACES,
      passSessions: 3,
      password: PASSWORD,
      capacity: 1,
    });
    const { club } = c;
    const races = club.sessionIds.map(async (sessionId, i) => {
      const desk = new Device(await c.login(club.ownerEmail, i % 3), club.clubId, 'Front desk');
      const tablet = new Device(
        await c.login(club.ownerEmail, (i + 1) % 3),
        club.clubId,
        'Studio tablet',
      );
      desk.queue('checkin.create', { sessionId, memberId: club.memberIds[2 * i]! });
      tablet.queue('checkin.create', { sessionId, memberId: club.memberIds[2 * i + 1]! });
      return { sessionId, results: await syncAll([desk, tablet]) };
    });
    for (const { sessionId, results } of await Promise.all(races)) {
      // As on one server (push.test.ts): both applied, exactly one flagged over capacity.
      expect(results.map((r) => r.status)).toEqual(['applied', 'applied']);
      expect(results.map((r) => r.flags ?? []).sort(), sessionId).toEqual([[], ['over_capacity']]);
      const rows = await c.sql<{ flags: string }>(
        'SELECT flags FROM attendance WHERE session_id = $1 AND voided = 0',
        [sessionId],
      );
      expect(rows.map((r) => JSON.parse(r.flags) as string[]).sort()).toEqual([
        [],
        ['over_capacity'],
      ]);
      const log = await logged(c, results);
      for (const r of results) {
        expect(log.get(r.id)?.status).toBe('applied');
        expect(JSON.parse(log.get(r.id)!.flags)).toEqual(r.flags ?? []);
      }
    }
    await expectLedgersExact(c, club.clubId);
  }, 60_000);

  it('spends the last credit once when two devices on different servers check in at once', async () => {
    const MEMBERS = 6;
    const c = await cluster({
      members: MEMBERS,
      sessions: 2,
      passSessions: 1,
      password: PASSWORD,
    });
    const { club } = c;
    const [yoga, spin] = club.sessionIds as [string, string];
    // Members 0–2: phone and laptop check in to the same session; 3–5: to two sessions.
    const races = club.memberEmails.map(async (email, i) => {
      const phone = new Device(await c.login(email, i % 3), club.clubId, 'Phone');
      const laptop = new Device(await c.login(email, (i + 1) % 3), club.clubId, 'Laptop');
      phone.queue('checkin.create', { sessionId: yoga });
      laptop.queue('checkin.create', { sessionId: i < MEMBERS / 2 ? yoga : spin });
      return syncAll([phone, laptop]);
    });
    for (const [i, results] of (await Promise.all(races)).entries()) {
      const applied = results.filter((r) => r.status === 'applied');
      const refused = results.filter((r) => r.status === 'rejected');
      expect(applied, `member ${i}`).toHaveLength(1);
      expect(applied[0]!.flags).toBeUndefined();
      expect(refused.map((r) => r.code)).toEqual([
        i < MEMBERS / 2 ? 'already_checked_in' : 'insufficient_credits',
      ]);
      const [row] = await c.sql<{ balance: number; charges: string; attended: string }>(
        `SELECT balance,
           (SELECT COUNT(*) FROM credit_log WHERE member_id = $1 AND delta < 0) AS charges,
           (SELECT COUNT(*) FROM attendance WHERE member_id = $1) AS attended
         FROM passes WHERE member_id = $1`,
        [club.memberIds[i]!],
      );
      expect([row!.balance, Number(row!.charges), Number(row!.attended)]).toEqual([0, 1, 1]);
    }
    await expectLedgersExact(c, club.clubId);
    await expectNoDoubleCharge(c, club.clubId);
  }, 60_000);

  it('keeps money and capacity exact under random concurrent pushes spread over the servers', async () => {
    // One club for every run (logins count against a limit all servers share): each
    // run grants fresh passes and has sessions of its own.
    const c = await cluster({ members: 3, sessions: 0, passSessions: 1, password: PASSWORD });
    const { club } = c;
    const office = new Device(await c.login(club.ownerEmail, 0), club.clubId, 'Office');
    const act = fc.record({
      kind: fc.constantFrom('checkin' as const, 'signup' as const),
      session: fc.integer({ min: 0, max: 1 }),
      member: fc.integer({ min: 0, max: 2 }),
    });
    const device = fc.record({
      server: fc.integer({ min: 0, max: SERVERS - 1 }),
      /** -1: a host's device (checks anyone in); else that member's phone. */
      who: fc.integer({ min: -1, max: 2 }),
      batches: fc.array(
        fc.record({ acts: fc.array(act, { minLength: 1, maxLength: 4 }), resend: fc.boolean() }),
        { minLength: 1, maxLength: 3 },
      ),
    });
    const run = fc.record({
      credits: fc.integer({ min: 1, max: 2 }),
      capacity: fc.integer({ min: 1, max: 2 }),
      devices: fc.array(device, { minLength: 3, maxLength: 6 }),
    });
    await fc.assert(
      fc.asyncProperty(run, async ({ credits, capacity, devices }) => {
        // `credits` new 1-credit passes each (with what earlier runs left).
        for (const memberId of club.memberIds) {
          for (let i = 0; i < credits; i++) {
            const grant = { passId: randomUUID(), memberId, templateId: club.templateId };
            office.queue('pass.grant', grant);
          }
        }
        const granted = await unlessBusy(() => office.sync());
        expect(granted.every((r) => r.status === 'applied')).toBe(true);
        office.outbox.length = 0;
        // Starting in a quarter of an hour: sign-ups are open, and so is check-in.
        const sessions = [0, 1].map(() =>
          aSession({ id: randomUUID(), ...startingAt(Date.now() + 15 * MINUTE), capacity }),
        );
        await writeChange(c.store.db, club.clubId, { sessions });
        const results: PushResult[] = [];
        await Promise.all(
          devices.map(async (spec, d) => {
            const email = spec.who < 0 ? club.ownerEmail : club.memberEmails[spec.who]!;
            const device = new Device(await c.login(email, spec.server), club.clubId, `D${d}`);
            for (const batch of spec.batches) {
              for (const a of batch.acts) {
                const sessionId = sessions[a.session]!.id;
                const memberId = club.memberIds[a.member]!;
                if (spec.who < 0) device.queue('checkin.create', { sessionId, memberId });
                else if (a.kind === 'signup') device.queue('signup.create', { sessionId });
                else device.queue('checkin.create', { sessionId });
              }
              const answered = await unlessBusy(() => device.sync());
              if (batch.resend) {
                // The answer was lost: the same batch again, through another server.
                const again = await c.push(email, (spec.server + 1) % SERVERS, device);
                expect(again).toEqual(answered.map((r) => ({ ...r, replayed: true })));
              }
              results.push(...answered);
              device.outbox.length = 0;
            }
          }),
        );
        const log = await logged(c, results);
        expect(log.size).toBe(results.length);
        for (const r of results) {
          const row = log.get(r.id)!;
          expect([row.status, row.code ?? undefined]).toEqual([r.status, r.code]);
          expect(JSON.parse(row.flags)).toEqual(r.flags ?? []);
        }
        await expectLedgersExact(c, club.clubId);
        await expectNoDoubleCharge(c, club.clubId);
        for (const session of sessions) {
          const [counts] = await c.sql<{ signed: string; holders: string; over: string }>(
            `SELECT
               (SELECT COUNT(*) FROM signups WHERE session_id = $1 AND status = 'active') AS signed,
               (SELECT COUNT(*) FROM (
                  SELECT member_id FROM signups WHERE session_id = $1 AND status = 'active'
                  UNION SELECT member_id FROM attendance WHERE session_id = $1 AND voided = 0) h) AS holders,
               (SELECT COUNT(*) FROM attendance
                WHERE session_id = $1 AND flags LIKE '%over_capacity%') AS over`,
            [session.id],
          );
          expect(Number(counts!.signed)).toBeLessThanOrEqual(capacity);
          expect(Number(counts!.holders)).toBeLessThanOrEqual(capacity + Number(counts!.over));
        }
      }),
      { numRuns: 5, endOnFailure: true },
    );
  }, 90_000);

  it('pokes devices listening on other servers when a check-in is pushed on one', async () => {
    const c = await cluster({ members: 1, sessions: 1, passSessions: 2, password: PASSWORD });
    const { club } = c;
    const [sessionId] = club.sessionIds as [string];
    const memberId = club.memberIds[0]!;
    /** Listens on `server` as `email`, collecting pokes. */
    const listen = async (email: string, server: number) => {
      const browser = await c.login(email, server);
      const sse = createTRPCClient<AppRouter>({
        links: [
          httpSubscriptionLink({
            url: `${c.servers[server]!.url}/trpc`,
            EventSource,
            eventSourceOptions: { fetch: (input, init) => browser.fetch(input, init) },
          }),
        ],
      });
      const pokes: Poke[] = [];
      const errors: unknown[] = [];
      const sub = sse.sync.changes.subscribe(
        { clubId: club.clubId },
        { onData: (event) => pokes.push(event.data), onError: (error) => errors.push(error) },
      );
      cleanups.push(async () => sub.unsubscribe());
      return { pokes, errors };
    };
    const until = async (done: () => boolean) => {
      for (const deadline = Date.now() + 5_000; !done() && Date.now() < deadline;) {
        await new Promise((r) => setTimeout(r, 25));
      }
    };
    const host = await listen(club.ownerEmail, 1);
    const member = await listen(club.memberEmails[0]!, 2);
    // The greeting comes after the server listens (sync.router.ts): nothing is missed from here.
    await until(() => host.pokes.length > 0 && member.pokes.length > 0);
    expect([...host.errors, ...member.errors]).toEqual([]);
    expect([host.pokes.length, member.pokes.length]).toEqual([1, 1]);
    const greeted = host.pokes[0]!.version;

    const phone = new Device(await c.login(club.memberEmails[0]!, 0), club.clubId, 'Phone');
    phone.queue('checkin.create', { sessionId });
    expect((await unlessBusy(() => phone.sync()))[0]).toMatchObject({ status: 'applied' });
    const [row] = await c.sql<{ version: number }>(
      'SELECT version FROM attendance WHERE member_id = $1',
      [memberId],
    );
    expect(row!.version).toBeGreaterThan(greeted);
    const reached = (l: { pokes: Poke[] }) => l.pokes.find((p) => p.version >= row!.version);
    await until(() => !!reached(host) && !!reached(member));
    const counts = [{ sessionId, occupancy: 1, going: 0, waitlisted: 0 }];
    expect(reached(host)).toEqual({ version: expect.any(Number), scope: { members: [], counts } });
    expect(reached(member)).toEqual({
      version: expect.any(Number),
      scope: { members: [memberId], counts },
    });
  }, 60_000);

  it('loses nothing when a server is killed mid-push: devices retry the batch on a surviving server', async () => {
    const [MEMBERS, SESSIONS, CAPACITY, CREDITS, DEVICES, BATCH] = [24, 6, 16, 2, 6, 12];
    const c = await cluster({
      members: MEMBERS,
      sessions: SESSIONS,
      passSessions: CREDITS,
      password: PASSWORD,
      capacity: CAPACITY,
    });
    const { club } = c;
    for (let s = 0; s < SERVERS; s++) await c.login(club.ownerEmail, s);
    // Every member into every session, twice (two desks saw them), in a shuffled order.
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const pairs = club.sessionIds.flatMap((sessionId) =>
      club.memberIds.map((memberId) => ({ sessionId, memberId })),
    );
    const work = [...pairs, ...pairs].sort(() => random() - 0.5);
    const devices = Array.from(
      { length: DEVICES },
      (_, d) => new Device(null as unknown as TestClient, club.clubId, `Desk ${d}`),
    );
    const pairOf = new Map<string, string>();
    for (const [i, pair] of work.entries()) {
      const m: QueuedMutation = devices[i % DEVICES]!.queue('checkin.create', pair);
      pairOf.set(m.id, `${pair.sessionId}/${pair.memberId}`);
    }
    const batches = devices.map((device) => {
      const all = device.outbox.splice(0);
      return Array.from({ length: Math.ceil(all.length / BATCH) }, (_, b) =>
        all.slice(b * BATCH, (b + 1) * BATCH),
      );
    });

    const VICTIM = 2;
    const final = new Map<string, PushResult>();
    let completed = 0;
    let killing: Promise<void> | undefined;
    let failedPushes = 0;
    await Promise.all(
      devices.map(async (device, d) => {
        for (const [b, batch] of batches[d]!.entries()) {
          device.outbox.splice(0, device.outbox.length, ...batch);
          let server = (d + b) % SERVERS;
          for (let attempt = 0; ; attempt++) {
            const push = c.push(club.ownerEmail, server, device);
            // Once a third of the work is in, the victim dies with this batch in flight.
            if (!killing && server === VICTIM && completed >= 8) {
              killing = new Promise((r) => setTimeout(r, 15)).then(() =>
                kill(c.servers[VICTIM]!.child, 'SIGKILL'),
              );
            }
            try {
              for (const r of await push) final.set(r.id, r);
              break;
            } catch (error) {
              if (attempt >= SERVERS) throw error;
              failedPushes++;
              server = (server + 1) % SERVERS;
            }
          }
          completed++;
        }
      }),
    );
    await killing;
    expect(killing).toBeDefined();
    expect(failedPushes).toBeGreaterThan(0);
    expect(c.servers.map((s) => s.child.signalCode)).toEqual([null, null, 'SIGKILL']);

    // Every mutation has exactly one result, and it is the one the device was given.
    expect(final.size).toBe(work.length);
    const log = await logged(c, [...final.values()]);
    expect(log.size).toBe(work.length);
    for (const [id, r] of final) {
      expect([log.get(id)!.status, log.get(id)!.code ?? undefined]).toEqual([r.status, r.code]);
    }
    // Each member into each session once: one of its two check-ins applied, the other refused.
    const applied = [...final.values()].filter((r) => r.status === 'applied');
    expect(new Set(applied.map((r) => pairOf.get(r.id))).size).toBe(pairs.length);
    expect(applied).toHaveLength(pairs.length);
    const refused = [...final.values()].filter((r) => r.status !== 'applied');
    expect(new Set(refused.map((r) => r.code))).toEqual(new Set(['already_checked_in']));

    // Capacity: exactly CAPACITY unflagged per session; credits: each member paid CREDITS times.
    const perSession = await c.sql<{ session_id: string; fits: string; over: string }>(
      `SELECT session_id, COUNT(*) FILTER (WHERE flags NOT LIKE '%over_capacity%') AS fits,
              COUNT(*) FILTER (WHERE flags LIKE '%over_capacity%') AS over
       FROM attendance WHERE club_id = $1 GROUP BY session_id`,
      [club.clubId],
    );
    expect(perSession.map((r) => [Number(r.fits), Number(r.over)])).toEqual(
      club.sessionIds.map(() => [CAPACITY, MEMBERS - CAPACITY]),
    );
    const charges = await c.sql<{ member_id: string; n: string }>(
      `SELECT member_id, COUNT(*) AS n FROM credit_log
       WHERE club_id = $1 AND delta < 0 GROUP BY member_id`,
      [club.clubId],
    );
    expect(charges.map((r) => Number(r.n))).toEqual(club.memberIds.map(() => CREDITS));
    await expectLedgersExact(c, club.clubId);
    await expectNoDoubleCharge(c, club.clubId);
  }, 90_000);
});
