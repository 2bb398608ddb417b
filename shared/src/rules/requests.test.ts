import { describe, expect, it } from 'vitest';
import {
  MEMBER,
  aContext,
  expectApplied,
  expectRefused,
  aTemplate,
  uuid,
  aPassRequest,
  OWNER,
  OTHER,
} from '../testing/index.js';
import {
  createPassRequest,
  pendingRequestCount,
  rejectPassRequest,
  withdrawPassRequest,
} from './requests.js';
import { grantPass } from './passes.js';

describe('pass requests', () => {
  const t = aTemplate();

  it('a member requests a template for themselves, pending', () => {
    const requestId = uuid();
    const e = expectApplied(
      createPassRequest(
        aContext(),
        { requestId, templateId: t.id, note: 'From April' },
        { template: t, existing: null },
      ),
    );
    expect(e.passRequests).toMatchObject([
      { id: requestId, memberId: MEMBER, status: 'pending', note: 'From April' },
    ]);
    expect(
      expectRefused(
        createPassRequest(
          aContext(),
          { requestId, templateId: t.id },
          { template: null, existing: null },
        ),
      ).code,
    ).toBe('not_found');
  });

  it('rejecting notifies the member with the reason; a decided request cannot be rejected', () => {
    const r = aPassRequest({ templateId: t.id, createdAt: '2025-03-01T10:00:00.000Z' });
    const owner = aContext({ role: 'owner' });
    const e = expectApplied(
      rejectPassRequest(owner, { requestId: r.id, reason: 'Pay first' }, { request: r }),
    );
    expect(e.passRequests).toMatchObject([{ status: 'rejected', reason: 'Pay first' }]);
    expect(e.notifications).toMatchObject([
      { memberId: MEMBER, kind: 'pass_request_rejected', data: { reason: 'Pay first' } },
    ]);
    expect(
      expectRefused(
        rejectPassRequest(owner, { requestId: r.id }, { request: { ...r, status: 'approved' } }),
      ).code,
    ).toBe('conflict');
    expect(
      expectRefused(
        rejectPassRequest(aContext({ role: 'host' }), { requestId: r.id }, { request: r }),
      ).code,
    ).toBe('not_permitted');
    expect(pendingRequestCount([r, { ...r, status: 'approved' }])).toBe(1);
  });

  describe('withdrawing', () => {
    const r = aPassRequest({ templateId: t.id, createdAt: '2025-03-01T10:00:00.000Z' });

    it('a member takes back their own pending request; it leaves the pending badge', () => {
      const ctx = aContext();
      const e = expectApplied(withdrawPassRequest(ctx, { requestId: r.id }, { request: r }));
      expect(e.passRequests).toEqual([
        {
          ...r,
          status: 'withdrawn',
          decidedAt: new Date(ctx.now).toISOString(),
          decidedBy: MEMBER,
        },
      ]);
      // Nobody is notified: the member did it themselves.
      expect(e.notifications).toEqual([]);
      expect(pendingRequestCount([r, e.passRequests[0]!])).toBe(1);
    });

    it('is refused for a request that does not exist or is someone else’s, whatever the role', () => {
      const missing = withdrawPassRequest(aContext(), { requestId: uuid() }, { request: null });
      expect(expectRefused(missing).code).toBe('not_found');
      const theirs = { ...r, memberId: OTHER };
      for (const ctx of [aContext(), aContext({ role: 'owner' })]) {
        const refused = withdrawPassRequest(ctx, { requestId: r.id }, { request: theirs });
        expect(expectRefused(refused).code).toBe('not_permitted');
      }
    });

    it('is refused once decided, saying how; and a withdrawn request cannot be approved', () => {
      for (const status of ['approved', 'rejected', 'withdrawn'] as const) {
        const refused = expectRefused(
          withdrawPassRequest(aContext(), { requestId: r.id }, { request: { ...r, status } }),
        );
        expect(refused.code).toBe('conflict');
        expect(refused.message).toContain(`The request was already ${status}.`);
      }
      const withdrawn = { ...r, status: 'withdrawn' as const };
      const grant = grantPass(
        aContext({ role: 'owner', memberId: OWNER }),
        { passId: uuid(), memberId: MEMBER, templateId: t.id, requestId: r.id },
        { template: t, request: withdrawn, existing: null },
      );
      expect(expectRefused(grant).code).toBe('conflict');
    });
  });
});
