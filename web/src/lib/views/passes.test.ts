import type { CreditLogEntry } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import {
  aCreditLogEntry,
  aMember,
  aPass,
  aPassRequest,
  aSession,
  aTemplate,
  aTrainingType,
  MEMBER,
  OTHER,
  OWNER,
  uuid,
} from '@turnout/shared/testing';
import { fmt, replicaOf, t } from '$lib/testing';
import {
  byText,
  chronological,
  formatPrice,
  localName,
  logText,
  myPasses,
  myRequests,
  requestableTemplates,
} from './passes';

/** Tue 2025-03-11 13:00 in Berlin. */
const NOW = '2025-03-11T12:00:00.000Z';

describe('localName', () => {
  it('takes the UI language, then the club languages in order, then any', () => {
    const names = { de: '10er-Karte', sl: 'Karta 10', fr: 'Carte 10' };
    expect(localName(names, 'de')).toBe('10er-Karte');
    expect(localName(names, 'en', ['sl', 'de'])).toBe('Karta 10');
    expect(localName({ fr: 'Carte 10' }, 'en', ['de'])).toBe('Carte 10');
    expect(localName({}, 'en')).toBe('');
  });
});

describe('myPasses', () => {
  it('tells expiry in club days and whether each pass can pay', () => {
    const lastDay = aPass({ expiresOn: '2025-03-11' });
    const later = aPass({ expiresOn: '2025-04-10' });
    const expired = aPass({ expiresOn: '2025-03-09' });
    const usedUp = aPass({ balance: 0 });
    const paused = aPass({ active: false });
    const someoneElses = aPass({ memberId: OTHER });
    const view = replicaOf({ passes: [later, expired, usedUp, paused, lastDay, someoneElses] });

    const shown = myPasses(view, MEMBER, { locale: 'en', now: NOW });

    expect(shown.map((p) => [p.pass.id, p.state, p.daysLeft])).toEqual([
      // Usable ones in the order they pay: earliest expiry first.
      [lastDay.id, 'usable', 0],
      [later.id, 'usable', 30],
      [usedUp.id, 'used_up', 80],
      [expired.id, 'expired', -2],
      [paused.id, 'deactivated', 80],
    ]);
  });

  it('counts the expiry day in the club time zone, not UTC', () => {
    const p = aPass({ expiresOn: '2025-03-11' });
    // 23:30 UTC on the 11th is already the 12th in Berlin: the pass has expired there.
    const [shown] = myPasses(replicaOf({ passes: [p] }), MEMBER, {
      locale: 'en',
      now: '2025-03-11T23:30:00.000Z',
    });
    expect(shown).toMatchObject({ daysLeft: -1, state: 'expired' });
  });

  it('names the pass in the UI language and the training types it applies to', () => {
    const yoga = aTrainingType({ name: 'Yoga' });
    const pilates = aTrainingType({ name: 'Pilates', archived: true });
    const restricted = aPass({
      terms: { trainingTypeIds: [yoga.id, pilates.id, uuid()] },
    });
    const open = aPass();
    const view = replicaOf({ passes: [restricted, open], trainingTypes: [yoga, pilates] });

    const shown = myPasses(view, MEMBER, { locale: 'de', now: NOW });

    const byId = new Map(shown.map((p) => [p.pass.id, p]));
    expect(byId.get(open.id)).toMatchObject({ name: '10er-Karte', trainingTypes: { all: true } });
    expect(byId.get(restricted.id)?.trainingTypes).toEqual({
      all: false,
      names: ['Pilates', 'Yoga'],
      unknown: 1,
    });
  });

  it('shows the whole credit log newest first, with the session and who made each change', () => {
    const yoga = aSession();
    const p = aPass({ balance: 9 });
    const granted = aCreditLogEntry({ passId: p.id });
    const charged = aCreditLogEntry({
      passId: p.id,
      kind: 'charged_checkin',
      delta: -2,
      balanceAfter: 8,
      sessionId: yoga.id,
      byMemberId: MEMBER,
      at: '2025-03-11T17:05:00.000Z',
    });
    const returned = aCreditLogEntry({
      passId: p.id,
      kind: 'returned_adjustment',
      delta: 1,
      balanceAfter: 9,
      sessionId: yoga.id,
      byMemberId: OTHER,
      at: '2025-03-11T17:30:00.000Z',
    });
    const view = replicaOf({
      passes: [p],
      sessions: [yoga],
      members: [
        aMember({ memberId: MEMBER, name: 'Mia Member' }),
        aMember({ memberId: OTHER, name: 'Hugo Host' }),
      ],
      creditLog: [returned, granted, charged],
    });

    const [shown] = myPasses(view, MEMBER, { locale: 'en', now: NOW });

    expect(shown!.log.map((l) => l.entry.id)).toEqual([returned.id, charged.id, granted.id]);
    expect(shown!.log.map((l) => logText(l, t, fmt))).toEqual([
      'Returned: check-in for Tuesday Yoga (Tue 11 Mar, 18:00) changed',
      'Charged at check-in for Tuesday Yoga (Tue 11 Mar, 18:00)',
      'Pass granted',
    ]);
    expect(shown!.log.map((l) => byText(l.by, t))).toEqual([
      'by Hugo Host',
      'by you',
      // A member's device does not know the organizer's name.
      'by the club',
    ]);
    expect(shown!.logCheck).toEqual({ complete: true, sum: 9, matches: true });
  });

  it('says when the log on the device does not add up to the balance', () => {
    const p = aPass({ balance: 7 });
    const view = replicaOf({ passes: [p], creditLog: [aCreditLogEntry({ passId: p.id })] });
    const [shown] = myPasses(view, MEMBER, { locale: 'en', now: NOW });
    expect(shown!.logCheck).toEqual({ complete: true, sum: 10, matches: false });
  });

  it('knows when older entries are not on this device, and what the balance was before them', () => {
    const p = aPass({ balance: 3 });
    const first = aCreditLogEntry({
      passId: p.id,
      kind: 'charged_signup',
      delta: -1,
      balanceAfter: 4,
      at: '2025-03-09T10:00:00.000Z',
    });
    const second = aCreditLogEntry({
      passId: p.id,
      kind: 'charged_checkin',
      delta: -1,
      balanceAfter: 3,
      at: '2025-03-10T10:00:00.000Z',
    });
    const view = replicaOf({ passes: [p], creditLog: [second, first] });

    const [shown] = myPasses(view, MEMBER, { locale: 'en', now: NOW });

    expect(shown!.logCheck).toEqual({
      complete: false,
      openingBalance: 5,
      heldSince: first.at,
    });
    expect(
      myPasses(replicaOf({ passes: [p] }), MEMBER, { locale: 'en', now: NOW })[0]!.logCheck,
    ).toEqual({ complete: false, openingBalance: null, heldSince: null });
  });

  it('marks entries recorded on this device that wait to sync', () => {
    const p = aPass({ balance: 9 });
    const mutationId = uuid();
    const local = aCreditLogEntry({
      passId: p.id,
      id: `${mutationId}:0`,
      kind: 'charged_checkin',
      delta: -1,
      balanceAfter: 9,
      at: '2025-03-11T17:00:00.000Z',
    });
    const view = replicaOf({ passes: [p], creditLog: [aCreditLogEntry({ passId: p.id }), local] });

    const [shown] = myPasses(view, MEMBER, {
      locale: 'en',
      now: NOW,
      pending: [{ id: mutationId, name: 'checkin.create', args: {} }],
    });

    expect(shown!.log.map((l) => l.pending)).toEqual([true, false]);
  });
});

describe('chronological', () => {
  it('orders the entries of one change by the balance chain', () => {
    const p = aPass();
    const at = '2025-03-11T17:00:00.000Z';
    const e = (over: Partial<CreditLogEntry>) => aCreditLogEntry({ passId: p.id, at, ...over });
    const granted = aCreditLogEntry({ passId: p.id, at: '2025-03-01T09:00:00.000Z' });
    // One adjustment returned 2 then charged 3: ids sort the other way round.
    const charge = e({ id: 'a', kind: 'charged_adjustment', delta: -3, balanceAfter: 9 });
    const refund = e({ id: 'b', kind: 'returned_adjustment', delta: 2, balanceAfter: 12 });
    expect(chronological([charge, refund, granted]).map((x) => x.kind)).toEqual([
      'granted',
      'returned_adjustment',
      'charged_adjustment',
    ]);
    // Without an earlier entry the chain still starts with the one nothing leads to.
    expect(chronological([charge, refund]).map((x) => x.id)).toEqual(['b', 'a']);
  });
});

describe('logText', () => {
  const p = aPass();
  const line = (over: Partial<CreditLogEntry>, sessionTitle: string | null = null) => ({
    entry: aCreditLogEntry({ passId: p.id, ...over }),
    sessionTitle,
    sessionStartsAt: null,
    by: { self: false, name: null },
    pending: false,
  });

  it('says what each kind of change did', () => {
    expect(logText(line({ kind: 'extended', expiresOnAfter: '2025-06-30' }), t, fmt)).toBe(
      'Extended to 30 Jun 2025',
    );
    expect(logText(line({ kind: 'sessions_added', delta: 5 }), t, fmt)).toBe('5 sessions added');
    expect(logText(line({ kind: 'returned_void' }, 'Tuesday Yoga'), t, fmt)).toBe(
      'Returned: check-in for Tuesday Yoga voided',
    );
    expect(logText(line({ kind: 'charged_signup' }), t, fmt)).toBe(
      'Charged for signing up to a session no longer on this device',
    );
    expect(logText(line({ kind: 'manual_adjustment', reason: 'Gift' }), t, fmt)).toBe(
      'Adjusted by the club',
    );
  });
});

describe('requests', () => {
  it('lists my requests newest first with their template, decision and sync state', () => {
    const ten = aTemplate();
    const five = aTemplate({ names: { en: '5-class pass' } });
    const old = aPassRequest({
      templateId: ten.id,
      status: 'rejected',
      reason: 'Pay at the desk first',
      decidedBy: OWNER,
      decidedAt: '2025-03-06T09:00:00.000Z',
    });
    const fresh = aPassRequest({ templateId: five.id, createdAt: '2025-03-11T08:00:00.000Z' });
    const othersRequest = aPassRequest({ templateId: ten.id, memberId: OTHER });
    const view = replicaOf({ templates: [ten, five], passRequests: [old, fresh, othersRequest] });

    const shown = myRequests(view, MEMBER, {
      locale: 'en',
      pending: [{ id: uuid(), name: 'passRequest.create', args: { requestId: fresh.id } }],
    });

    expect(
      shown.map((r) => [r.request.id, r.templateName, r.request.status, r.pending, r.decidedBy]),
    ).toEqual([
      [fresh.id, '5-class pass', 'pending', true, null],
      [old.id, '10-class pass', 'rejected', false, { self: false, name: null }],
    ]);
  });

  it('offers the templates that are not deleted, by name, noting ones already requested', () => {
    const yoga = aTrainingType({ name: 'Yoga' });
    const ten = aTemplate({ descriptions: { en: 'Ten classes' } });
    const five = aTemplate({ names: { en: '5-class pass' }, trainingTypeIds: [yoga.id] });
    const gone = aTemplate({ names: { en: 'Old pass' }, deletedAt: '2025-01-01T00:00:00.000Z' });
    const view = replicaOf({
      templates: [ten, five, gone],
      trainingTypes: [yoga],
      passRequests: [
        aPassRequest({ templateId: ten.id }),
        aPassRequest({ templateId: five.id, status: 'rejected' }),
      ],
    });

    const options = requestableTemplates(view, MEMBER, 'en');

    expect(options.map((o) => [o.name, o.requested, o.description])).toEqual([
      ['10-class pass', true, 'Ten classes'],
      ['5-class pass', false, ''],
    ]);
    expect(options[1]!.trainingTypes).toEqual({ all: false, names: ['Yoga'], unknown: 0 });
  });

  it('formats prices from minor units in the currency', () => {
    expect(formatPrice(8900, 'EUR', 'en')).toBe('€89.00');
    expect(formatPrice(1500, 'JPY', 'en')).toBe('¥1,500');
  });
});
