import { describe, expect, it } from 'vitest';
import {
  judgeMutation,
  parseMutationArgs,
  type MutationArgsInput,
  type MutationName,
} from '../mutations/index.js';
import { Replica } from '../replica/replica.js';
import { ReplicaFacts } from '../replica/facts.js';
import {
  CLUB,
  HOST,
  MEMBER,
  OTHER,
  START,
  aContext,
  aMember,
  aPass,
  aSession,
  expectApplied,
  expectRefused,
  uuid,
  type ContextOverrides,
} from '../testing/index.js';
import { MAX_DEPENDANTS } from './family.js';
import type { PulledMember } from '../protocol/sync.js';
import type { Pass } from './types.js';

/**
 * Dependants through the judge on a device's copy (docs/rules.md
 * "Dependants"): who may act for a child, and whose passes pay.
 */
const LENA = uuid();
const session = aSession();

function club(passes: Pass[] = [], guardianRemoved = false, more: PulledMember[] = []) {
  const replica = new Replica(CLUB);
  const t = replica.tables;
  t.members.put(aMember({ memberId: MEMBER, name: 'Mia', removed: guardianRemoved }));
  t.members.put(aMember({ memberId: OTHER, name: 'Otto' }));
  t.members.put(aMember({ memberId: HOST, name: 'Hana', role: 'host' }));
  t.members.put(aMember({ memberId: LENA, name: 'Lena', guardianId: MEMBER, child: true }));
  t.sessions.put(session);
  for (const p of passes) t.passes.put(p);
  for (const m of more) t.members.put(m);
  return new ReplicaFacts(replica);
}

function judge<N extends MutationName>(
  facts: ReplicaFacts,
  name: N,
  args: MutationArgsInput<N>,
  ctx: ContextOverrides = {},
) {
  const parsed = parseMutationArgs(name, args);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return judgeMutation(facts, aContext({ now: START, ...ctx }), parsed.name, parsed.args);
}

describe('who may act for a dependant', () => {
  it('the guardian signs a child up, checks them in and says they are going', () => {
    const facts = club([aPass({ memberId: LENA })]);
    const signup = expectApplied(
      judge(
        facts,
        'signup.create',
        { sessionId: session.id, memberId: LENA },
        { now: '2025-03-10T10:00:00Z' },
      ),
    );
    expect(signup.signups[0]).toMatchObject({ memberId: LENA, byMemberId: MEMBER });
    const going = expectApplied(
      judge(
        facts,
        'intent.set',
        { sessionId: session.id, going: true, memberId: LENA },
        { now: '2025-03-10T10:00:00Z' },
      ),
    );
    expect(going.intents[0]).toMatchObject({ memberId: LENA, going: true });
    const checkIn = expectApplied(
      judge(facts, 'checkin.create', { sessionId: session.id, memberId: LENA }),
    );
    expect(checkIn.attendance[0]).toMatchObject({ memberId: LENA, byMemberId: MEMBER });
    expect(checkIn.creditLog[0]).toMatchObject({ memberId: LENA, byMemberId: MEMBER, delta: -1 });
  });

  it('a stranger cannot act for someone else’s dependant', () => {
    const facts = club([aPass({ memberId: LENA })]);
    for (const d of [
      judge(
        facts,
        'checkin.create',
        { sessionId: session.id, memberId: LENA },
        { memberId: OTHER },
      ),
      judge(facts, 'signup.create', { sessionId: session.id, memberId: LENA }, { memberId: OTHER }),
      judge(
        facts,
        'intent.set',
        { sessionId: session.id, going: true, memberId: LENA },
        { memberId: OTHER, now: '2025-03-10T10:00:00Z' },
      ),
      judge(facts, 'dependant.remove', { dependantId: LENA }, { memberId: OTHER }),
    ]) {
      expect(expectRefused(d).code).toBe('not_permitted');
    }
  });

  it('a guardian removed from the club can no longer act for the child', () => {
    const facts = club([aPass({ memberId: LENA })], true);
    const d = judge(facts, 'checkin.create', { sessionId: session.id, memberId: LENA });
    expect(expectRefused(d).code).toBe('not_permitted');
    const s = judge(facts, 'signup.cancel', { sessionId: session.id, memberId: LENA });
    expect(expectRefused(s).code).toBe('not_permitted');
  });

  it('staff check a child in, but do not say for them that they are going', () => {
    const facts = club([aPass({ memberId: LENA })]);
    expectApplied(
      judge(facts, 'checkin.create', { sessionId: session.id, memberId: LENA }, { role: 'host' }),
    );
    const d = judge(
      facts,
      'intent.set',
      { sessionId: session.id, going: true, memberId: LENA },
      { role: 'host', now: '2025-03-10T10:00:00Z' },
    );
    expect(expectRefused(d).code).toBe('not_permitted');
  });
});

describe('whose pass pays for a dependant', () => {
  it("the dependant's own pass pays before the guardian's, even one expiring later", () => {
    const mine = aPass({ memberId: MEMBER, expiresOn: '2025-03-20' });
    const hers = aPass({ memberId: LENA, expiresOn: '2025-05-30' });
    const e = expectApplied(
      judge(club([mine, hers]), 'checkin.create', { sessionId: session.id, memberId: LENA }),
    );
    expect(e.attendance[0]!.charges).toEqual([{ passId: hers.id, credits: 1 }]);
    expect(e.creditLog).toEqual([
      expect.objectContaining({ passId: hers.id, memberId: LENA, delta: -1, byMemberId: MEMBER }),
    ]);
  });

  it("the guardian's pass pays when the dependant's cannot, and the rest of a multi-credit check-in", () => {
    const mine = aPass({ memberId: MEMBER, balance: 5 });
    const hers = aPass({ memberId: LENA, balance: 1 });
    const e = expectApplied(
      judge(
        club([mine, hers]),
        'checkin.create',
        { sessionId: session.id, memberId: LENA, credits: 3 },
        { settings: { multiCreditEnabled: true, maxCreditsPerCheckIn: 3 } },
      ),
    );
    expect(e.attendance[0]!.charges).toEqual([
      { passId: hers.id, credits: 1 },
      { passId: mine.id, credits: 2 },
    ]);
    expect(e.creditLog.map((c) => [c.memberId, c.balanceAfter])).toEqual([
      [LENA, 0],
      [MEMBER, 3],
    ]);
  });

  it("a removed guardian's passes pay for nobody", () => {
    const mine = aPass({ memberId: MEMBER });
    const d = judge(
      club([mine], true),
      'checkin.create',
      { sessionId: session.id, memberId: LENA },
      { role: 'host' },
    );
    // The host's check-in is accepted unpaid: the child has no pass of their own.
    expect(expectApplied(d).attendance[0]).toMatchObject({ unpaidCredits: 1, charges: [] });
  });

  it("a member's own check-in never takes a dependant's pass", () => {
    const hers = aPass({ memberId: LENA });
    const d = judge(club([hers]), 'checkin.create', { sessionId: session.id });
    expect(expectRefused(d).code).toBe('insufficient_credits');
  });
});

describe('adding and removing dependants', () => {
  it('adds a child with the sender as guardian; the same child again changes nothing', () => {
    const facts = club();
    const id = uuid();
    const e = expectApplied(
      judge(facts, 'dependant.add', { dependantId: id, name: ' Max ', birthYear: 2015 }),
    );
    expect(e.familyLinks).toEqual([
      expect.objectContaining({
        memberId: id,
        guardianId: MEMBER,
        kind: 'child',
        name: 'Max',
        birthYear: 2015,
      }),
    ]);
    const again = expectApplied(judge(facts, 'dependant.add', { dependantId: LENA, name: 'Lena' }));
    expect(again.familyLinks).toEqual([]);
  });

  it('refuses an id naming someone else, an 11th dependant, a year to come and an over-long name', () => {
    const facts = club();
    expect(
      expectRefused(judge(facts, 'dependant.add', { dependantId: OTHER, name: 'X' })).code,
    ).toBe('id_taken');
    expect(
      expectRefused(
        judge(facts, 'dependant.add', { dependantId: LENA, name: 'Lena' }, { memberId: OTHER }),
      ).code,
    ).toBe('id_taken');
    expect(
      expectRefused(
        judge(facts, 'dependant.add', { dependantId: uuid(), name: 'Y', birthYear: 2026 }),
      ).code,
    ).toBe('invalid_args');
    expect(
      parseMutationArgs('dependant.add', { dependantId: uuid(), name: 'x'.repeat(81) }).ok,
    ).toBe(false);
    const children = Array.from({ length: MAX_DEPENDANTS - 1 }, () =>
      aMember({ guardianId: MEMBER, child: true }),
    );
    const full = club([], false, children);
    const d = judge(full, 'dependant.add', { dependantId: uuid(), name: 'Z' });
    expect(expectRefused(d).code).toBe('invalid_args');
    // Another guardian's children do not count against this one.
    expectApplied(
      judge(full, 'dependant.add', { dependantId: uuid(), name: 'Z' }, { memberId: OTHER }),
    );
  });

  it('a dependant cannot add dependants', () => {
    const d = judge(
      club(),
      'dependant.add',
      { dependantId: uuid(), name: 'Q' },
      { memberId: LENA },
    );
    expect(expectRefused(d).code).toBe('not_permitted');
  });

  it('the guardian or an owner ends a tie; the device shows the child gone at once', () => {
    const facts = club();
    const e = expectApplied(judge(facts, 'dependant.remove', { dependantId: LENA }));
    expect(e.familyLinks[0]).toMatchObject({
      memberId: LENA,
      guardianId: MEMBER,
      removedAt: expect.any(String),
    });
    expectApplied(judge(facts, 'dependant.remove', { dependantId: LENA }, { role: 'owner' }));
    expect(expectRefused(judge(facts, 'dependant.remove', { dependantId: OTHER })).code).toBe(
      'not_found',
    );
  });
});
