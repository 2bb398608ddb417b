import {
  clubDate,
  daysBetween,
  isTimePass,
  usesInWeek,
  toMs,
  type ClubDate,
  type CreditLogEntry,
  type CreditLogHistoryItem,
  type Pass,
  type PassRequest,
  type TimeInput,
} from '@turnout/shared';
import type { Translate } from '$lib/i18n';
import type { Replica } from '@turnout/shared';
import type { Formatters } from './formatters';
import { formatMoney } from './manage-money';

// --- Names ------------------------------------------------------------------------

/**
 * A per-locale name (templates, a pass's terms) in the UI language, else in
 * the club's languages in order, else whichever there is.
 */
export function localName(
  names: Readonly<Record<string, string>>,
  locale: string,
  clubLocales: readonly string[] = [],
): string {
  for (const l of [locale, ...clubLocales]) {
    const name = names[l];
    if (name) return name;
  }
  return Object.values(names).find(Boolean) ?? '';
}

/** Someone named in a record, as far as this device knows them. */
export interface Person {
  /** It is the member using this device. */
  self: boolean;
  /** null when the member list on this device does not include them (a member sees only themselves). */
  name: string | null;
}

export function person(view: Replica, memberId: string, me: string): Person {
  return { self: memberId === me, name: view.tables.members.get(memberId)?.name ?? null };
}

/** Outbox entries as the screens get them from the store. */
interface PendingLike {
  id: string;
  name: string;
  args: unknown;
}

// --- Passes ------------------------------------------------------------------------

/**
 * `usable`: can pay for a session (active, not expired, sessions left);
 * otherwise why not, in the order a member would want to know.
 */
export type PassState = 'usable' | 'deactivated' | 'expired' | 'used_up';

export type Applicability = { all: true } | { all: false; names: string[]; unknown: number };

/** One credit-log entry as the pass screen shows it. */
export interface LogLine {
  entry: CreditLogEntry;
  /** The session it was about, when it is on this device. */
  sessionTitle: string | null;
  sessionStartsAt: string | null;
  by: Person;
  /** Recorded on this device and not yet synced. */
  pending: boolean;
  /** Whom the charge or return was for, when not the pass's owner (a guardian's pass paying for their child). */
  forName?: string | null;
}

/**
 * Whether the balance can be checked against the log on this device. A
 * device pulls only recent history, so an old pass's first entries may be
 * missing: the log is complete exactly when its `granted` entry is here
 * (every later entry is newer, so it is here too).
 */
export type LogCheck =
  | { complete: true; sum: number; matches: boolean }
  | {
      complete: false;
      /** The balance before the oldest entry this device holds; null when it holds none. */
      openingBalance: number | null;
      /** When the oldest held entry was made. */
      heldSince: string | null;
    };

export interface PassView {
  pass: Pass;
  name: string;
  /** Sessions left: the pass row's balance. */
  balance: number;
  expiresOn: ClubDate;
  /** Whole days from today (club time zone) to the expiry date; 0 = valid through today; negative = expired. */
  daysLeft: number;
  state: PassState;
  trainingTypes: Applicability;
  /** A membership by time: unlimited until `expiresOn`, perhaps capped per week; null for a session-count pass. */
  time: { cap: number | null; usedThisWeek: number } | null;
  /** Newest first. */
  log: LogLine[];
  logCheck: LogCheck;
}

interface MyPassesOptions {
  locale: string;
  now: TimeInput;
  /** The store's outbox, to mark what has not reached the server yet. */
  pending?: readonly PendingLike[];
}

function passState(pass: Pass, daysLeft: number): PassState {
  if (!pass.active) return 'deactivated';
  if (daysLeft < 0) return 'expired';
  // A time pass never runs out of sessions: it pays until it expires.
  if (pass.balance <= 0 && !isTimePass(pass)) return 'used_up';
  return 'usable';
}

function applicability(view: Replica, ids: readonly string[]): Applicability {
  if (ids.length === 0) return { all: true };
  const names: string[] = [];
  for (const id of ids) {
    const type = view.tables.trainingTypes.get(id);
    if (type) names.push(type.name);
  }
  return {
    all: false,
    names: names.sort((a, b) => a.localeCompare(b)),
    unknown: ids.length - names.length,
  };
}

/**
 * A pass's entries in the order they happened. Entries of one change share
 * their instant, so ties follow the balance chain: each entry starts where
 * the previous one ended.
 */
export function chronological(entries: readonly CreditLogEntry[]): CreditLogEntry[] {
  const sorted = [...entries].sort(
    (a, b) => toMs(a.at) - toMs(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const out: CreditLogEntry[] = [];
  let i = 0;
  while (i < sorted.length) {
    const at = toMs(sorted[i]!.at);
    let j = i;
    while (j < sorted.length && toMs(sorted[j]!.at) === at) j++;
    const group = sorted.slice(i, j);
    while (group.length > 0) {
      const running = out.at(-1)?.balanceAfter;
      const starts = (e: CreditLogEntry) => e.balanceAfter - e.delta;
      let k =
        running === undefined
          ? // First of all: the entry no other entry of the group leads to.
            group.findIndex((e) => !group.some((f) => f !== e && f.balanceAfter === starts(e)))
          : group.findIndex((e) => starts(e) === running);
      if (k < 0) k = 0;
      out.push(group.splice(k, 1)[0]!);
    }
    i = j;
  }
  return out;
}

function logCheck(pass: Pass, ordered: readonly CreditLogEntry[]): LogCheck {
  if (ordered.some((e) => e.kind === 'granted')) {
    const sum = ordered.reduce((total, e) => total + e.delta, 0);
    return { complete: true, sum, matches: sum === pass.balance };
  }
  const oldest = ordered[0];
  return {
    complete: false,
    openingBalance: oldest ? oldest.balanceAfter - oldest.delta : null,
    heldSince: oldest?.at ?? null,
  };
}

/** The mutation a locally recorded entry came from (the overlay keys them `<mutationId>:<n>`). */
function localMutationId(entry: CreditLogEntry): string | null {
  const colon = entry.id.indexOf(':');
  return colon < 0 ? null : entry.id.slice(0, colon);
}

const stateOrder: Record<PassState, number> = { usable: 0, used_up: 1, expired: 2, deactivated: 3 };

/**
 * The member's passes: usable ones first in the order they pay (earliest
 * expiry first), then the rest, most recently expiring first.
 */
export function myPasses(view: Replica, memberId: string, options: MyPassesOptions): PassView[] {
  const club = view.club;
  if (!club) return [];
  const { timezone, locales } = club.settings;
  const today = clubDate(options.now, timezone);
  const pendingIds = new Set((options.pending ?? []).map((p) => p.id));
  const passes = view.tables.passes.by('member', memberId).map((pass): PassView => {
    const ordered = chronological(view.tables.creditLog.by('pass', pass.id));
    const daysLeft = daysBetween(today, pass.expiresOn);
    const log = ordered.map((entry): LogLine => {
      const session = entry.sessionId ? view.tables.sessions.get(entry.sessionId) : undefined;
      const mutationId = localMutationId(entry);
      return {
        entry,
        sessionTitle: session?.title ?? null,
        sessionStartsAt: session?.startsAt ?? null,
        by: person(view, entry.byMemberId, memberId),
        pending: mutationId !== null && pendingIds.has(mutationId),
        forName: paidFor(view, entry, pass.memberId),
      };
    });
    return {
      pass,
      name: localName(pass.terms.names, options.locale, locales),
      balance: pass.balance,
      expiresOn: pass.expiresOn,
      daysLeft,
      state: passState(pass, daysLeft),
      trainingTypes: applicability(view, pass.terms.trainingTypeIds),
      time: isTimePass(pass)
        ? { cap: pass.terms.weeklyCap ?? null, usedThisWeek: usesInWeek(pass, today) }
        : null,
      log: log.reverse(),
      logCheck: logCheck(pass, ordered),
    };
  });
  return passes.sort((a, b) => {
    const byState = stateOrder[a.state] - stateOrder[b.state];
    if (byState !== 0) return byState;
    if (a.expiresOn !== b.expiresOn) {
      const earlierFirst = a.expiresOn < b.expiresOn ? -1 : 1;
      return a.state === 'usable' ? earlierFirst : -earlierFirst;
    }
    return toMs(a.pass.grantedAt) - toMs(b.pass.grantedAt);
  });
}

/**
 * Entries of a pass's log the server sent (`history.creditLog`) that this
 * device does not hold, as the pass screen shows them; the server names each
 * entry's session, whether or not the device has it.
 */
export function olderLogLines(
  view: Replica,
  memberId: string,
  items: readonly CreditLogHistoryItem[],
  shown: ReadonlySet<string>,
): LogLine[] {
  return items
    .filter((item) => !shown.has(item.entry.id))
    .map((item) => ({
      entry: item.entry,
      sessionTitle: item.session?.title ?? null,
      sessionStartsAt: item.session?.startsAt ?? null,
      by: person(view, item.entry.byMemberId, memberId),
      pending: false,
    }));
}

/** The dependant a guardian's pass paid (or was paid back) for, by the record the entry names. */
function paidFor(view: Replica, entry: CreditLogEntry, owner: string): string | null {
  const record =
    (entry.attendanceId ? view.tables.attendance.get(entry.attendanceId) : undefined) ??
    (entry.signupId ? view.tables.signups.get(entry.signupId) : undefined);
  if (!record || record.memberId === owner) return null;
  return view.tables.members.get(record.memberId)?.name ?? null;
}

/** What one credit-log entry did, as a sentence. */
export function logText(line: LogLine, t: Translate, fmt: Formatters): string {
  const e = line.entry;
  // A charge or return names its session and when it was, so an old entry still says which.
  const session =
    line.sessionTitle === null
      ? t('passes.log.aSession')
      : line.sessionStartsAt === null
        ? line.sessionTitle
        : t('passes.log.sessionOn', {
            session: line.sessionTitle,
            date: fmt.sessionStart(line.sessionStartsAt),
          });
  switch (e.kind) {
    case 'granted':
      return t('passes.log.granted');
    case 'sessions_added':
      return t('passes.log.sessionsAdded', { count: e.delta });
    case 'extended':
      return e.expiresOnAfter
        ? t('passes.log.extended', { date: fmt.date(e.expiresOnAfter) })
        : t('passes.log.extendedSomehow');
    case 'charged_signup':
      return t('passes.log.chargedSignup', { session });
    case 'charged_checkin':
      return t('passes.log.chargedCheckin', { session });
    case 'charged_adjustment':
      return t('passes.log.chargedAdjustment', { session });
    case 'returned_signout':
      return t('passes.log.returnedSignout', { session });
    case 'returned_void':
      return t('passes.log.returnedVoid', { session });
    case 'returned_cancel':
      return t('passes.log.returnedCancel', { session });
    case 'returned_adjustment':
      return t('passes.log.returnedAdjustment', { session });
    case 'deactivated':
      return t('passes.log.deactivated');
    case 'reactivated':
      return t('passes.log.reactivated');
    case 'manual_adjustment':
      return t('passes.log.manualAdjustment');
    case 'used_signup':
    case 'used_checkin':
    case 'used_adjustment':
      return t(`timePasses.log.${e.kind}`, { session });
    case 'unused_signout':
    case 'unused_void':
    case 'unused_cancel':
    case 'unused_adjustment':
      return t(`timePasses.log.${e.kind}`, { session });
  }
}

/** Who made a change: "by you", "by Olivia Owner", "by the club". */
export function byText(by: Person, t: Translate): string {
  if (by.self) return t('passes.log.byYou');
  return by.name ? t('passes.log.by', { name: by.name }) : t('passes.log.byClub');
}

// --- Requests ----------------------------------------------------------------------

interface RequestView {
  request: PassRequest;
  templateName: string;
  /** Made on this device and not yet synced. */
  pending: boolean;
  /** Who decided it, when this device knows. */
  decidedBy: Person | null;
}

/** The request a queued create or withdrawal is about. */
function requestIdOf(p: PendingLike): string | null {
  const aboutRequest = p.name === 'passRequest.create' || p.name === 'passRequest.withdraw';
  if (!aboutRequest || typeof p.args !== 'object' || p.args === null) return null;
  const id = (p.args as { requestId?: unknown }).requestId;
  return typeof id === 'string' ? id : null;
}

/** The member's pass requests, newest first. */
export function myRequests(
  view: Replica,
  memberId: string,
  options: { locale: string; pending?: readonly PendingLike[] },
): RequestView[] {
  const locales = view.club?.settings.locales ?? [];
  const pendingIds = new Set((options.pending ?? []).map(requestIdOf).filter(Boolean));
  return view.tables.passRequests
    .by('member', memberId)
    .sort((a, b) => toMs(b.createdAt) - toMs(a.createdAt) || (a.id < b.id ? 1 : -1))
    .map((request) => {
      const template = view.tables.templates.get(request.templateId);
      return {
        request,
        templateName: template ? localName(template.names, options.locale, locales) : '',
        pending: pendingIds.has(request.id),
        decidedBy: request.decidedBy ? person(view, request.decidedBy, memberId) : null,
      };
    });
}

interface TemplateOption {
  id: string;
  name: string;
  description: string;
  sessions: number;
  /** "Unlimited for the validity days" (perhaps at most `weeklyCap` a week) rather than a number of sessions. */
  time: boolean;
  weeklyCap: number | null;
  validityDays: number;
  priceMinor: number;
  currency: string;
  trainingTypes: Applicability;
  /** The member already has a pending request for it. */
  requested: boolean;
}

/** The templates a member can request (not deleted), by name. */
export function requestableTemplates(
  view: Replica,
  memberId: string,
  locale: string,
): TemplateOption[] {
  const locales = view.club?.settings.locales ?? [];
  const requested = new Set(
    view.tables.passRequests
      .by('member', memberId)
      .filter((r) => r.status === 'pending')
      .map((r) => r.templateId),
  );
  return [...view.tables.templates.values()]
    .filter((t) => t.deletedAt === null)
    .map((t) => ({
      id: t.id,
      name: localName(t.names, locale, locales),
      description: localName(t.descriptions, locale, locales),
      sessions: t.sessions,
      time: t.kind === 'time',
      weeklyCap: t.weeklyCap ?? null,
      validityDays: t.validityDays,
      priceMinor: t.priceMinor,
      currency: t.currency,
      trainingTypes: applicability(view, t.trainingTypeIds),
      requested: requested.has(t.id),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}

/** A price in minor units as money, e.g. "€89.00": the organizer's money format, one for the app. */
export function formatPrice(priceMinor: number, currency: string, locale: string): string {
  return formatMoney(priceMinor, currency, locale);
}
