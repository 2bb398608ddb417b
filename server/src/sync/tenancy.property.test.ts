import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../test/harness.js';
import {
  clubRows,
  createOf,
  kinds,
  send,
  startTwoClubs,
  type Kind,
  type TwoClubs,
} from '../test/tenancy.js';

let server: TestServer;
let world: TwoClubs;

beforeAll(async () => {
  ({ server, world } = await startTwoClubs());
});
afterAll(() => server.close());

const actors = ['aOwner', 'aOwner2', 'aMember', 'bOwner', 'bMember'] as const;
type Actor = (typeof actors)[number];

const tables: Record<Kind, string> = {
  session: 'sessions',
  series: 'series',
  trainingType: 'training_types',
  template: 'pass_templates',
  pass: 'passes',
  request: 'pass_requests',
};

const step = fc.record({
  actor: fc.constantFrom(...actors),
  kind: fc.constantFrom(...kinds),
  /** Which id of the shared pool the create names (the pool holds A's existing rows too). */
  id: fc.nat({ max: 9 }),
  /** Which template a grant or request names: the pool's, or the actor's club's own. */
  template: fc.nat({ max: 9 }),
});

describe('no push of one club ever changes a row of another', () => {
  it('holds for random actors of two clubs creating with colliding ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 14 }), async (steps) => {
        // Fresh ids each run, plus the ids of A's seeded rows, all of them usable for any kind.
        const pool = [...Object.values(world.ids), ...Array.from({ length: 4 }, randomUUID)];
        const firstCreator = new Map<string, string>(
          kinds.map((kind) => [`${kind}|${world.ids[kind]}`, world.a.clubId]),
        );
        for (const { actor, kind, id, template } of steps) {
          const device = world.devices[actor as Actor];
          const inA = device.clubId === world.a.clubId;
          const other = inA ? world.b.clubId : world.a.clubId;
          const ownTemplate = inA ? world.ids.template : world.bTemplateId;
          const templateId = template < 5 ? ownTemplate : pool[template]!;
          const memberId = inA ? world.aMemberId : world.bMemberId;
          const before = clubRows(server, other);
          const result = await send(device, createOf(kind, pool[id]!, { templateId, memberId }));
          // Whatever the outcome, the other club is exactly as it was.
          expect(clubRows(server, other), `${actor} ${kind}`).toEqual(before);
          expect(['applied', 'rejected']).toContain(result.status);
          const key = `${kind}|${pool[id]}`;
          if (result.status === 'applied' && !firstCreator.has(key)) {
            firstCreator.set(key, device.clubId);
          }
        }
        // And each id's row belongs to the club whose create of it came first.
        for (const [key, clubId] of firstCreator) {
          const [kind, id] = key.split('|') as [Kind, string];
          const row = server.sql.one<{ club_id: string }>(
            `SELECT club_id FROM ${tables[kind]} WHERE id = ?`,
            [id],
          );
          expect(row?.club_id, key).toBe(clubId);
        }
      }),
      { numRuns: 25 },
    );
  });
});
