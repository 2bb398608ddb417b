import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import type { PushResult } from '@turnout/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildClub } from '../test/builders.js';
import { Device, type QueuedMutation } from '../test/devices.js';
import { PASSWORD, startTestServer, type TestServer } from '../test/harness.js';

/**
 * Several devices work offline (members on their phones, a host at the door),
 * then reach the server in a random order, with lost answers (the same batch
 * sent again) and duplicates. Every result must match a small reference
 * model of check-in and void, run in the order the server received them, and
 * the money invariants must hold throughout.
 */

const MEMBERS = 4;
const SESSIONS = 2;
const CAPACITY = 2;
const CREDITS = 2;
/**
 * Memberships by time besides the session credits: member 0's is capped at
 * 1 a week, member 1's is unlimited, the others have none. A time pass pays
 * first; a void gives its use back.
 */
const TIME_CAPS: readonly (number | null | undefined)[] = [1, null, undefined, undefined];
/**
 * A child (no login) of member GUARDIAN, with a 1-credit pass of their own:
 * their check-ins pay with it first, then with the guardian's credits
 * (docs/rules.md "Dependants"). KID is the child's member index; the
 * guardian's phone checks them in.
 */
const GUARDIAN = 2;
const KID = MEMBERS;
const KID_CREDITS = 1;

type Action =
  | { kind: 'checkin'; device: number; session: number; member: number }
  | { kind: 'void'; session: number; member: number };
type Step =
  { kind: 'act'; action: Action } | { kind: 'deliver'; device: number; loseAnswer: boolean };

// Devices 0..MEMBERS-1 are the members' phones (they check themselves in); device MEMBERS is the host's.
const HOST = MEMBERS;

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('act' as const),
    action: fc.oneof(
      fc.record({
        kind: fc.constant('checkin' as const),
        device: fc.integer({ min: 0, max: HOST }),
        session: fc.integer({ min: 0, max: SESSIONS - 1 }),
        member: fc.integer({ min: 0, max: KID }),
      }),
      fc.record({
        kind: fc.constant('void' as const),
        session: fc.integer({ min: 0, max: SESSIONS - 1 }),
        member: fc.integer({ min: 0, max: KID }),
      }),
    ),
  }),
  fc.record({
    kind: fc.constant('deliver' as const),
    device: fc.integer({ min: 0, max: HOST }),
    loseAnswer: fc.boolean(),
  }),
);

/** The reference: what the server must answer, mutation by mutation, in arrival order. */
class Model {
  readonly credits = [...Array.from({ length: MEMBERS }, () => CREDITS), KID_CREDITS];
  readonly timeUses = Array.from({ length: MEMBERS + 1 }, () => 0);
  readonly checkedIn = new Map<string, { charged: number; time: boolean; payer: number }>();

  expect(action: Action, byHost: boolean): Pick<PushResult, 'status' | 'code' | 'flags'> {
    const key = `${action.session}/${action.member}`;
    const record = this.checkedIn.get(key);
    if (action.kind === 'void') {
      if (!record) return { status: 'rejected', code: 'not_found' };
      if (record.time) this.timeUses[action.member]! -= 1;
      this.credits[record.payer]! += record.charged;
      this.checkedIn.delete(key);
      return { status: 'applied' };
    }
    if (record) return { status: 'rejected', code: 'already_checked_in' };
    const occupancy = [...this.checkedIn.keys()].filter((k) =>
      k.startsWith(`${action.session}/`),
    ).length;
    const full = occupancy >= CAPACITY;
    const cap = TIME_CAPS[action.member];
    const byTime = cap !== undefined && (cap === null || this.timeUses[action.member]! < cap);
    // The child's own credit first, then the guardian's.
    const payer = action.member === KID && this.credits[KID]! < 1 ? GUARDIAN : action.member;
    const hasCredit = byTime || this.credits[payer]! >= 1;
    if (!byHost) {
      if (full) return { status: 'rejected', code: 'session_full' };
      if (!hasCredit) return { status: 'rejected', code: 'insufficient_credits' };
    }
    const flags: string[] = [];
    if (full) flags.push('over_capacity');
    if (!hasCredit) flags.push('unpaid');
    if (byTime) this.timeUses[action.member]! += 1;
    else if (hasCredit) this.credits[payer]! -= 1;
    this.checkedIn.set(key, { charged: hasCredit && !byTime ? 1 : 0, time: byTime, payer });
    return flags.length > 0
      ? { status: 'applied', flags: flags as PushResult['flags'] }
      : { status: 'applied' };
  }
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('push under random offline interleavings', () => {
  it('matches the reference model, never applies twice, keeps money and capacity exact', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const club = await buildClub(server.deps, {
          members: MEMBERS,
          sessions: SESSIONS,
          passSessions: CREDITS,
          password: PASSWORD,
          capacity: CAPACITY,
        });
        const login = async (email: string) => {
          const client = server.client();
          await client.api.auth.login.mutate({ email, password: PASSWORD });
          return client;
        };
        const devices: Device[] = [];
        for (let i = 0; i < MEMBERS; i++) {
          devices.push(new Device(await login(club.memberEmails[i]!), club.clubId, `Phone ${i}`));
        }
        devices.push(new Device(await login(club.ownerEmail), club.clubId, 'Front desk'));
        let setUp = 0;
        for (const [member, weeklyCap] of TIME_CAPS.entries()) {
          if (weeklyCap === undefined) continue;
          const templateId = randomUUID();
          const made = await devices[HOST]!.send('template.create', {
            templateId,
            names: { en: 'Unlimited' },
            kind: 'time',
            weeklyCap,
            priceMinor: 0,
            currency: 'EUR',
            validityDays: 30,
          });
          const memberId = club.memberIds[member]!;
          const granted = await devices[HOST]!.send('pass.grant', {
            passId: randomUUID(),
            memberId,
            templateId,
          });
          expect([made.status, granted.status]).toEqual(['applied', 'applied']);
          setUp += 2;
        }

        // The guardian adds the child from their phone; the owner gives the child a pass.
        const kidId = randomUUID();
        const kidTemplate = randomUUID();
        const family = [
          await devices[GUARDIAN]!.send('dependant.add', { dependantId: kidId, name: 'Kid' }),
          await devices[HOST]!.send('template.create', {
            templateId: kidTemplate,
            names: { en: 'Kids card' },
            sessions: KID_CREDITS,
            priceMinor: 0,
            currency: 'EUR',
            validityDays: 30,
          }),
          await devices[HOST]!.send('pass.grant', {
            passId: randomUUID(),
            memberId: kidId,
            templateId: kidTemplate,
          }),
        ];
        expect(family.map((r) => r.status)).toEqual(['applied', 'applied', 'applied']);
        setUp += 3;
        const memberIds = [...club.memberIds, kidId];

        const model = new Model();
        const actions = new Map<string, { action: Action; byHost: boolean }>();
        const firstResult = new Map<string, PushResult>();

        for (const s of steps) {
          if (s.kind === 'act') {
            const a = s.action;
            const device = a.kind === 'void' ? devices[HOST]! : devices[a.device]!;
            const byHost = device === devices[HOST];
            // A phone checks in its own member; the guardian's phone also the child.
            const member =
              a.kind === 'checkin' && !byHost
                ? a.device === GUARDIAN && a.member === KID
                  ? KID
                  : a.device
                : a.member;
            const action = { ...a, member } as Action;
            const sessionId = club.sessionIds[action.session]!;
            const memberId = memberIds[action.member]!;
            const m: QueuedMutation =
              action.kind === 'void'
                ? device.queue('checkin.void', { sessionId, memberId })
                : byHost || action.member === KID
                  ? device.queue('checkin.create', { sessionId, memberId })
                  : device.queue('checkin.create', { sessionId });
            actions.set(m.id, { action, byHost });
            continue;
          }
          const device = devices[s.device]!;
          if (device.outbox.length === 0) continue;
          const results = await device.sync();
          for (const [i, result] of results.entries()) {
            const sent = device.outbox[i]!;
            expect(result.id).toBe(sent.id);
            const seen = firstResult.get(result.id);
            if (seen) {
              expect(result).toEqual({ ...seen, replayed: true });
              continue;
            }
            expect(result.replayed).toBeUndefined();
            const { action, byHost } = actions.get(result.id)!;
            const expected = model.expect(action, byHost);
            expect({ status: result.status, code: result.code, flags: result.flags }).toEqual({
              status: expected.status,
              code: expected.code,
              flags: expected.flags,
            });
            firstResult.set(result.id, result);
          }
          // A lost answer: the device keeps its outbox and will send it all again.
          if (!s.loseAnswer) device.outbox.length = 0;
        }

        const db = server.deps.db;
        const passes = await db
          .selectFrom('passes')
          .select(['member_id', 'balance', 'terms', 'week_uses'])
          .where('club_id', '=', club.clubId)
          .execute();
        const isTime = (p: { terms: string }) => JSON.parse(p.terms).kind === 'time';
        for (const [i, memberId] of memberIds.entries()) {
          const mine = passes.filter((p) => p.member_id === memberId);
          expect(mine.find((p) => !isTime(p))?.balance).toBe(model.credits[i]);
          const time = mine.find(isTime);
          if (!time) continue;
          // A time pass's balance never moves; its uses are the model's, each counted once.
          expect(time.balance).toBe(0);
          const uses = Object.values(JSON.parse(time.week_uses) as Record<string, number>);
          expect(uses.reduce((n, k) => n + k, 0)).toBe(model.timeUses[i]);
        }
        const ledger = await sql<{ n: number }>`
          SELECT COUNT(*) AS n FROM passes WHERE club_id = ${club.clubId}
            AND balance <> (SELECT COALESCE(SUM(delta), 0) FROM credit_log WHERE pass_id = passes.id)`.execute(
          db,
        );
        expect(ledger.rows[0]?.n).toBe(0);
        const logged = await db
          .selectFrom('mutation_log')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('club_id', '=', club.clubId)
          .executeTakeFirstOrThrow();
        expect(Number(logged.n)).toBe(firstResult.size + setUp);
        // Capacity: beyond it only check-ins flagged over_capacity.
        const unflagged = await sql<{ session_id: string; n: number }>`
          SELECT session_id, COUNT(*) AS n FROM attendance
          WHERE club_id = ${club.clubId} AND voided = 0 AND flags NOT LIKE '%over_capacity%'
          GROUP BY session_id`.execute(db);
        for (const row of unflagged.rows) expect(row.n).toBeLessThanOrEqual(CAPACITY);
      }),
      { numRuns: 40 },
    );
  }, 240_000);
});
