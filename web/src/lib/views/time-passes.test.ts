import { describe, expect, it } from 'vitest';
import {
  aCreditLogEntry,
  aTimePass,
  aTimeTemplate,
  MEMBER,
  aNotification,
  aTemplate,
} from '@turnout/shared/testing';
import { fmt, keyT, replicaOf, t } from '$lib/testing';
import {
  emptyTemplateForm,
  templateChanges,
  templateFields,
  templateToForm,
} from './manage-templates';
import { myNotifications, notificationText } from './notifications';
import { logText, myPasses, requestableTemplates } from './passes';

/** Tue 2025-03-11 13:00 in Berlin (week of Monday 10 March). */
const NOW = '2025-03-11T12:00:00.000Z';

describe('the template form offers a time pass', () => {
  const locales = ['en'];
  const base = { ...emptyTemplateForm(locales), names: { en: 'Unlimited' }, price: '69' };

  it('sends no sessions for a time pass, and its weekly cap (empty = none)', () => {
    expect(templateFields({ ...base, kind: 'time', weeklyCap: '3' }, locales, keyT)).toMatchObject({
      ok: true,
      fields: { kind: 'time', weeklyCap: 3 },
    });
    const uncapped = templateFields({ ...base, kind: 'time', sessions: 'x' }, locales, keyT);
    expect(uncapped).toMatchObject({ ok: true, fields: { kind: 'time', weeklyCap: null } });
    expect(uncapped.ok && 'sessions' in uncapped.fields).toBe(false);
    expect(templateFields({ ...base, kind: 'time', weeklyCap: '0' }, locales, keyT)).toMatchObject({
      ok: false,
      errors: { weeklyCap: expect.any(String) },
    });
  });

  it('a session-count pass sends its sessions and no kind-only fields', () => {
    const result = templateFields({ ...base, weeklyCap: '3' }, locales, keyT);
    expect(result).toMatchObject({ ok: true, fields: { sessions: 10 } });
    expect(result.ok && 'weeklyCap' in result.fields).toBe(false);
  });

  it('an edit sends the new kind whole; the same kind only what changed', () => {
    const time = aTimeTemplate({ weeklyCap: 2 });
    const form = templateToForm(time, locales, 'en');
    expect(form).toMatchObject({ kind: 'time', weeklyCap: '2' });
    const same = templateFields({ ...form, weeklyCap: '4' }, locales, keyT);
    expect(same.ok && templateChanges(time, same.fields)).toEqual({ weeklyCap: 4 });
    const toCredits = templateFields({ ...form, kind: 'credits', sessions: '8' }, locales, keyT);
    expect(toCredits.ok && templateChanges(time, toCredits.fields)).toEqual({
      kind: 'credits',
      sessions: 8,
    });
    const credits = aTemplate();
    const toTime = templateFields(
      { ...templateToForm(credits, locales, 'en'), kind: 'time' },
      locales,
      keyT,
    );
    expect(toTime.ok && templateChanges(credits, toTime.fields)).toEqual({
      kind: 'time',
      weeklyCap: null,
    });
  });
});

describe("the member's passes page", () => {
  it('a time pass is usable with no sessions left, and says how many of its week are used', () => {
    const pass = aTimePass({
      expiresOn: '2025-04-04',
      terms: { weeklyCap: 3 },
      weekUses: { '2025-03-10': 2, '2025-03-03': 3 },
    });
    const [shown] = myPasses(replicaOf({ passes: [pass] }), MEMBER, { locale: 'en', now: NOW });
    expect(shown).toMatchObject({ state: 'usable', balance: 0, time: { cap: 3, usedThisWeek: 2 } });
    expect(t('timePasses.unlimitedUntil', { date: fmt.date(pass.expiresOn) })).toMatch(
      /^Unlimited until .*4/,
    );
    expect(t('timePasses.thisWeek', { used: 2, cap: 3 })).toBe('2 of 3 this week');
  });

  it('a session-count pass has no time view', () => {
    const [shown] = myPasses(
      replicaOf({ passes: [aTimePass({ terms: { kind: 'credits' } })] }),
      MEMBER,
      {
        locale: 'en',
        now: NOW,
      },
    );
    expect(shown?.time).toBeNull();
  });

  it('a use and its return read as such in the log', () => {
    const line = (kind: 'used_checkin' | 'unused_void') => ({
      entry: aCreditLogEntry({ kind, delta: 0, balanceAfter: 0 }),
      sessionTitle: 'Open mat',
      sessionStartsAt: null,
      by: { self: true, name: null },
      pending: false,
    });
    expect(logText(line('used_checkin'), t, fmt)).toBe('Used at check-in for Open mat');
    expect(logText(line('unused_void'), t, fmt)).toBe(
      'Not used after all: check-in for Open mat voided',
    );
  });

  it('a time template is offered as unlimited with its cap', () => {
    const template = aTimeTemplate({ weeklyCap: 2 });
    const [option] = requestableTemplates(replicaOf({ templates: [template] }), MEMBER, 'en');
    expect(option).toMatchObject({ time: true, weeklyCap: 2, validityDays: 30 });
  });
});

describe('the expiry reminder of a membership', () => {
  it('says until when it is valid, not how many credits are left', () => {
    const pass = aTimePass({ expiresOn: '2025-04-04' });
    const view = replicaOf({
      passes: [pass],
      notifications: [
        aNotification({
          kind: 'pass_expiring',
          data: { passId: pass.id, expiresOn: '2025-04-04', credits: 0, unlimited: 1 },
        }),
      ],
    });
    const [line] = myNotifications(view, MEMBER, { locale: 'en', lastSeen: null });
    expect(notificationText(line!, t, fmt)).toBe(
      `Your membership Unlimited 30 days is valid until ${fmt.date('2025-04-04')}. Renew it before then to keep coming.`,
    );
  });
});
