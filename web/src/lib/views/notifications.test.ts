import { describe, expect, it } from 'vitest';
import {
  CLUB,
  ME,
  OTHER,
  fmt,
  notification,
  pass,
  replica,
  session,
  t,
  template,
} from './member.fixtures';
import {
  lastSeenKey,
  markSeen,
  myNotifications,
  newestAt,
  notificationText,
  readLastSeen,
  unreadCount,
} from './notifications';

const yoga = session({ title: 'Tuesday Yoga' });
const when = { sessionTitle: 'Tuesday Yoga', startsAt: yoga.startsAt };

function one(data: Parameters<typeof notification>[0]) {
  const [line] = myNotifications(replica({ notifications: [notification(data)] }), ME, {
    locale: 'en',
    lastSeen: null,
  });
  return line!;
}

describe('myNotifications', () => {
  it('lists mine newest first and marks those newer than last seen as unread', () => {
    const a = notification({ at: '2025-03-09T09:00:00.000Z' });
    const b = notification({ at: '2025-03-10T09:00:00.000Z' });
    const c = notification({ at: '2025-03-11T09:00:00.000Z' });
    const notMine = notification({ memberId: OTHER });
    const view = replica({ notifications: [b, notMine, a, c] });

    const lines = myNotifications(view, ME, { locale: 'en', lastSeen: b.at });

    expect(lines.map((l) => [l.notification.id, l.unread])).toEqual([
      [c.id, true],
      [b.id, false],
      [a.id, false],
    ]);
    expect(unreadCount(lines)).toBe(1);
    expect(newestAt(lines)).toBe(c.at);
    expect(unreadCount(myNotifications(view, ME, { locale: 'en', lastSeen: null }))).toBe(3);
    expect(newestAt([])).toBeNull();
  });

  it('links to the session and falls back to what the device knows of it', () => {
    const view = replica({
      sessions: [yoga],
      notifications: [notification({ kind: 'spot_open', sessionId: yoga.id, data: {} })],
    });
    const [line] = myNotifications(view, ME, { locale: 'en', lastSeen: null });
    expect(line).toMatchObject({
      sessionId: yoga.id,
      sessionTitle: 'Tuesday Yoga',
      sessionStartsAt: yoga.startsAt,
    });
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
    const p = pass({ terms: { ...pass().terms, names: { en: '10-class pass' } } });
    const tpl = template({ names: { en: '5-class pass' } });
    const view = replica({
      passes: [p],
      templates: [tpl],
      notifications: [
        notification({
          kind: 'pass_granted',
          data: { passId: p.id, templateId: p.templateId, expiresOn: '2025-06-09' },
          at: '2025-03-11T10:00:00.000Z',
        }),
        notification({
          kind: 'pass_request_rejected',
          data: { requestId: 'r', templateId: tpl.id, reason: 'Pay at the desk first' },
        }),
        notification({
          kind: 'pass_request_rejected',
          data: { requestId: 'r', templateId: 'unknown', reason: null },
          at: '2025-03-01T10:00:00.000Z',
        }),
      ],
    });
    const lines = myNotifications(view, ME, { locale: 'en', lastSeen: null });
    expect(lines.map((l) => notificationText(l, t, fmt))).toEqual([
      'You got a new pass: 10-class pass, valid until 9 Jun 2025.',
      'Your request for 5-class pass was declined: Pay at the desk first',
      'Your request for a pass was declined.',
    ]);
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
    expect(readLastSeen(storage, CLUB, ME)).toBeNull();
    expect(markSeen(storage, CLUB, ME, '2025-03-11T09:00:00.000Z')).toBe(
      '2025-03-11T09:00:00.000Z',
    );
    // Another tab already saw something newer.
    storage.setItem(lastSeenKey(CLUB, ME), '2025-03-11T10:00:00.000Z');
    expect(markSeen(storage, CLUB, ME, '2025-03-11T09:30:00.000Z')).toBe(
      '2025-03-11T10:00:00.000Z',
    );
    expect(readLastSeen(storage, CLUB, ME)).toBe('2025-03-11T10:00:00.000Z');
    expect(readLastSeen(storage, CLUB, OTHER)).toBeNull();
  });

  it('ignores what is not an instant, and works without storage', () => {
    const storage = memoryStorage();
    storage.setItem(lastSeenKey(CLUB, ME), 'yesterday');
    expect(readLastSeen(storage, CLUB, ME)).toBeNull();
    expect(readLastSeen(undefined, CLUB, ME)).toBeNull();
    expect(markSeen(undefined, CLUB, ME, '2025-03-11T09:00:00.000Z')).toBe(
      '2025-03-11T09:00:00.000Z',
    );
  });
});
