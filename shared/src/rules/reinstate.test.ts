import { describe, expect, it } from 'vitest';
import {
  HOST,
  MEMBER,
  OTHER,
  OWNER,
  aContext,
  aPass,
  aRefusedCheckIn,
  aSession,
  anAttendance,
  expectApplied,
  expectRefused,
} from '../testing/index.js';
import type { MemberSessionFacts } from './attendance.js';
import { checkIn } from './checkins.js';
import { reinstateCheckIn, reinstatedReason, type RefusedCheckIn } from './reinstate.js';
import type { Role } from '../roles.js';

const IN_WINDOW = '2025-03-11T16:55:00.000Z';
/** After the grace period (18:30Z), inside the backfill window. */
const LATER = '2025-03-11T19:00:00.000Z';

const session = aSession({ capacity: 1 });
/** Noah's check-in at 17:52 Berlin time on the front desk tablet took the last spot. */
const noahs = anAttendance({
  sessionId: session.id,
  memberId: OTHER,
  checkedInAt: '2025-03-11T16:52:00.000Z',
  deviceLabel: 'Front desk tablet',
});
const names: Record<string, string> = { [OTHER]: 'Noah Quinn', [MEMBER]: 'Mia Member' };

function full(over: Partial<MemberSessionFacts> = {}): MemberSessionFacts {
  return {
    session,
    occupancy: 1,
    signup: null,
    attendance: null,
    passes: [aPass()],
    placeRecords: [
      {
        kind: 'checkin',
        at: noahs.checkedInAt,
        deviceLabel: noahs.deviceLabel,
        memberId: OTHER,
      },
    ],
    nameOf: (id) => names[id] ?? null,
    ...over,
  };
}

describe('a full session, told to whoever was refused', () => {
  it('names the winner, the time and the device to a host', () => {
    const r = expectRefused(
      checkIn(
        aContext({ role: 'host', now: IN_WINDOW, settings: { hostOverCapacity: 'reject' } }),
        { sessionId: session.id, memberId: MEMBER },
        full(),
      ),
    );
    expect(r.message).toBe(
      'The session is full. The last spot went to Noah Quinn: a check-in recorded at 17:52 on Front desk tablet.',
    );
    expect(r.explanation).toEqual({
      kind: 'place_taken',
      record: 'checkin',
      at: noahs.checkedInAt,
      device: 'Front desk tablet',
      memberName: 'Noah Quinn',
    });
  });

  it('tells a member the time and the device, never who', () => {
    const r = expectRefused(
      checkIn(aContext({ now: IN_WINDOW }), { sessionId: session.id }, full()),
    );
    expect(r.message).toBe(
      'The session is full. The last spot was taken by a check-in recorded at 17:52 on Front desk tablet.',
    );
    expect(r.explanation).toEqual({
      kind: 'place_taken',
      record: 'checkin',
      at: noahs.checkedInAt,
      device: 'Front desk tablet',
    });
  });

  it('says what it can when the winner is not known by name', () => {
    const r = expectRefused(
      checkIn(
        aContext({ role: 'owner', now: IN_WINDOW, settings: { hostOverCapacity: 'reject' } }),
        { sessionId: session.id, memberId: MEMBER },
        full({ nameOf: () => null }),
      ),
    );
    expect(r.explanation).not.toHaveProperty('memberName');
  });
});

function reinstate(
  refused: RefusedCheckIn | null | undefined,
  over: { role?: Role; now?: string; facts?: Partial<MemberSessionFacts>; reject?: boolean } = {},
) {
  const role = over.role ?? 'owner';
  return reinstateCheckIn(
    aContext({
      role,
      now: over.now ?? LATER,
      settings: {
        hostOverCapacity: 'reject',
        hostWithoutCredits: over.reject ? 'reject' : 'flag',
      },
    }),
    {
      itemId: refused?.id ?? noahs.id,
      sessionId: session.id,
      memberId: MEMBER,
      note: 'She was there',
    },
    { ...full(over.facts), refused },
  );
}

describe('reinstating a refused check-in', () => {
  const refused = aRefusedCheckIn({ sessionId: session.id });

  it('records it over capacity by the owner, charged, at the time of the door, and resolves the refusal', () => {
    const pass = aPass({ balance: 3 });
    const e = expectApplied(reinstate(refused, { facts: { passes: [pass] } }));
    expect(e.attendance).toMatchObject([
      {
        sessionId: session.id,
        memberId: MEMBER,
        credits: 1,
        charges: [{ passId: pass.id, credits: 1 }],
        flags: ['over_capacity'],
        checkedInAt: refused.at,
        byMemberId: OWNER,
        backfilled: true,
      },
    ]);
    expect(e.creditLog).toMatchObject([
      {
        passId: pass.id,
        delta: -1,
        balanceAfter: 2,
        kind: 'charged_checkin',
        reason: reinstatedReason,
      },
    ]);
    expect(e.passes).toMatchObject([{ id: pass.id, balance: 2 }]);
    // The owner's decision is the resolution, not a new item to look at.
    expect(e.flags).toEqual([]);
    expect(e.attentionResolutions).toEqual([
      {
        itemId: refused.id,
        resolution: 'reinstated',
        note: 'She was there',
        resolvedBy: OWNER,
        resolvedAt: LATER,
      },
    ]);
  });

  it('is for owners only', () => {
    expect(expectRefused(reinstate(refused, { role: 'host' })).code).toBe('not_permitted');
    expect(expectRefused(reinstate(refused, { role: 'member' })).code).toBe('not_permitted');
  });

  it('leaves the decision to the server on a device, which has no mutation log', () => {
    expect(expectApplied(reinstate(undefined)).attendance).toEqual([]);
    expect(expectRefused(reinstate(undefined, { role: 'host' })).code).toBe('not_permitted');
  });

  it('needs a refused check-in of this club, for this session and member, not resolved before', () => {
    expect(expectRefused(reinstate(null)).code).toBe('not_found');
    expect(expectRefused(reinstate({ ...refused, code: 'check_in_closed' })).code).toBe(
      'invalid_args',
    );
    expect(expectRefused(reinstate({ ...refused, memberId: HOST })).code).toBe('invalid_args');
    const resolved = {
      ...refused,
      resolution: {
        itemId: refused.id,
        resolution: 'reinstated' as const,
        note: null,
        resolvedBy: OWNER,
        resolvedAt: LATER,
      },
    };
    expect(expectRefused(reinstate(resolved)).code).toBe('conflict');
  });

  it('changes nothing for someone checked in since', () => {
    const since = anAttendance({ sessionId: session.id, memberId: MEMBER });
    expect(expectRefused(reinstate(refused, { facts: { attendance: since } })).code).toBe(
      'already_checked_in',
    );
  });

  it('charges as the rules say: without usable credits it is unpaid, or refused under reject', () => {
    const empty = aPass({ balance: 0 });
    const unpaid = expectApplied(reinstate(refused, { facts: { passes: [empty] } }));
    expect(unpaid.attendance[0]).toMatchObject({
      unpaidCredits: 1,
      flags: ['over_capacity', 'unpaid'],
    });
    expect(unpaid.flags).toEqual(['unpaid']);
    expect(unpaid.creditLog).toEqual([]);
    const r = expectRefused(reinstate(refused, { facts: { passes: [empty] }, reject: true }));
    expect(r.code).toBe('insufficient_credits');
  });

  it('keeps to the backfill window', () => {
    expect(expectRefused(reinstate(refused, { now: '2025-03-25T12:00:00.000Z' })).code).toBe(
      'outside_backfill_window',
    );
  });
});
