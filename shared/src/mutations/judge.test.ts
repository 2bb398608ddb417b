import { describe, expect, it } from 'vitest';
import { settledReason } from '../rules/attention.js';
import {
  HOST,
  MEMBER,
  aContext,
  anAttendance,
  anAttentionItem,
  aPass,
  aSession,
  expectApplied,
  expectRefused,
  uuid,
} from '../testing/index.js';
import type { FactSource } from '../judge/facts.js';
import { judgeMutation } from './index.js';

/** A fact source answering only what a test gives it; anything else asked fails the test. */
function factSource(given: Partial<FactSource>): FactSource {
  return new Proxy(given as FactSource, {
    get(target, key: string) {
      if (key in target) return target[key as keyof FactSource];
      if (key === 'attentionItem' || key === 'attentionResolution') return undefined;
      throw new Error(`The judge asked for ${key}, which this test did not expect`);
    },
  });
}

const s = aSession();
const owed = anAttendance({ sessionId: s.id, credits: 1, unpaidCredits: 1, flags: ['unpaid'] });
const p = aPass({ balance: 2 });
const checkInFacts = {
  session: () => s,
  occupancy: () => 1,
  memberSignup: () => null,
  memberAttendance: () => owed,
  passesOfMembers: () => [p],
  isActiveMember: () => true,
  familyTie: () => null,
};

describe('judge: needs attention', () => {
  it('settles an unpaid check-in with the member-session facts', async () => {
    const e = expectApplied(
      await judgeMutation(factSource(checkInFacts), aContext({ role: 'host' }), 'checkin.settle', {
        sessionId: s.id,
        memberId: MEMBER,
      }),
    );
    expect(e.creditLog).toEqual([
      expect.objectContaining({ passId: p.id, delta: -1, reason: settledReason, byMemberId: HOST }),
    ]);
  });

  it('refuses to settle for someone outside the club', async () => {
    const facts = factSource({ ...checkInFacts, isActiveMember: () => false });
    const d = await judgeMutation(facts, aContext({ role: 'host' }), 'checkin.settle', {
      sessionId: s.id,
      memberId: uuid(),
    });
    expect(expectRefused(d).code).toBe('not_found');
  });

  it('resolves with the mutation log on the server', async () => {
    const item = anAttentionItem({
      kind: 'flagged',
      flags: ['unpaid'],
      sessionId: s.id,
      memberId: MEMBER,
    });
    const facts = factSource({
      ...checkInFacts,
      attentionItem: (id) => (id === item.id ? item : null),
      attentionResolution: () => null,
    });
    const e = expectApplied(
      await judgeMutation(facts, aContext({ role: 'owner' }), 'attention.resolve', {
        itemId: item.id,
        resolution: 'charged',
      }),
    );
    expect(e.attentionResolutions.map((r) => r.itemId)).toEqual([item.id]);
    expect(e.attendance[0]?.unpaidCredits).toBe(0);
    const unknown = await judgeMutation(facts, aContext({ role: 'owner' }), 'attention.resolve', {
      itemId: uuid(),
      resolution: 'dismissed',
    });
    expect(expectRefused(unknown).code).toBe('not_found');
  });

  it('leaves a resolution to the server on a device, which has no mutation log', async () => {
    const e = expectApplied(
      await judgeMutation(factSource({}), aContext({ role: 'owner' }), 'attention.resolve', {
        itemId: uuid(),
        resolution: 'dismissed',
      }),
    );
    expect(e.attentionResolutions).toEqual([]);
    const group = expectApplied(
      await judgeMutation(factSource({}), aContext({ role: 'owner' }), 'attention.dismissGroup', {
        itemId: uuid(),
      }),
    );
    expect(group.attentionDismissals).toEqual([]);
  });

  it('dismisses a group of refusals with the mutation log on the server', async () => {
    const refused = anAttentionItem();
    const facts = factSource({
      attentionItem: (id) => (id === refused.id ? refused : null),
      attentionGroup: (id) =>
        id === refused.id
          ? {
              key: { clientId: uuid(), mutation: 'intent.set', code: 'session_started' },
              receivedAt: '2025-03-11T17:40:00.000Z',
              lastDismissal: null,
              pending: { count: 300, firstReceivedAt: '2025-03-11T17:02:00.000Z' },
              covered: 300,
            }
          : null,
    });
    const e = expectApplied(
      await judgeMutation(facts, aContext({ role: 'host' }), 'attention.dismissGroup', {
        itemId: refused.id,
      }),
    );
    expect(e.attentionDismissals).toMatchObject([{ lastItemId: refused.id, itemCount: 300 }]);
  });
});
