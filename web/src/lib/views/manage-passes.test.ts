import { describe, expect, it } from 'vitest';
import {
  aClubSettings,
  aCreditLogEntry,
  aMember,
  aPass,
  aPassRequest,
  aSession,
  aTemplate,
  OWNER,
} from '@turnout/shared/testing';
import { replicaOf } from '$lib/testing';
import {
  findMembers,
  grantPreview,
  grantableTemplates,
  mayManagePasses,
  memberPasses,
  passLog,
  pendingRequests,
  requestCounts,
  requestRows,
  searchable,
} from './manage-passes';

const today = '2025-03-10';
const olga = aMember({ memberId: OWNER, name: 'Olga Owner', role: 'owner' });
const options = { today, locale: 'en', clubLocales: ['en'] };

describe('who manages passes', () => {
  it('is owners, and hosts only when the club allows it', () => {
    expect(mayManagePasses('owner', aClubSettings())).toBe(true);
    expect(mayManagePasses('host', aClubSettings())).toBe(false);
    expect(mayManagePasses('host', aClubSettings({ hostsCanManagePasses: true }))).toBe(true);
    expect(mayManagePasses('member', aClubSettings({ hostsCanManagePasses: true }))).toBe(false);
  });
});

describe('finding a member', () => {
  const zoe = aMember({ name: 'Zoë Quinn' });
  const ada = aMember({ name: 'Ada Lovelace' });
  const gone = aMember({ name: 'Adam Gone', removed: true });
  const view = replicaOf({ members: [olga, zoe, ada, gone] });

  it('ignores case and accents and needs every word', () => {
    expect(searchable('Zoë')).toBe('zoe');
    expect(findMembers(view, 'zoe').map((m) => m.name)).toEqual(['Zoë Quinn']);
    expect(findMembers(view, 'ada love').map((m) => m.name)).toEqual(['Ada Lovelace']);
    expect(findMembers(view, 'ada quinn')).toEqual([]);
  });

  it('lists everyone still in the club by name when nothing is typed', () => {
    expect(findMembers(view, '  ').map((m) => m.name)).toEqual([
      'Ada Lovelace',
      'Olga Owner',
      'Zoë Quinn',
    ]);
  });
});

describe('a member’s passes', () => {
  it('shows usable passes first, soonest expiry first, then the rest', () => {
    const who = aMember({ name: 'Ada' });
    const later = aPass({ memberId: who.memberId, expiresOn: '2025-06-01' });
    const sooner = aPass({ memberId: who.memberId, expiresOn: '2025-04-01' });
    const usedUp = aPass({ memberId: who.memberId, balance: 0 });
    const off = aPass({ memberId: who.memberId, active: false });
    const expired = aPass({ memberId: who.memberId, expiresOn: '2025-03-09', active: false });
    const view = replicaOf({ members: [who], passes: [later, expired, usedUp, off, sooner] });
    const list = memberPasses(view, who.memberId, options);
    expect(list.map((p) => [p.pass.id, p.state])).toEqual([
      [sooner.id, 'usable'],
      [later.id, 'usable'],
      [usedUp.id, 'used_up'],
      [off.id, 'deactivated'],
      [expired.id, 'expired'],
    ]);
    expect(list[0]!.daysLeft).toBe(22);
    expect(list.at(-1)!.daysLeft).toBe(-1);
  });
});

describe('granting', () => {
  it('expires today (club date) + validity days, with the template’s sessions and price', () => {
    const t = aTemplate({ validityDays: 30, sessions: 5, priceMinor: 4500, currency: 'CHF' });
    expect(grantPreview(t, '2025-02-15')).toEqual({
      sessions: 5,
      expiresOn: '2025-03-17',
      priceMinor: 4500,
      currency: 'CHF',
    });
  });

  it('offers templates that are not deleted, by name', () => {
    const view = replicaOf({
      templates: [
        aTemplate({ names: { en: 'B' } }),
        aTemplate({ names: { en: 'A' } }),
        aTemplate({ names: { en: 'Gone' }, deletedAt: '2025-01-01T00:00:00.000Z' }),
      ],
    });
    expect(grantableTemplates(view, 'en', ['en']).map((o) => o.name)).toEqual(['A', 'B']);
  });
});

describe('credit log', () => {
  it('lists entries newest first with who made them and the session, in written order on ties', () => {
    const who = aMember({ name: 'Ada' });
    const p = aPass({ memberId: who.memberId, balance: 9 });
    const yoga = aSession({ title: 'Yoga' });
    const at = '2025-03-05T10:00:00.000Z';
    const view = replicaOf({
      members: [olga, who],
      passes: [p],
      sessions: [yoga],
      creditLog: [
        // Two entries of one change, stored out of order: the balance chain orders them.
        aCreditLogEntry({
          passId: p.id,
          kind: 'manual_adjustment',
          delta: -2,
          balanceAfter: 9,
          at,
          reason: 'Typo',
        }),
        aCreditLogEntry({ passId: p.id, kind: 'sessions_added', delta: 1, balanceAfter: 11, at }),
        aCreditLogEntry({ passId: p.id, kind: 'granted', delta: 10, balanceAfter: 10 }),
        aCreditLogEntry({
          passId: p.id,
          kind: 'charged_checkin',
          delta: -1,
          balanceAfter: 8,
          at: '2025-03-11T17:05:00.000Z',
          sessionId: yoga.id,
          byMemberId: who.memberId,
        }),
      ],
    });
    const log = passLog(view, p.id);
    expect(log.complete).toBe(true);
    expect(
      log.rows.map((r) => [r.entry.kind, r.entry.balanceAfter, r.byName, r.sessionTitle]),
    ).toEqual([
      ['charged_checkin', 8, 'Ada', 'Yoga'],
      ['manual_adjustment', 9, 'Olga Owner', null],
      ['sessions_added', 11, 'Olga Owner', null],
      ['granted', 10, 'Olga Owner', null],
    ]);
  });

  it('is incomplete without its granted entry (older history not on this device)', () => {
    const p = aPass();
    const view = replicaOf({
      passes: [p],
      creditLog: [
        aCreditLogEntry({ passId: p.id, kind: 'charged_checkin', delta: -1, balanceAfter: 3 }),
      ],
    });
    expect(passLog(view, p.id).complete).toBe(false);
  });
});

describe('pass requests', () => {
  const ada = aMember({ name: 'Ada' });
  const bo = aMember({ name: 'Bo', removed: true });
  const t = aTemplate({ names: { en: 'Ten classes' } });
  const older = aPassRequest({
    memberId: ada.memberId,
    templateId: t.id,
    createdAt: '2025-03-01T10:00:00.000Z',
  });
  const newer = aPassRequest({
    memberId: bo.memberId,
    templateId: t.id,
    createdAt: '2025-03-03T10:00:00.000Z',
  });
  const approved = aPassRequest({
    memberId: ada.memberId,
    templateId: t.id,
    status: 'approved',
    decidedAt: '2025-03-02T10:00:00.000Z',
    decidedBy: OWNER,
  });
  const rejected = aPassRequest({
    memberId: ada.memberId,
    templateId: 'not-here',
    status: 'rejected',
    decidedAt: '2025-03-04T10:00:00.000Z',
    decidedBy: OWNER,
    reason: 'Sold out',
  });
  const view = replicaOf({
    members: [olga, ada, bo],
    templates: [t],
    passRequests: [newer, approved, rejected, older],
  });

  it('counts pending requests for the badge', () => {
    expect(pendingRequests(view)).toBe(2);
    expect(pendingRequests(null)).toBe(0);
    expect(requestCounts(view)).toEqual({ pending: 2, approved: 1, rejected: 1, all: 4 });
  });

  it('shows pending requests first come first served, decided ones latest first', () => {
    const all = requestRows(view, 'all', { locale: 'en', clubLocales: ['en'] });
    expect(all.map((r) => r.request.id)).toEqual([older.id, newer.id, rejected.id, approved.id]);
    expect(all[1]).toMatchObject({
      memberName: 'Bo',
      memberRemoved: true,
      templateName: 'Ten classes',
    });
    expect(all[2]).toMatchObject({ template: null, templateName: '', decidedByName: 'Olga Owner' });
  });

  it('filters by status', () => {
    const rows = (f: 'pending' | 'approved' | 'rejected') =>
      requestRows(view, f, { locale: 'en', clubLocales: ['en'] }).map((r) => r.request.id);
    expect(rows('pending')).toEqual([older.id, newer.id]);
    expect(rows('approved')).toEqual([approved.id]);
    expect(rows('rejected')).toEqual([rejected.id]);
  });

  it('drops a withdrawn request from Pending and the badge; All still shows it, as decided', () => {
    const withdrawn = {
      ...newer,
      status: 'withdrawn' as const,
      decidedAt: '2025-03-05T10:00:00.000Z',
      decidedBy: bo.memberId,
    };
    const after = replicaOf({
      members: [olga, ada, bo],
      templates: [t],
      passRequests: [withdrawn, approved, rejected, older],
    });
    const rows = (f: 'pending' | 'all') =>
      requestRows(after, f, { locale: 'en', clubLocales: ['en'] }).map((r) => r.request.id);
    expect(rows('pending')).toEqual([older.id]);
    expect(pendingRequests(after)).toBe(1);
    expect(requestCounts(after)).toEqual({ pending: 1, approved: 1, rejected: 1, all: 4 });
    expect(rows('all')).toEqual([older.id, withdrawn.id, rejected.id, approved.id]);
  });
});
