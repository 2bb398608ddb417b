import { describe, expect, it } from 'vitest';
import {
  MEMBER,
  aContext,
  expectApplied,
  expectRefused,
  aTemplate,
  uuid,
  aPassRequest,
} from '../testing/index.js';
import { createPassRequest, pendingRequestCount, rejectPassRequest } from './requests.js';

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
});
