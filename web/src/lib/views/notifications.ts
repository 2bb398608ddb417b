import { toMs, type PulledNotification } from '@turnout/shared';
import type { Translate } from '$lib/i18n';
import type { Replica } from '@turnout/shared';
import type { Formatters } from './formatters';
import { localName } from './passes';

/** One notification as the screen shows it. */
interface NotificationView {
  notification: PulledNotification;
  /** Newer than what was last seen on this device. */
  unread: boolean;
  /** The session it is about (for a link), if any. */
  sessionId: string | null;
  /** The session's title when it was sent, else as this device knows it. */
  sessionTitle: string | null;
  sessionStartsAt: string | null;
  /** The pass or template it is about, in the UI language. */
  passName: string | null;
  /** The child it is about, when it is one of the guardian's children's (null: the member's own). */
  forName: string | null;
}

function text(data: PulledNotification['data'], key: string): string | null {
  const value = data[key];
  return typeof value === 'string' && value !== '' ? value : null;
}

function number(data: PulledNotification['data'], key: string): number | null {
  const value = data[key];
  return typeof value === 'number' ? value : null;
}

/**
 * The member's notifications and their children's (a child has no login;
 * the server sends their notifications to the guardian), newest first. `lastSeen` is the instant of
 * the newest notification seen on this device (null: none seen yet).
 */
export function myNotifications(
  view: Replica,
  memberId: string,
  options: {
    locale: string;
    lastSeen: string | null;
    /** Kinds the person turned off in the app (their choices): still synced, not shown. */
    hidden?: ReadonlySet<string>;
  },
): NotificationView[] {
  const locales = view.club?.settings.locales ?? [];
  const seen = options.lastSeen === null ? -Infinity : toMs(options.lastSeen);
  const children = new Map<string, string>();
  for (const m of view.tables.members.values()) {
    if (m.guardianId === memberId && m.child === true) children.set(m.memberId, m.name);
  }
  return [...view.tables.notifications.values()]
    .filter(
      (n) => (n.memberId === memberId || children.has(n.memberId)) && !options.hidden?.has(n.kind),
    )
    .sort((a, b) => toMs(b.at) - toMs(a.at) || (a.id < b.id ? 1 : -1))
    .map((n) => {
      const session = n.sessionId ? view.tables.sessions.get(n.sessionId) : undefined;
      const passId = text(n.data, 'passId');
      const pass = passId ? view.tables.passes.get(passId) : undefined;
      const templateId = text(n.data, 'templateId');
      const template = templateId ? view.tables.templates.get(templateId) : undefined;
      const names = pass?.terms.names ?? template?.names;
      return {
        notification: n,
        unread: toMs(n.at) > seen,
        sessionId: n.sessionId,
        sessionTitle: text(n.data, 'sessionTitle') ?? session?.title ?? null,
        sessionStartsAt: text(n.data, 'startsAt') ?? session?.startsAt ?? null,
        passName: names ? localName(names, options.locale, locales) || null : null,
        forName: n.memberId === memberId ? null : (children.get(n.memberId) ?? null),
      };
    });
}

export function unreadCount(lines: readonly NotificationView[]): number {
  return lines.filter((l) => l.unread).length;
}

/** The instant to remember as seen once these lines were shown. */
export function newestAt(lines: readonly NotificationView[]): string | null {
  let newest: string | null = null;
  for (const l of lines)
    if (newest === null || toMs(l.notification.at) > toMs(newest)) newest = l.notification.at;
  return newest;
}

/** What a notification says, as a sentence ("For Lena: …" when it is about a child). */
export function notificationText(line: NotificationView, t: Translate, fmt: Formatters): string {
  const said = sentence(line, t, fmt);
  return line.forName ? t('notifications.forChild', { name: line.forName, text: said }) : said;
}

function sentence(line: NotificationView, t: Translate, fmt: Formatters): string {
  const n = line.notification;
  const session = line.sessionTitle ?? t('notifications.aSession');
  const when = line.sessionStartsAt
    ? fmt.sessionStart(line.sessionStartsAt)
    : t('notifications.unknownTime');
  const reason = text(n.data, 'reason');
  switch (n.kind) {
    case 'promoted':
      return t('notifications.promoted', {
        session,
        when,
        credits: number(n.data, 'credits') ?? 0,
      });
    case 'promotion_skipped':
      return t('notifications.promotionSkipped', { session, when });
    case 'spot_open':
      return t('notifications.spotOpen', { session, when });
    case 'session_cancelled':
      return reason
        ? t('notifications.sessionCancelledReason', { session, when, reason })
        : t('notifications.sessionCancelled', { session, when });
    case 'pass_granted': {
      const pass = line.passName ?? t('notifications.aPass');
      const expiresOn = text(n.data, 'expiresOn');
      return expiresOn
        ? t('notifications.passGranted', { pass, date: fmt.date(expiresOn) })
        : t('notifications.passGrantedSomehow', { pass });
    }
    case 'pass_request_rejected': {
      const pass = line.passName ?? t('notifications.aPass');
      return reason
        ? t('notifications.requestRejectedReason', { pass, reason })
        : t('notifications.requestRejected', { pass });
    }
    case 'session_reminder':
      return t('notifications.sessionReminder', { session, when });
    case 'pass_expiring': {
      const pass = line.passName ?? t('notifications.aPass');
      const expiresOn = text(n.data, 'expiresOn');
      // A membership by time expires by date; it has no credits to use up.
      if (number(n.data, 'unlimited')) {
        return t('timePasses.expiringNotice', {
          pass,
          date: expiresOn ? fmt.date(expiresOn) : t('notifications.unknownTime'),
        });
      }
      return t('notifications.passExpiring', {
        pass,
        date: expiresOn ? fmt.date(expiresOn) : t('notifications.unknownTime'),
        credits: number(n.data, 'credits') ?? 0,
      });
    }
    default:
      // A kind added by a newer server than this app knows.
      return t('notifications.unknownKind');
  }
}

// --- Seen on this device ----------------------------------------------------------------

/**
 * Read/unread is kept per device (the server has no mutation for it): the
 * instant of the newest notification shown, per club and member.
 */
export function lastSeenKey(clubId: string, memberId: string): string {
  return `turnout.notificationsSeen.${clubId}.${memberId}`;
}

type SeenStorage = Pick<Storage, 'getItem' | 'setItem'>;

export function readLastSeen(
  storage: SeenStorage | undefined,
  clubId: string,
  memberId: string,
): string | null {
  const value = storage?.getItem(lastSeenKey(clubId, memberId)) ?? null;
  return value !== null && !Number.isNaN(Date.parse(value)) ? value : null;
}

/** Remembers `at` as seen; never moves back (another tab may have seen newer ones). */
export function markSeen(
  storage: SeenStorage | undefined,
  clubId: string,
  memberId: string,
  at: string,
): string {
  const before = readLastSeen(storage, clubId, memberId);
  if (before !== null && toMs(before) >= toMs(at)) return before;
  storage?.setItem(lastSeenKey(clubId, memberId), at);
  return at;
}
