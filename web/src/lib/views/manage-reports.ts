import {
  addDaysToDate,
  reinstatableRefusals,
  roleAtLeast,
  type ClubSettings,
  type Role,
} from '@turnout/shared';
import type { ApiFailure, RouterOutputs } from '$lib/api';
import type { Translate } from '$lib/i18n';
import { pickLocal } from './manage-templates';

export type TemplateReport = RouterOutputs['reports']['templates'];
export type ExpiringReport = RouterOutputs['reports']['expiringPasses'];
export type PastSessionsReport = RouterOutputs['reports']['pastSessions'];
export type MemberAttendanceReport = RouterOutputs['reports']['memberAttendance'];
export type AttentionReport = RouterOutputs['reports']['attention'];
export type AttentionItem = AttentionReport['items'][number];
export type PassCreditLogReport = RouterOutputs['reports']['passCreditLog'];

// --- Who sees what (server/src/trpc/routers/reports.router.ts) ---------------------------

interface ReportAccess {
  /** Pass analytics, a pass's full credit log, exports. */
  templates: boolean;
  expiring: boolean;
  /** Past sessions and a member's attendance history. */
  sessions: boolean;
  attention: boolean;
  exports: boolean;
}

export function reportAccess(role: Role, settings: ClubSettings | undefined): ReportAccess {
  const owner = role === 'owner';
  const staff = roleAtLeast(role, 'host');
  return {
    templates: owner,
    expiring: owner || (role === 'host' && settings?.hostsCanManagePasses === true),
    sessions: staff,
    attention: staff,
    exports: owner,
  };
}

// --- Online only --------------------------------------------------------------------------

/** The call did not reach the server (offline, server down): say "needs a connection". */
export function isConnectionFailure(failure: ApiFailure): boolean {
  return failure.code === 'network';
}

// --- Date ranges -------------------------------------------------------------------------

/** The last `days` days through today, both ends included. */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDaysToDate(today, -(days - 1)), to: today };
}

/** The first day of today's month through today. */
export function thisMonth(today: string): { from: string; to: string } {
  return { from: `${today.slice(0, 8)}01`, to: today };
}

/** What is wrong with a range the organizer typed: a missing end (when both are needed) or the wrong order. */
export function rangeProblem(
  from: string,
  to: string,
  required: boolean,
): 'missing' | 'order' | null {
  const date = /^\d{4}-\d{2}-\d{2}$/;
  if (required && (!date.test(from) || !date.test(to))) return 'missing';
  if (date.test(from) && date.test(to) && from > to) return 'order';
  return null;
}

/** What is wrong with a range (see `rangeProblem`), in the reader's language. */
export function rangeProblemText(
  problem: 'missing' | 'order' | null,
  t: Translate,
): string | undefined {
  if (problem === 'order') return t('manageReports.rangeOrder');
  if (problem === 'missing') return t('manageReports.rangeMissing');
  return undefined;
}

/** A range as the report inputs take it: empty ends left out. */
export function rangeInput(from: string, to: string): { from?: string; to?: string } {
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

// --- Pass analytics chart ---------------------------------------------------------------------

export const passStates = ['activeNow', 'usedUp', 'deactivated', 'expired'] as const;
export type PassStateKey = (typeof passStates)[number];

export interface StateChart {
  labels: string[];
  /** One series per pass state, one value per template (same order as `labels`). */
  series: { state: PassStateKey; values: number[] }[];
}

/**
 * Where every template's passes stand today, as stacked bars: the share of
 * passes still usable against used up or expired is what the table alone
 * does not show at a glance. Templates without any pass are left out.
 */
export function passStateChart(
  report: TemplateReport,
  locale: string,
  clubLocales: readonly string[],
): StateChart {
  const shown = report.templates.filter((t) => passStates.some((s) => t[s] > 0));
  return {
    labels: shown.map((t) => pickLocal(t.names, locale, clubLocales)),
    series: passStates.map((state) => ({ state, values: shown.map((t) => t[state]) })),
  };
}

// --- Needs attention -----------------------------------------------------------------------

/** The catalogue key naming what a logged mutation was, for the needs-attention list. */
const mutationLabels = {
  'checkin.create': 'checkIn',
  'checkin.void': 'voidCheckIn',
  'checkin.adjust': 'adjustCheckIn',
  'checkin.settle': 'settle',
  'signup.create': 'signUp',
  'signup.cancel': 'signOut',
  'intent.set': 'going',
  'pass.grant': 'grant',
  'pass.extend': 'passChange',
  'pass.addSessions': 'passChange',
  'pass.setActive': 'passChange',
  'pass.adjust': 'passChange',
  'passRequest.create': 'request',
  'passRequest.reject': 'request',
  'passRequest.withdraw': 'request',
  'session.create': 'session',
  'session.update': 'session',
  'session.cancel': 'session',
} as const;
type MutationLabel = (typeof mutationLabels)[keyof typeof mutationLabels] | 'other';

export function mutationLabel(name: string): MutationLabel {
  return Object.hasOwn(mutationLabels, name)
    ? mutationLabels[name as keyof typeof mutationLabels]
    : 'other';
}

export type AttentionAction =
  'accept' | 'charge' | 'grantAndCharge' | 'dismiss' | 'dismissGroup' | 'reinstate';

/**
 * A refused check-in an owner can put right (`checkin.reinstate`): refused
 * for a full session or missing credits, its session and member known.
 */
export function canReinstate(item: AttentionItem, role: Role): boolean {
  return (
    role === 'owner' &&
    item.kind === 'refused' &&
    item.mutation === 'checkin.create' &&
    (reinstatableRefusals as readonly (string | null)[]).includes(item.code) &&
    item.session !== null &&
    item.member !== null &&
    item.resolution === null
  );
}

/** A check-in the server accepted as unpaid and that still owes credits now. */
function owesCredits(item: AttentionItem): boolean {
  return (
    item.kind === 'flagged' &&
    item.flags.includes('unpaid') &&
    item.attendance !== null &&
    !item.attendance.voided &&
    item.attendance.unpaidCredits > 0 &&
    item.session !== null &&
    item.member !== null
  );
}

/**
 * The ways an open entry can be closed. Refusals come in groups (one device,
 * one kind of change, one reason) and are dismissed together. An unpaid
 * check-in that still owes can be charged to the member's passes (when they
 * have usable credits, or after granting a pass); every flagged item can be
 * accepted as it is or dismissed.
 */
export function attentionActions(
  item: AttentionItem,
  canGrant: boolean,
  role: Role = 'host',
): AttentionAction[] {
  if (item.resolution) return [];
  if (item.group)
    return canReinstate(item, role) ? ['reinstate', 'dismissGroup'] : ['dismissGroup'];
  if (!owesCredits(item)) return ['accept', 'dismiss'];
  return canGrant
    ? ['charge', 'grantAndCharge', 'accept', 'dismiss']
    : ['charge', 'accept', 'dismiss'];
}

// --- Exports --------------------------------------------------------------------------------

/** A server-made file name, kept to characters every file system accepts. */
export function safeFilename(name: string, fallback: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '/\\?%*:|"<>'.includes(ch) ? '-' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return cleaned || fallback;
}
