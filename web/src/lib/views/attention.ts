import { errorMessages, toMs, type ErrorCode, type Flag } from '@turnout/shared';
import type { AttentionEntry } from '$lib/db/database';
import type { Translate } from '$lib/i18n';
import type { Replica } from '@turnout/shared';
import type { Formatters } from './formatters';
import { localName, person, type Person } from './passes';

/** What a needs-attention entry was about, looked up on this device. */
interface AttentionAction {
  /** The mutation name, e.g. 'checkin.create'. */
  name: string;
  /** The member it was for (defaults to the one who did it). */
  member: Person;
  sessionTitle: string | null;
  sessionStartsAt: string | null;
  /** A pass's or template's name. */
  passName: string | null;
  /** Numbers the action carried: credits, days, sessions, delta. */
  amount: number | null;
  /** intent.set's going, pass.setActive's active. */
  on: boolean | null;
}

interface AttentionItem {
  entry: AttentionEntry;
  action: AttentionAction;
  refused: boolean;
  code: ErrorCode | null;
  /**
   * The server's explanation beyond the code's standard message, e.g. "The
   * last spot was taken by a check-in recorded at 17:52 on Front desk."
   * (written in English by the shared rules).
   */
  detail: string | null;
  flags: Flag[];
}

/** The part of a refusal message that explains it, after the code's standard message. */
export function serverDetail(code: ErrorCode | null, message: string | null): string | null {
  const text = message?.trim();
  if (!text) return null;
  const base = code ? errorMessages[code] : undefined;
  if (base === undefined) return text;
  if (text === base) return null;
  return text.startsWith(base) ? text.slice(base.length).trim() || null : text;
}

type Args = Record<string, unknown>;

function str(args: Args, key: string): string | null {
  const v = args[key];
  return typeof v === 'string' && v !== '' ? v : null;
}

function num(args: Args, key: string): number | null {
  const v = args[key];
  return typeof v === 'number' ? v : null;
}

function action(view: Replica, entry: AttentionEntry, me: string, locale: string): AttentionAction {
  const args: Args =
    typeof entry.args === 'object' && entry.args !== null ? (entry.args as Args) : {};
  const t = view.tables;
  const locales = view.club?.settings.locales ?? [];
  const sessionId = str(args, 'sessionId');
  const session = sessionId ? t.sessions.get(sessionId) : undefined;
  const passId = str(args, 'passId');
  const pass = passId ? t.passes.get(passId) : undefined;
  const templateId = str(args, 'templateId');
  const template = templateId ? t.templates.get(templateId) : undefined;
  const names =
    pass?.terms.names ?? template?.names ?? (args.names as Record<string, string> | undefined);
  const memberId = str(args, 'memberId') ?? pass?.memberId ?? me;
  const amount =
    num(args, 'credits') ?? num(args, 'days') ?? num(args, 'sessions') ?? num(args, 'delta');
  const on =
    typeof args.going === 'boolean'
      ? args.going
      : typeof args.active === 'boolean'
        ? args.active
        : null;
  return {
    name: entry.name,
    member: person(view, memberId, me),
    sessionTitle: session?.title ?? str(args, 'title'),
    sessionStartsAt: session?.startsAt ?? str(args, 'startsAt'),
    passName: names && typeof names === 'object' ? localName(names, locale, locales) || null : null,
    amount,
    on,
  };
}

/** The device's needs-attention entries, newest answer first. */
export function attentionItems(
  view: Replica,
  entries: readonly AttentionEntry[],
  me: string,
  locale: string,
): AttentionItem[] {
  return [...entries]
    .sort(
      (a, b) => toMs(b.answeredAt) - toMs(a.answeredAt) || toMs(b.occurredAt) - toMs(a.occurredAt),
    )
    .map((entry) => ({
      entry,
      action: action(view, entry, me, locale),
      refused: entry.status === 'rejected',
      code: entry.code,
      detail: entry.status === 'rejected' ? serverDetail(entry.code, entry.message) : null,
      flags: entry.flags,
    }));
}

/** What was done, as a phrase: "Check-in of Mia Member for Tuesday Yoga (Tue, 11 Mar, 18:00)". */
export function actionText(a: AttentionAction, t: Translate, fmt: Formatters): string {
  const who = a.member.self ? 'self' : 'other';
  const name = a.member.name ?? t('attention.aMember');
  const session = a.sessionTitle
    ? a.sessionStartsAt
      ? t('attention.sessionAt', {
          title: a.sessionTitle,
          when: fmt.sessionStart(a.sessionStartsAt),
        })
      : a.sessionTitle
    : t('attention.aSession');
  const pass = a.passName ?? t('attention.aPass');
  const amount = a.amount ?? 1;
  switch (a.name) {
    case 'intent.set':
      return a.on === false
        ? t('attention.action.notGoing', { session })
        : t('attention.action.going', { session });
    case 'signup.create':
      return t('attention.action.signup', { who, name, session });
    case 'signup.cancel':
      return t('attention.action.signout', { who, name, session });
    case 'checkin.create':
      return t('attention.action.checkin', { who, name, session, credits: a.amount ?? 0 });
    case 'checkin.void':
      return t('attention.action.void', { who, name, session });
    case 'checkin.adjust':
      return t('attention.action.adjustCheckin', { who, name, session, credits: amount });
    case 'checkin.settle':
      return t('attention.action.settle', { who, name, session });
    case 'passRequest.create':
      return t('attention.action.request', { pass });
    case 'passRequest.reject':
      return t('attention.action.rejectRequest');
    case 'passRequest.withdraw':
      return t('attention.action.withdrawRequest');
    case 'pass.grant':
      return t('attention.action.grant', { who, name, pass });
    case 'pass.extend':
      return t('attention.action.extend', { pass, count: amount });
    case 'pass.addSessions':
      return t('attention.action.addSessions', { pass, count: amount });
    case 'pass.setActive':
      return a.on === false
        ? t('attention.action.deactivate', { pass })
        : t('attention.action.reactivate', { pass });
    case 'pass.adjust':
      return t('attention.action.adjustPass', { pass, delta: fmt.signed(amount) });
    case 'session.create':
      return t('attention.action.createSession', { session });
    case 'session.update':
      return t('attention.action.updateSession', { session });
    case 'session.cancel':
      return t('attention.action.cancelSession', { session });
    case 'series.create':
    case 'series.update':
      return t('attention.action.series', { title: a.sessionTitle ?? '' });
    case 'template.create':
    case 'template.update':
    case 'template.delete':
      return t('attention.action.template', { pass });
    case 'trainingType.create':
    case 'trainingType.rename':
    case 'trainingType.archive':
      return t('attention.action.trainingType');
    case 'club.updateSettings':
      return t('attention.action.settings');
    case 'attention.resolve':
      return t('attention.action.resolve');
    case 'attention.dismissGroup':
      return t('attention.action.dismissGroup');
    default:
      return t('attention.action.other', { name: a.name });
  }
}

/** Why an applied action was flagged, as a sentence. */
export function flagText(flag: Flag, t: Translate, lateCancelMinutes: number): string {
  switch (flag) {
    case 'over_capacity':
      return t('attention.flag.overCapacity');
    case 'unpaid':
      return t('attention.flag.unpaid');
    case 'waitlisted':
      return t('attention.flag.waitlisted');
    case 'late_cancel':
      return t('attention.flag.lateCancel', { minutes: lateCancelMinutes });
  }
}
