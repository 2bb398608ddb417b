import {
  addDaysToDate,
  canManagePasses,
  daysBetween,
  isTimePass,
  pendingRequestCount,
  toMs,
  type ClubDate,
  type ClubSettings,
  type CreditLogEntry,
  type Pass,
  type PassRequest,
  type PassRequestStatus,
  type PulledMember,
  type Role,
  type Template,
} from '@turnout/shared';
import type { Replica } from '@turnout/shared';
import { pickLocal } from './manage-templates';

// --- Who may ------------------------------------------------------------------------

/** Owners, and hosts when the club lets hosts manage passes (spec §2). */
export function mayManagePasses(role: Role, settings: ClubSettings): boolean {
  return canManagePasses({ memberId: '', role }, settings);
}

// --- Finding a member ------------------------------------------------------------------

/** Lower case without accents, so "zoe" finds "Zoë". */
export function searchable(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/**
 * Members of the club (not removed) whose name contains every word typed,
 * by name. An empty search lists everyone.
 */
export function findMembers(view: Replica, query: string, locale = 'en'): PulledMember[] {
  const words = searchable(query).split(/\s+/).filter(Boolean);
  return [...view.tables.members.values()]
    .filter((m) => !m.removed)
    .filter((m) => {
      const name = searchable(m.name);
      return words.every((w) => name.includes(w));
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

// --- A member's passes ---------------------------------------------------------------

/** Whether a pass could pay for a session today, and if not, why. */
export type ManagedPassState = 'usable' | 'deactivated' | 'expired' | 'used_up';

export interface ManagedPass {
  pass: Pass;
  /** The pass's own name (its terms), in the UI language where there is one. */
  name: string;
  state: ManagedPassState;
  /** 0 = valid through today; negative = expired that many days ago. */
  daysLeft: number;
}

/** The same order as the server's analytics: an expired pass counts as expired, switched off or not. */
function passState(pass: Pass, today: ClubDate): ManagedPassState {
  if (pass.expiresOn < today) return 'expired';
  if (!pass.active) return 'deactivated';
  // A time pass never runs out of sessions: it pays until it expires.
  if (pass.balance <= 0 && !isTimePass(pass)) return 'used_up';
  return 'usable';
}

export function isUsable(pass: Pass, today: ClubDate): boolean {
  return passState(pass, today) === 'usable';
}

const stateOrder: Record<ManagedPassState, number> = {
  usable: 0,
  used_up: 1,
  deactivated: 2,
  expired: 3,
};

/** A member's passes: usable ones first (soonest expiry first), then the rest, latest expiry first. */
export function memberPasses(
  view: Replica,
  memberId: string,
  options: { today: ClubDate; locale: string; clubLocales: readonly string[] },
): ManagedPass[] {
  return view.tables.passes
    .by('member', memberId)
    .map((pass) => ({
      pass,
      name: pickLocal(pass.terms.names, options.locale, options.clubLocales),
      state: passState(pass, options.today),
      daysLeft: daysBetween(options.today, pass.expiresOn),
    }))
    .sort(
      (a, b) =>
        stateOrder[a.state] - stateOrder[b.state] ||
        (a.state === 'usable'
          ? a.pass.expiresOn.localeCompare(b.pass.expiresOn)
          : b.pass.expiresOn.localeCompare(a.pass.expiresOn)) ||
        b.pass.grantedAt.localeCompare(a.pass.grantedAt),
    );
}

// --- Granting ----------------------------------------------------------------------------

/** Templates that can be granted (not deleted), by name. */
export function grantableTemplates(
  view: Replica,
  locale: string,
  clubLocales: readonly string[],
): { template: Template; name: string }[] {
  return [...view.tables.templates.values()]
    .filter((t) => t.deletedAt === null)
    .map((template) => ({ template, name: pickLocal(template.names, locale, clubLocales) }))
    .sort((a, b) => a.name.localeCompare(b.name, locale));
}

/** What a grant made today would give: the template's sessions, valid through today + validity days. */
export function grantPreview(
  template: Template,
  today: ClubDate,
): { sessions: number; expiresOn: ClubDate; priceMinor: number; currency: string } {
  return {
    sessions: template.sessions,
    expiresOn: addDaysToDate(today, template.validityDays),
    priceMinor: template.priceMinor,
    currency: template.currency,
  };
}

// --- The credit log ----------------------------------------------------------------------

interface LogRow {
  entry: CreditLogEntry;
  /** Who made the change, as far as this device knows them (null = not on this device). */
  byName: string | null;
  sessionTitle: string | null;
  sessionStartsAt: string | null;
}

/**
 * A pass's entries in the order they were written. Entries of one change
 * share their instant, so ties follow the balance chain: each entry starts
 * where the one before it ended.
 */
function writtenOrder(entries: readonly CreditLogEntry[]): CreditLogEntry[] {
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
          ? group.findIndex((e) => !group.some((f) => f !== e && f.balanceAfter === starts(e)))
          : group.findIndex((e) => starts(e) === running);
      if (k < 0) k = 0;
      out.push(group.splice(k, 1)[0]!);
    }
    i = j;
  }
  return out;
}

/**
 * One pass's credit log as this device holds it, newest first, and whether
 * it is complete: a device pulls only recent history, so it is complete
 * exactly when the `granted` entry is here.
 */
export function passLog(view: Replica, passId: string): { rows: LogRow[]; complete: boolean } {
  const ordered = writtenOrder(view.tables.creditLog.by('pass', passId));
  const rows = ordered.map((entry): LogRow => {
    const session = entry.sessionId ? view.tables.sessions.get(entry.sessionId) : undefined;
    return {
      entry,
      byName: view.tables.members.get(entry.byMemberId)?.name ?? null,
      sessionTitle: session?.title ?? null,
      sessionStartsAt: session?.startsAt ?? null,
    };
  });
  return { rows: rows.reverse(), complete: ordered.some((e) => e.kind === 'granted') };
}

// --- Requests -----------------------------------------------------------------------------

export const requestFilters = ['pending', 'approved', 'rejected', 'all'] as const;
export type RequestFilter = (typeof requestFilters)[number];

export interface RequestRow {
  request: PassRequest;
  memberName: string | null;
  /** The member left the club since. */
  memberRemoved: boolean;
  templateName: string;
  /** null when the template is not on this device; deleted templates cannot be granted. */
  template: Template | null;
  decidedByName: string | null;
}

/** Pending requests: the number on the organizer's badge. */
export function pendingRequests(view: Replica | null | undefined): number {
  return view ? pendingRequestCount([...view.tables.passRequests.values()]) : 0;
}

/**
 * The club's pass requests with one status (or all): pending ones oldest
 * first (first come, first served), decided ones most recently decided first.
 */
export function requestRows(
  view: Replica,
  filter: RequestFilter,
  options: { locale: string; clubLocales: readonly string[] },
): RequestRow[] {
  const when = (r: PassRequest) => (r.status === 'pending' ? r.createdAt : (r.decidedAt ?? ''));
  const statusOrder: Record<PassRequestStatus, number> = {
    pending: 0,
    approved: 1,
    rejected: 1,
    withdrawn: 1,
  };
  return [...view.tables.passRequests.values()]
    .filter((r) => filter === 'all' || r.status === filter)
    .sort(
      (a, b) =>
        statusOrder[a.status] - statusOrder[b.status] ||
        (a.status === 'pending' ? when(a).localeCompare(when(b)) : when(b).localeCompare(when(a))),
    )
    .map((request): RequestRow => {
      const template = view.tables.templates.get(request.templateId) ?? null;
      const member = view.tables.members.get(request.memberId);
      return {
        request,
        memberName: member?.name ?? null,
        memberRemoved: member?.removed ?? false,
        templateName: template
          ? pickLocal(template.names, options.locale, options.clubLocales)
          : '',
        template,
        decidedByName: request.decidedBy
          ? (view.tables.members.get(request.decidedBy)?.name ?? null)
          : null,
      };
    });
}

/** How many requests each filter would show. */
export function requestCounts(view: Replica): Record<RequestFilter, number> {
  const counts: Record<RequestFilter, number> = { pending: 0, approved: 0, rejected: 0, all: 0 };
  for (const r of view.tables.passRequests.values()) {
    // A withdrawn request has no tab of its own: the member took it back, nobody decided.
    if (r.status !== 'withdrawn') counts[r.status] += 1;
    counts.all += 1;
  }
  return counts;
}
