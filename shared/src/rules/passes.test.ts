import { describe, expect, it } from 'vitest';
import {
  MEMBER,
  OWNER,
  aContext,
  expectApplied,
  expectRefused,
  aPass,
  aSession,
  aTemplate,
  uuid,
  aPassRequest,
} from '../testing/index.js';
import {
  addSessions,
  adjustPass,
  choosePasses,
  extendPass,
  grantPass,
  setPassActive,
} from './passes.js';
import { createTemplate, deleteTemplate, isPassInUse, updateTemplate } from './templates.js';

const NOW = '2025-03-11T10:00:00.000Z';
const owner = (settings = {}) => aContext({ role: 'owner', now: NOW, settings });

describe('choosePasses', () => {
  it('orders by expiry, then grant time, then id, and reports the shortfall', () => {
    const s = aSession();
    const a = aPass({ expiresOn: '2025-04-01', grantedAt: '2025-03-02T00:00:00.000Z', balance: 1 });
    const b = aPass({ expiresOn: '2025-04-01', grantedAt: '2025-03-01T00:00:00.000Z', balance: 1 });
    const c = aPass({ expiresOn: '2025-03-20', balance: 1 });
    expect(choosePasses([a, b, c], s, '2025-03-11', 5)).toEqual({
      charges: [
        { passId: c.id, credits: 1 },
        { passId: b.id, credits: 1 },
        { passId: a.id, credits: 1 },
      ],
      shortfall: 2,
    });
  });

  it('a pass expiring on the session date pays; the day before it does not', () => {
    const s = aSession();
    expect(choosePasses([aPass({ expiresOn: '2025-03-11' })], s, '2025-03-11', 1).shortfall).toBe(
      0,
    );
    expect(choosePasses([aPass({ expiresOn: '2025-03-10' })], s, '2025-03-11', 1).shortfall).toBe(
      1,
    );
  });
});

describe('templates', () => {
  const args = {
    templateId: uuid(),
    names: { en: '10 classes' },
    sessions: 10,
    priceMinor: 9000,
    currency: 'EUR',
    validityDays: 60,
  };

  it('creates a template (owner only)', () => {
    const e = expectApplied(createTemplate(owner(), args, { existing: null }));
    expect(e.templates).toMatchObject([
      { id: args.templateId, trainingTypeIds: [], descriptions: {}, deletedAt: null },
    ]);
    expect(
      expectRefused(createTemplate(aContext({ role: 'host' }), args, { existing: null })).code,
    ).toBe('not_permitted');
  });

  it('editing a template after granting leaves the pass with its own terms', () => {
    const t = aTemplate({ sessions: 10, validityDays: 30, priceMinor: 10000 });
    const granted = expectApplied(
      grantPass(
        owner(),
        { passId: uuid(), memberId: MEMBER, templateId: t.id },
        { template: t, request: null, existing: null },
      ),
    );
    const edited = expectApplied(
      updateTemplate(
        owner(),
        { templateId: t.id, sessions: 5, priceMinor: 20000 },
        { template: t },
      ),
    );
    expect(edited.templates).toMatchObject([{ sessions: 5, priceMinor: 20000, validityDays: 30 }]);
    expect(edited.passes).toEqual([]);
    expect(granted.passes[0]?.terms).toMatchObject({
      sessions: 10,
      priceMinor: 10000,
      validityDays: 30,
    });
    expect(granted.passes[0]?.balance).toBe(10);
  });

  it('deleting a template in use is refused; unused, expired, empty or inactive passes do not block it', () => {
    const t = aTemplate();
    const inUse = aPass({ templateId: t.id, expiresOn: '2025-03-11', balance: 1 });
    const r = expectRefused(
      deleteTemplate(owner(), { templateId: t.id }, { template: t, passes: [inUse] }),
    );
    expect(r.code).toBe('template_in_use');
    expect(r.message).toContain('1 active pass uses it');
    const stale = [
      aPass({ templateId: t.id, expiresOn: '2025-03-10' }),
      aPass({ templateId: t.id, balance: 0 }),
      aPass({ templateId: t.id, active: false }),
      aPass({ templateId: uuid() }),
    ];
    const e = expectApplied(
      deleteTemplate(owner(), { templateId: t.id }, { template: t, passes: stale }),
    );
    expect(e.templates).toMatchObject([{ id: t.id, deletedAt: NOW }]);
  });

  it('isPassInUse counts active, unexpired passes with sessions left', () => {
    expect(isPassInUse(aPass({ expiresOn: '2025-03-11' }), '2025-03-11')).toBe(true);
    expect(isPassInUse(aPass({ expiresOn: '2025-03-10' }), '2025-03-11')).toBe(false);
  });
});

describe('grant', () => {
  const t = aTemplate({ sessions: 8, validityDays: 30 });

  it('expires today (club time zone) + validity days, with a granted entry', () => {
    // 23:30Z on 10 March is already 11 March in Berlin.
    const c = aContext({ role: 'owner', now: '2025-03-10T23:30:00.000Z' });
    const passId = uuid();
    const e = expectApplied(
      grantPass(
        c,
        { passId, memberId: MEMBER, templateId: t.id },
        { template: t, request: null, existing: null },
      ),
    );
    expect(e.passes).toMatchObject([
      { id: passId, grantedOn: '2025-03-11', expiresOn: '2025-04-10', balance: 8, active: true },
    ]);
    expect(e.creditLog).toMatchObject([
      { passId, delta: 8, kind: 'granted', balanceAfter: 8, byMemberId: OWNER },
    ]);
    expect(e.notifications).toMatchObject([{ memberId: MEMBER, kind: 'pass_granted' }]);
  });

  it('approves the pending request it names', () => {
    const request = aPassRequest({ templateId: t.id, createdAt: NOW });
    const passId = uuid();
    const args = { passId, memberId: MEMBER, templateId: t.id, requestId: request.id };
    const e = expectApplied(grantPass(owner(), args, { template: t, request, existing: null }));
    expect(e.passRequests).toMatchObject([
      { id: request.id, status: 'approved', passId, decidedBy: OWNER },
    ]);
    const again = expectRefused(
      grantPass(owner(), args, {
        template: t,
        request: { ...request, status: 'rejected' },
        existing: null,
      }),
    );
    expect(again.code).toBe('conflict');
  });

  it('hosts grant only when the club allows it; deleted templates cannot be granted', () => {
    const args = { passId: uuid(), memberId: MEMBER, templateId: t.id };
    const f = { template: t, request: null, existing: null };
    expect(expectRefused(grantPass(aContext({ role: 'host' }), args, f)).code).toBe(
      'not_permitted',
    );
    expect(
      expectApplied(
        grantPass(aContext({ role: 'host', settings: { hostsCanManagePasses: true } }), args, f),
      ).passes,
    ).toHaveLength(1);
    expect(
      expectRefused(grantPass(owner(), args, { ...f, template: { ...t, deletedAt: NOW } })).code,
    ).toBe('not_found');
  });
});

describe('extend, add sessions, activate, adjust', () => {
  it('extend adds days to the current expiry date', () => {
    const p = aPass({ expiresOn: '2025-03-31' });
    const e = expectApplied(extendPass(owner(), { passId: p.id, days: 14 }, { pass: p }));
    expect(e.passes).toMatchObject([{ expiresOn: '2025-04-14', balance: p.balance }]);
    expect(e.creditLog).toMatchObject([
      { kind: 'extended', delta: 0, expiresOnAfter: '2025-04-14', balanceAfter: p.balance },
    ]);
  });

  it('add sessions adds to the balance', () => {
    const p = aPass({ balance: 2 });
    const e = expectApplied(addSessions(owner(), { passId: p.id, sessions: 5 }, { pass: p }));
    expect(e.creditLog).toMatchObject([{ kind: 'sessions_added', delta: 5, balanceAfter: 7 }]);
  });

  it('deactivate / reactivate log a zero entry; the same state changes nothing', () => {
    const p = aPass();
    const off = expectApplied(setPassActive(owner(), { passId: p.id, active: false }, { pass: p }));
    expect(off.creditLog).toMatchObject([{ kind: 'deactivated', delta: 0, balanceAfter: 10 }]);
    expect(off.passes).toMatchObject([{ active: false, balance: 10, expiresOn: p.expiresOn }]);
    const on = expectApplied(
      setPassActive(owner(), { passId: p.id, active: true }, { pass: { ...p, active: false } }),
    );
    expect(on.creditLog).toMatchObject([{ kind: 'reactivated', delta: 0 }]);
    expect(
      expectApplied(setPassActive(owner(), { passId: p.id, active: true }, { pass: p })).creditLog,
    ).toEqual([]);
  });

  it('manual adjustment records the reason and never goes below zero', () => {
    const p = aPass({ balance: 2 });
    const e = expectApplied(
      adjustPass(owner(), { passId: p.id, delta: -2, reason: 'Refund' }, { pass: p }),
    );
    expect(e.creditLog).toMatchObject([
      { kind: 'manual_adjustment', delta: -2, balanceAfter: 0, reason: 'Refund' },
    ]);
    const r = expectRefused(
      adjustPass(owner(), { passId: p.id, delta: -3, reason: 'Oops' }, { pass: p }),
    );
    expect(r.code).toBe('invalid_args');
    expect(r.message).toContain('2 sessions left');
  });

  it('needs the pass and the right role', () => {
    const p = aPass();
    expect(
      expectRefused(addSessions(owner(), { passId: p.id, sessions: 1 }, { pass: null })).code,
    ).toBe('not_found');
    expect(
      expectRefused(addSessions(aContext(), { passId: p.id, sessions: 1 }, { pass: p })).code,
    ).toBe('not_permitted');
  });
});
