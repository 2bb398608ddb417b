import { describe, expect, it } from 'vitest';
import {
  aMember,
  aNotification,
  aPass,
  aSession,
  aTemplate,
  CLUB,
  MEMBER,
  OTHER,
  TZ,
} from '@turnout/shared/testing';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, MessageValues, Translate } from '$lib/i18n';
import { de } from '$lib/i18n/de';
import { clubFormatters } from './formatters';
import { fmt, replicaOf, t } from '$lib/testing';
import {
  lastSeenKey,
  markSeen,
  myNotifications,
  newestAt,
  notificationText,
  readLastSeen,
  unreadCount,
} from './notifications';

const yoga = aSession({ title: 'Tuesday Yoga' });
const when = { sessionTitle: 'Tuesday Yoga', startsAt: yoga.startsAt };

function one(data: Parameters<typeof aNotification>[0]) {
  const [line] = myNotifications(replicaOf({ notifications: [aNotification(data)] }), MEMBER, {
    locale: 'en',
    lastSeen: null,
  });
  return line!;
}

describe('myNotifications', () => {
  it('lists mine newest first and marks those newer than last seen as unread', () => {
    const a = aNotification({ at: '2025-03-09T09:00:00.000Z' });
    const b = aNotification({ at: '2025-03-10T09:00:00.000Z' });
    const c = aNotification({ at: '2025-03-11T09:00:00.000Z' });
    const notMine = aNotification({ memberId: OTHER });
    const view = replicaOf({ notifications: [b, notMine, a, c] });

    const lines = myNotifications(view, MEMBER, { locale: 'en', lastSeen: b.at });

    expect(lines.map((l) => [l.notification.id, l.unread])).toEqual([
      [c.id, true],
      [b.id, false],
      [a.id, false],
    ]);
    expect(unreadCount(lines)).toBe(1);
    expect(newestAt(lines)).toBe(c.at);
    expect(unreadCount(myNotifications(view, MEMBER, { locale: 'en', lastSeen: null }))).toBe(3);
    expect(newestAt([])).toBeNull();
  });

  it('links to the session and falls back to what the device knows of it', () => {
    const view = replicaOf({
      sessions: [yoga],
      notifications: [aNotification({ kind: 'spot_open', sessionId: yoga.id, data: {} })],
    });
    const [line] = myNotifications(view, MEMBER, { locale: 'en', lastSeen: null });
    expect(line).toMatchObject({
      sessionId: yoga.id,
      sessionTitle: 'Tuesday Yoga',
      sessionStartsAt: yoga.startsAt,
    });
  });
});

describe("a guardian's children's notifications", () => {
  const lena = aMember({ memberId: 'lena', name: 'Lena', guardianId: MEMBER, child: true });
  const tom = aMember({ memberId: 'tom', name: 'Tom', guardianId: MEMBER });

  it("lists a child's beside the guardian's own, naming the child; a linked teen's stay his", () => {
    const mine = aNotification({ at: '2025-03-09T09:00:00.000Z' });
    const hers = aNotification({
      memberId: 'lena',
      kind: 'spot_open',
      at: '2025-03-10T09:00:00.000Z',
      data: when,
    });
    const his = aNotification({ memberId: 'tom', at: '2025-03-11T09:00:00.000Z' });
    const view = replicaOf({ members: [lena, tom], notifications: [mine, hers, his] });
    const lines = myNotifications(view, MEMBER, { locale: 'en', lastSeen: mine.at });
    expect(lines.map((l) => [l.notification.id, l.forName, l.unread])).toEqual([
      [hers.id, 'Lena', true],
      [mine.id, null, false],
    ]);
    expect(notificationText(lines[0]!, t, fmt)).toBe(
      `For Lena: ${notificationText({ ...lines[0]!, forName: null }, t, fmt)}`,
    );
    expect(notificationText(lines[0]!, t, fmt)).toMatch(/^For Lena: .*Tuesday Yoga/);
    // Tom's own device lists his.
    expect(myNotifications(view, 'tom', { locale: 'en', lastSeen: null })).toHaveLength(1);
  });
});

describe('notificationText', () => {
  it('says what happened with the waitlist', () => {
    expect(notificationText(one({ kind: 'promoted', data: { ...when, credits: 1 } }), t, fmt)).toBe(
      'You moved up from the waitlist: you have a place in Tuesday Yoga on Tue 11 Mar, 18:00. 1 credit was charged.',
    );
    expect(notificationText(one({ kind: 'promoted', data: { ...when, credits: 0 } }), t, fmt)).toBe(
      'You moved up from the waitlist: you have a place in Tuesday Yoga on Tue 11 Mar, 18:00.',
    );
    expect(notificationText(one({ kind: 'promotion_skipped', data: when }), t, fmt)).toMatch(
      /^Your turn on the waitlist for Tuesday Yoga on Tue 11 Mar, 18:00 came, but you had no usable credits/,
    );
    expect(notificationText(one({ kind: 'spot_open', data: when }), t, fmt)).toMatch(
      /^A spot opened in Tuesday Yoga on Tue 11 Mar, 18:00\. .*sign up yourself/,
    );
  });

  it('gives the reason of a cancellation when there is one', () => {
    expect(
      notificationText(
        one({ kind: 'session_cancelled', data: { ...when, reason: 'Teacher is ill' } }),
        t,
        fmt,
      ),
    ).toBe(
      'Tuesday Yoga on Tue 11 Mar, 18:00 was cancelled: Teacher is ill. Any credits it had charged were returned to your passes.',
    );
    expect(
      notificationText(one({ kind: 'session_cancelled', data: { ...when, reason: null } }), t, fmt),
    ).toBe(
      'Tuesday Yoga on Tue 11 Mar, 18:00 was cancelled. Any credits it had charged were returned to your passes.',
    );
  });

  it('names the pass granted or the template of a declined request', () => {
    const p = aPass({ terms: { names: { en: '10-class pass' } } });
    const tpl = aTemplate({ names: { en: '5-class pass' } });
    const view = replicaOf({
      passes: [p],
      templates: [tpl],
      notifications: [
        aNotification({
          kind: 'pass_granted',
          data: { passId: p.id, templateId: p.templateId, expiresOn: '2025-06-09' },
          at: '2025-03-11T10:00:00.000Z',
        }),
        aNotification({
          kind: 'pass_request_rejected',
          data: { requestId: 'r', templateId: tpl.id, reason: 'Pay at the desk first' },
        }),
        aNotification({
          kind: 'pass_request_rejected',
          data: { requestId: 'r', templateId: 'unknown', reason: null },
          at: '2025-03-01T10:00:00.000Z',
        }),
      ],
    });
    const lines = myNotifications(view, MEMBER, { locale: 'en', lastSeen: null });
    expect(lines.map((l) => notificationText(l, t, fmt))).toEqual([
      'You got a new pass: 10-class pass, valid until 9 Jun 2025.',
      'Your request for 5-class pass was declined: Pay at the desk first',
      'Your request for a pass was declined.',
    ]);
  });
});

describe('reminders', () => {
  /** `$t` over the German catalogue. */
  const deT: Translate = (key: MessageKey, values?: MessageValues) => {
    let message: unknown = de;
    for (const part of key.split('.')) message = (message as Record<string, unknown>)[part];
    if (typeof message !== 'string') throw new Error(`No message ${key}`);
    return String(new IntlMessageFormat(message, 'de').format(values));
  };
  const deFmt = clubFormatters('de-DE', TZ);
  const p = aPass({ terms: { names: { en: '10-class pass', de: 'Zehnerkarte' } } });
  const view = replicaOf({
    sessions: [yoga],
    passes: [p],
    notifications: [
      aNotification({
        kind: 'session_reminder',
        sessionId: yoga.id,
        data: { ...when, sessionId: yoga.id },
        at: '2025-03-11T15:00:00.000Z',
      }),
      aNotification({
        kind: 'pass_expiring',
        data: { passId: p.id, templateId: p.templateId, expiresOn: '2025-05-30', credits: 1 },
        at: '2025-03-10T09:00:00.000Z',
      }),
    ],
  });

  it('word a session reminder and a pass about to expire, in English and German', () => {
    const en = myNotifications(view, MEMBER, { locale: 'en', lastSeen: null });
    expect(en.map((l) => notificationText(l, t, fmt))).toEqual([
      'Reminder: Tuesday Yoga starts on Tue 11 Mar, 18:00. You have a place.',
      'Your pass 10-class pass is valid until 30 May 2025 and still has 1 credit left. Use it before then.',
    ]);
    expect(en[0]?.sessionId).toBe(yoga.id);
    const german = myNotifications(view, MEMBER, { locale: 'de', lastSeen: null });
    expect(german.map((l) => notificationText(l, deT, deFmt))).toEqual([
      `Erinnerung: Tuesday Yoga beginnt am ${deFmt.sessionStart(yoga.startsAt)}. Du hast einen Platz.`,
      `Deine Karte Zehnerkarte gilt bis ${deFmt.date('2025-05-30')} und hat noch 1 Einheit. Nutze sie bis dahin.`,
    ]);
  });

  it('leaves out the kinds the person turned off in the app, also from the unread count', () => {
    const lines = myNotifications(view, MEMBER, {
      locale: 'en',
      lastSeen: null,
      hidden: new Set(['pass_expiring']),
    });
    expect(lines.map((l) => l.notification.kind)).toEqual(['session_reminder']);
    expect(unreadCount(lines)).toBe(1);
  });
});

describe('last seen on this device', () => {
  function memoryStorage() {
    const items = new Map<string, string>();
    return {
      items,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: (key: string, value: string) => void items.set(key, value),
    };
  }

  it('is kept per club and member and only moves forward', () => {
    const storage = memoryStorage();
    expect(readLastSeen(storage, CLUB, MEMBER)).toBeNull();
    expect(markSeen(storage, CLUB, MEMBER, '2025-03-11T09:00:00.000Z')).toBe(
      '2025-03-11T09:00:00.000Z',
    );
    // Another tab already saw something newer.
    storage.setItem(lastSeenKey(CLUB, MEMBER), '2025-03-11T10:00:00.000Z');
    expect(markSeen(storage, CLUB, MEMBER, '2025-03-11T09:30:00.000Z')).toBe(
      '2025-03-11T10:00:00.000Z',
    );
    expect(readLastSeen(storage, CLUB, MEMBER)).toBe('2025-03-11T10:00:00.000Z');
    expect(readLastSeen(storage, CLUB, OTHER)).toBeNull();
  });

  it('ignores what is not an instant, and works without storage', () => {
    const storage = memoryStorage();
    storage.setItem(lastSeenKey(CLUB, MEMBER), 'yesterday');
    expect(readLastSeen(storage, CLUB, MEMBER)).toBeNull();
    expect(readLastSeen(undefined, CLUB, MEMBER)).toBeNull();
    expect(markSeen(undefined, CLUB, MEMBER, '2025-03-11T09:00:00.000Z')).toBe(
      '2025-03-11T09:00:00.000Z',
    );
  });
});
