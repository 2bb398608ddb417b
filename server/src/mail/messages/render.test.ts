import { mailKinds, notificationKinds, type MailKind } from '@turnout/shared';
import { describe, expect, it } from 'vitest';
import { mailWordsDe } from './de.js';
import { mailWordsFr } from './fr.js';
import { mailWordsEn } from './en.js';
import { renderMessage } from './render.js';

const base = {
  name: 'Ada',
  clubName: 'Hill Gym',
  timezone: 'Europe/Berlin',
  link: 'https://club.example.org/sessions/s1',
};

/** Data as the callers queue it, per kind. */
const dataOf: Record<MailKind, Record<string, string | number | null>> = {
  invitation: {
    clubName: 'Hill Gym',
    role: 'host',
    inviterName: 'Grace',
    link: 'https://club.example.org/invite/ABCD',
    expiresAt: '2026-12-12T10:00:00.000Z',
    timezone: 'Europe/Berlin',
  },
  password_reset: { name: 'Ada', link: 'https://club.example.org/reset/t', expiresMinutes: 30 },
  email_change: { name: 'Ada', link: 'https://club.example.org/email/t', expiresMinutes: 1 },
  promoted: { ...base, sessionTitle: 'Yoga', startsAt: '2026-12-07T17:00:00.000Z', credits: 2 },
  promotion_skipped: {
    ...base,
    sessionTitle: 'Yoga',
    startsAt: '2026-12-07T17:00:00.000Z',
    reason: 'insufficient_credits',
  },
  spot_open: { ...base, sessionTitle: 'Yoga', startsAt: '2026-12-07T17:00:00.000Z' },
  session_cancelled: {
    ...base,
    sessionTitle: 'Yoga',
    startsAt: '2026-12-07T17:00:00.000Z',
    reason: 'Coach is ill',
  },
  pass_granted: { ...base, passName: '10 sessions', expiresOn: '2027-03-31' },
  pass_request_rejected: { ...base, passName: '10 sessions', reason: 'Please pay first' },
  session_reminder: { ...base, sessionTitle: 'Yoga', startsAt: '2026-12-07T17:00:00.000Z' },
  pass_expiring: { ...base, passName: '10 sessions', expiresOn: '2026-12-31', credits: 3 },
};

describe('mail messages', () => {
  it('has the same words in every language', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' && !Array.isArray(v)
          ? keys(v as object).map((s) => `${k}.${s}`)
          : [`${k}${Array.isArray(v) ? `[${v.length}]` : ''}`],
      );
    expect(keys(mailWordsDe).sort()).toEqual(keys(mailWordsEn).sort());
    expect(keys(mailWordsFr).sort()).toEqual(keys(mailWordsEn).sort());
  });

  it.each(mailKinds)('words %s in English, German and French, text and HTML', (kind) => {
    for (const locale of ['en', 'de', 'fr']) {
      const m = renderMessage(kind, locale, dataOf[kind], {
        unsubscribe: 'https://club.example.org/unsubscribe/tok',
      });
      expect(m.language).toBe(locale);
      expect(m.subject.length).toBeGreaterThan(5);
      expect(m.summary).toMatch(/[.!]$/);
      expect(m.summary).not.toMatch(/[{}]/);
      expect(m.text).not.toMatch(/[{}]|undefined|null|NaN/);
      const link = String(dataOf[kind].link);
      expect(m.text).toContain(link);
      expect(m.html).toContain(`href="${link}"`);
      const isAccount = ['invitation', 'password_reset', 'email_change'].includes(kind);
      expect(m.text.includes('https://club.example.org/unsubscribe/tok')).toBe(!isAccount);
    }
  });

  it.each(notificationKinds)(
    'words %s about a child for their guardian, in every language',
    (kind) => {
      for (const locale of ['en', 'de', 'fr']) {
        const own = renderMessage(kind, locale, dataOf[kind]);
        const m = renderMessage(kind, locale, { ...dataOf[kind], dependantName: 'Ben' });
        expect(m.subject).toContain('Ben');
        expect(m.summary).toContain('Ben');
        expect(m.summary).toMatch(/[.!]$/);
        expect(m.text).not.toMatch(/[{}]|undefined|null|NaN/);
        // The guardian is greeted; the footer and the button are the kind's own.
        expect(m.text.split('\n')[0]).toBe(own.text.split('\n')[0]);
        expect(m.text.split('\n\n').at(-1)).toBe(own.text.split('\n\n').at(-1));
        expect(m.subject).not.toBe(own.subject);
      }
    },
  );

  it('names the child in a guardian’s reminder and promotion', () => {
    const reminder = renderMessage('session_reminder', 'en', {
      ...dataOf.session_reminder,
      dependantName: 'Ben',
    });
    expect(reminder.subject).toBe('Reminder for Ben: Yoga, Monday, December 7 at 6:00 PM');
    expect(reminder.summary).toBe('Ben has a place in Yoga on Monday, December 7 at 6:00 PM.');
    const de = renderMessage('promoted', 'de', { ...dataOf.promoted, dependantName: 'Ben' });
    expect(de.subject).toBe('Ben hat einen Platz: Yoga');
    const fr = renderMessage('pass_expiring', 'fr', {
      ...dataOf.pass_expiring,
      passName: null,
      dependantName: 'Ben',
    });
    expect(fr.summary).toBe(
      'Une carte de Ben expire le 31 décembre 2026, avec 3 crédits restants.',
    );
  });

  it('formats times in the club’s zone and the mail’s language', () => {
    const en = renderMessage('promoted', 'en', dataOf.promoted);
    expect(en.summary).toBe(
      'You moved up from the waitlist: you have a place in Yoga on Monday, December 7 at 6:00 PM. 2 credits were charged.',
    );
    const de = renderMessage('promoted', 'de-AT', dataOf.promoted);
    expect(de.summary).toBe(
      'Du bist von der Warteliste nachgerückt: Du hast einen Platz in Yoga am Montag, 7. Dezember um 18:00. 2 Einheiten wurden abgebucht.',
    );
    const ny = renderMessage('session_reminder', 'en', {
      ...dataOf.session_reminder,
      timezone: 'America/New_York',
    });
    expect(ny.summary).toContain('Monday, December 7 at 12:00 PM');
    const day = renderMessage('pass_expiring', 'de', dataOf.pass_expiring);
    expect(day.subject).toBe('Deine Karte läuft am 31. Dezember 2026 ab');
    expect(day.summary).toBe('10 sessions läuft am 31. Dezember 2026 ab, mit 3 übrigen Einheiten.');
  });

  it('answers in English for a language it has no words for', () => {
    const m = renderMessage('password_reset', 'pt-BR', dataOf.password_reset);
    expect(m.language).toBe('en');
    expect(m.subject).toBe('Reset your Turnout password');
    expect(m.text).toContain('for 30 minutes');
  });

  it('escapes every value in the HTML and links only to web addresses', () => {
    const m = renderMessage('session_cancelled', 'en', {
      ...dataOf.session_cancelled,
      sessionTitle: '<script>alert(1)</script>',
      reason: '"quoted" & <b>bold</b>',
      link: 'javascript:alert(1)',
    });
    expect(m.html).not.toContain('<script>');
    expect(m.html).not.toContain('<b>');
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(m.html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;');
    expect(m.html).not.toContain('javascript:');
    expect(m.text).toContain('The reason given: "quoted" & <b>bold</b>');
  });

  it('leaves out what the data does not have', () => {
    const m = renderMessage('pass_granted', 'en', { ...base, passName: null, expiresOn: null });
    expect(m.summary).toBe('You got a new pass: a pass.');
    const r = renderMessage('pass_request_rejected', 'de', {
      ...base,
      passName: 'Zehner',
      reason: null,
    });
    expect(r.text).not.toContain('Grund');
    const noName = renderMessage('password_reset', 'en', {
      link: 'https://x.example/r',
      expiresMinutes: 1,
    });
    expect(noName.text.startsWith('Hello,\n')).toBe(true);
    expect(noName.text).toContain('for 1 minute.');
  });
});
