import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  attentionKind,
  resolveAttention,
  settleCheckIn,
  settledReason,
  type AttentionFacts,
  type AttentionItem,
} from './attention.js';
import {
  HOST,
  MEMBER,
  OWNER,
  anAttendance,
  aContext,
  anAttentionItem,
  expectApplied,
  expectRefused,
  aPass,
  aSession,
  uuid,
} from '../testing/index.js';
import { totalCredits } from './passes.js';
import type { Attendance, Pass, Session } from './types.js';

const LATER = '2025-03-20T10:00:00.000Z';

describe('which logged attempts need attention', () => {
  const entry = (over: Partial<Parameters<typeof attentionKind>[0]>) =>
    attentionKind({ name: 'checkin.create', status: 'applied', code: null, flags: [], ...over });

  it('lists refusals and flagged results', () => {
    expect(entry({ status: 'rejected', code: 'session_full' })).toBe('refused');
    expect(entry({ status: 'rejected', code: 'not_permitted', name: 'signup.create' })).toBe(
      'refused',
    );
    expect(entry({ flags: ['over_capacity'] })).toBe('flagged');
    expect(entry({ flags: ['unpaid'] })).toBe('flagged');
    expect(entry({ flags: ['over_capacity', 'unpaid'] })).toBe('flagged');
  });

  it('leaves out what needs nobody', () => {
    expect(entry({})).toBeNull();
    expect(entry({ flags: ['waitlisted'] })).toBeNull();
    expect(entry({ flags: ['late_cancel'] })).toBeNull();
    expect(entry({ status: 'rejected', code: 'already_checked_in' })).toBeNull();
    expect(entry({ status: 'rejected', code: 'conflict', name: 'attention.resolve' })).toBeNull();
    expect(
      entry({ status: 'rejected', code: 'conflict', name: 'attention.dismissGroup' }),
    ).toBeNull();
  });
});

/** A check-in of MEMBER into `s` that owes `unpaid` credits. */
function unpaidCheckIn(
  s: Session,
  credits: number,
  unpaid: number,
  over: Partial<Attendance> = {},
) {
  return anAttendance({
    sessionId: s.id,
    credits,
    unpaidCredits: unpaid,
    charges: [],
    flags: ['unpaid'],
    ...over,
  });
}

describe('checkin.settle', () => {
  const s = aSession();

  it('charges the debt to a pass granted after the session and clears the flag', () => {
    const a = unpaidCheckIn(s, 2, 2);
    const p = aPass({ balance: 5, grantedOn: '2025-03-20', grantedAt: LATER });
    const e = expectApplied(
      settleCheckIn(
        aContext({ role: 'host', now: LATER }),
        { sessionId: s.id, memberId: MEMBER },
        { session: s, attendance: a, passes: [p] },
      ),
    );
    expect(e.attendance).toEqual([
      {
        ...a,
        charges: [{ passId: p.id, credits: 2 }],
        unpaidCredits: 0,
        flags: [],
        updatedAt: LATER,
      },
    ]);
    expect(e.creditLog).toEqual([
      expect.objectContaining({
        passId: p.id,
        delta: -2,
        kind: 'charged_checkin',
        balanceAfter: 3,
        attendanceId: a.id,
        sessionId: s.id,
        reason: settledReason,
        byMemberId: HOST,
        at: LATER,
      }),
    ]);
    expect(e.passes.map((x) => x.balance)).toEqual([3]);
    expect(e.flags).toEqual([]);
  });

  it('charges what is usable, earliest expiry first, and keeps the rest owed', () => {
    const a = unpaidCheckIn(s, 3, 3, { charges: [], flags: ['over_capacity', 'unpaid'] });
    const late = aPass({ balance: 1, expiresOn: '2025-06-30' });
    const soon = aPass({ balance: 1, expiresOn: '2025-03-31' });
    const expired = aPass({ balance: 5, expiresOn: '2025-03-10' });
    const e = expectApplied(
      settleCheckIn(
        aContext({ role: 'owner' }),
        { sessionId: s.id, memberId: MEMBER },
        { session: s, attendance: a, passes: [late, soon, expired] },
      ),
    );
    const [settled] = e.attendance;
    expect(settled?.charges).toEqual([
      { passId: soon.id, credits: 1 },
      { passId: late.id, credits: 1 },
    ]);
    expect(settled?.unpaidCredits).toBe(1);
    expect(settled?.flags).toEqual(['over_capacity', 'unpaid']);
    expect(e.flags).toEqual(['unpaid']);
    expect(e.creditLog.map((c) => [c.passId, c.balanceAfter])).toEqual([
      [soon.id, 0],
      [late.id, 0],
    ]);
  });

  it('refuses when nothing is usable, and changes nothing', () => {
    const a = unpaidCheckIn(s, 1, 1);
    const d = expectRefused(
      settleCheckIn(
        aContext({ role: 'host' }),
        { sessionId: s.id, memberId: MEMBER },
        { session: s, attendance: a, passes: [aPass({ balance: 0 }), aPass({ active: false })] },
      ),
    );
    expect(d.code).toBe('insufficient_credits');
    expect(d.message).toContain('1 credit owed, 0 credits usable');
  });

  it('has nothing to do without a debt', () => {
    const a = anAttendance({ sessionId: s.id, charges: [{ passId: uuid(), credits: 1 }] });
    const e = expectApplied(
      settleCheckIn(
        aContext({ role: 'host' }),
        { sessionId: s.id, memberId: MEMBER },
        { session: s, attendance: a, passes: [aPass()] },
      ),
    );
    expect(e.creditLog).toEqual([]);
    expect(e.attendance).toEqual([]);
  });

  it('is for hosts and owners, on a live check-in of that member', () => {
    const a = unpaidCheckIn(s, 1, 1);
    const args = { sessionId: s.id, memberId: MEMBER };
    expect(
      expectRefused(
        settleCheckIn(aContext(), args, { session: s, attendance: a, passes: [aPass()] }),
      ).code,
    ).toBe('not_permitted');
    for (const facts of [
      { session: null, attendance: a, passes: [] },
      { session: s, attendance: null, passes: [] },
      { session: s, attendance: { ...a, voided: true }, passes: [] },
      { session: s, attendance: { ...a, memberId: OWNER }, passes: [] },
    ]) {
      expect(expectRefused(settleCheckIn(aContext({ role: 'host' }), args, facts)).code).toBe(
        'not_found',
      );
    }
  });

  it('keeps every credit accounted for and no balance below zero (property)', () => {
    const passArb = fc.record({
      balance: fc.integer({ min: 0, max: 4 }),
      expiresOn: fc.constantFrom('2025-03-10', '2025-03-11', '2025-04-01'),
      active: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(passArb, { maxLength: 4 }),
        (owed, specs) => {
          const passes: Pass[] = specs.map((p) => aPass(p));
          const a = unpaidCheckIn(s, owed + 1, owed, {
            charges: [{ passId: uuid(), credits: 1 }],
          });
          const d = settleCheckIn(
            aContext({ role: 'host' }),
            { sessionId: s.id, memberId: MEMBER },
            { session: s, attendance: a, passes },
          );
          const usable = passes
            .filter((p) => p.active && p.expiresOn >= '2025-03-11')
            .reduce((sum, p) => sum + p.balance, 0);
          if (!d.ok) {
            expect(d.code).toBe('insufficient_credits');
            expect(usable).toBe(0);
            return;
          }
          const after = d.effects.attendance[0]!;
          expect(totalCredits(after.charges) + after.unpaidCredits).toBe(a.credits);
          expect(after.unpaidCredits).toBe(Math.max(0, owed - usable));
          for (const entry of d.effects.creditLog) {
            expect(entry.balanceAfter).toBeGreaterThanOrEqual(0);
            const before = passes.find((p) => p.id === entry.passId)!;
            expect(entry.balanceAfter).toBe(before.balance + entry.delta);
          }
          const charged = -d.effects.creditLog.reduce((sum, e) => sum + e.delta, 0);
          expect(charged).toBe(owed - after.unpaidCredits);
        },
      ),
    );
  });
});

describe('attention.resolve', () => {
  const s = aSession();
  const flagged = (over: Partial<AttentionItem> = {}) =>
    anAttentionItem({
      kind: 'flagged',
      flags: ['unpaid'],
      sessionId: s.id,
      memberId: MEMBER,
      ...over,
    });
  const refused = anAttentionItem();
  const facts = (over: Partial<AttentionFacts> = {}): AttentionFacts => ({
    item: flagged(),
    resolution: null,
    session: s,
    attendance: unpaidCheckIn(s, 2, 2),
    passes: [],
    ...over,
  });
  const host = aContext({ role: 'host', now: LATER });

  it('dismisses an item and keeps the resolution with who, when and the note', () => {
    const f = facts();
    const e = expectApplied(
      resolveAttention(host, { itemId: f.item!.id, resolution: 'dismissed', note: 'Paid cash' }, f),
    );
    expect(e.attentionResolutions).toEqual([
      {
        itemId: f.item!.id,
        resolution: 'dismissed',
        note: 'Paid cash',
        resolvedBy: HOST,
        resolvedAt: LATER,
      },
    ]);
    // A dismissal changes nothing else: the debt stays recorded.
    expect(e.attendance).toEqual([]);
    expect(e.creditLog).toEqual([]);
  });

  it('accepting an unpaid check-in waives the debt without touching any pass', () => {
    const f = facts({ passes: [aPass()] });
    const e = expectApplied(
      resolveAttention(host, { itemId: f.item!.id, resolution: 'accepted' }, f),
    );
    expect(e.attendance).toEqual([
      { ...f.attendance!, unpaidCredits: 0, flags: [], updatedAt: LATER },
    ]);
    expect(e.creditLog).toEqual([]);
    expect(e.passes).toEqual([]);
    expect(e.attentionResolutions).toHaveLength(1);
  });

  it('accepting an over-capacity check-in or a refusal only closes it', () => {
    const over = facts({
      item: flagged({ flags: ['over_capacity'] }),
      attendance: anAttendance({ sessionId: s.id, flags: ['over_capacity'] }),
    });
    const e1 = expectApplied(
      resolveAttention(host, { itemId: over.item!.id, resolution: 'accepted' }, over),
    );
    expect(e1.attendance).toEqual([]);
    expect(e1.attentionResolutions).toHaveLength(1);
    const e2 = expectApplied(
      resolveAttention(
        host,
        { itemId: refused.id, resolution: 'accepted' },
        facts({ item: refused }),
      ),
    );
    expect(e2.attentionResolutions.map((r) => r.itemId)).toEqual([refused.id]);
  });

  it('charges the whole debt to usable passes', () => {
    const p = aPass({ balance: 3, grantedAt: LATER, grantedOn: '2025-03-20' });
    const f = facts({ passes: [p] });
    const e = expectApplied(
      resolveAttention(
        aContext({ role: 'owner', now: LATER }),
        { itemId: f.item!.id, resolution: 'charged' },
        f,
      ),
    );
    expect(e.attendance[0]).toMatchObject({
      charges: [{ passId: p.id, credits: 2 }],
      unpaidCredits: 0,
      flags: [],
    });
    expect(e.creditLog).toEqual([
      expect.objectContaining({ passId: p.id, delta: -2, balanceAfter: 1, reason: settledReason }),
    ]);
    expect(e.attentionResolutions[0]).toMatchObject({ resolution: 'charged', resolvedBy: OWNER });
  });

  it('refuses to charge part of a debt, leaving everything as it was', () => {
    const f = facts({ passes: [aPass({ balance: 1 })] });
    const d = expectRefused(
      resolveAttention(host, { itemId: f.item!.id, resolution: 'charged' }, f),
    );
    expect(d.code).toBe('insufficient_credits');
    expect(d.message).toContain('2 credits owed, 1 credit usable');
  });

  it('closes a charged item whose debt was already settled', () => {
    const f = facts({
      attendance: unpaidCheckIn(s, 2, 0, { flags: [], charges: [{ passId: uuid(), credits: 2 }] }),
    });
    const e = expectApplied(
      resolveAttention(host, { itemId: f.item!.id, resolution: 'charged' }, f),
    );
    expect(e.creditLog).toEqual([]);
    expect(e.attendance).toEqual([]);
    expect(e.attentionResolutions).toHaveLength(1);
  });

  it('charges only unpaid check-ins that still stand', () => {
    const d1 = expectRefused(
      resolveAttention(
        host,
        { itemId: refused.id, resolution: 'charged' },
        facts({ item: refused }),
      ),
    );
    expect(d1.code).toBe('invalid_args');
    const voided = facts({ attendance: unpaidCheckIn(s, 2, 0, { voided: true }) });
    const d2 = expectRefused(
      resolveAttention(host, { itemId: voided.item!.id, resolution: 'charged' }, voided),
    );
    expect(d2.code).toBe('conflict');
  });

  it('resolves once; members may not resolve; unknown items are not found', () => {
    const f = facts({
      resolution: {
        itemId: uuid(),
        resolution: 'accepted',
        note: null,
        resolvedBy: OWNER,
        resolvedAt: '2025-03-12T08:30:00.000Z',
      },
    });
    const again = expectRefused(
      resolveAttention(host, { itemId: f.item!.id, resolution: 'dismissed' }, f),
    );
    expect(again.code).toBe('conflict');
    expect(again.message).toContain('already resolved (accepted) on 2025-03-12 at 09:30');
    expect(
      expectRefused(
        resolveAttention(aContext(), { itemId: uuid(), resolution: 'dismissed' }, facts()),
      ).code,
    ).toBe('not_permitted');
    expect(
      expectRefused(
        resolveAttention(host, { itemId: uuid(), resolution: 'dismissed' }, facts({ item: null })),
      ).code,
    ).toBe('not_found');
  });
});
