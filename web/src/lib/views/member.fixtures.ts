/**
 * Builders for the tests of the member's views (passes, notifications,
 * history, attention): rows with sensible defaults, a replica holding them,
 * and the real English catalogue to check the sentences people read.
 */
import {
  defaultClubSettings,
  type Attendance,
  type ClubSettings,
  type CreditLogEntry,
  type Pass,
  type PassRequest,
  type PullChanges,
  type PulledMember,
  type PulledNotification,
  type Session,
  type Signup,
  type Template,
} from '@turnout/shared';
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey, MessageValues, Translate } from '$lib/i18n';
import { en } from '$lib/i18n/en';
import { Replica } from '@turnout/shared';
import { clubFormatters } from './formatters';

export const TZ = 'Europe/Berlin';
export const CLUB = '20000000-0000-4000-8000-000000000000';
export const ME = '10000000-0000-4000-8000-000000000001';
export const OTHER = '10000000-0000-4000-8000-000000000002';
export const OWNER = '10000000-0000-4000-8000-000000000004';

let counter = 0;
/** A fresh, valid, readable UUID. */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export function settings(over: Partial<ClubSettings> = {}): ClubSettings {
  return { ...defaultClubSettings(TZ), ...over };
}

export function member(memberId: string, name: string): PulledMember {
  return { memberId, name, role: 'member', removed: false };
}

/** Tue 2025-03-11 18:00–19:00 Berlin unless told otherwise. */
export function session(over: Partial<Session> = {}): Session {
  return {
    id: uuid(),
    title: 'Tuesday Yoga',
    description: null,
    trainingTypeId: null,
    startsAt: '2025-03-11T17:00:00.000Z',
    endsAt: '2025-03-11T18:00:00.000Z',
    location: null,
    capacity: 10,
    creditCost: 1,
    status: 'scheduled',
    cancelReason: null,
    seriesId: null,
    ...over,
  };
}

export function pass(over: Partial<Pass> = {}): Pass {
  return {
    id: uuid(),
    memberId: ME,
    templateId: uuid(),
    terms: {
      names: { en: '10-class pass', de: '10er-Karte' },
      sessions: 10,
      priceMinor: 8900,
      currency: 'EUR',
      validityDays: 90,
      trainingTypeIds: [],
    },
    balance: 10,
    grantedOn: '2025-03-01',
    grantedAt: '2025-03-01T09:00:00.000Z',
    expiresOn: '2025-05-30',
    active: true,
    requestId: null,
    ...over,
  };
}

export function logEntry(p: Pass, over: Partial<CreditLogEntry> = {}): CreditLogEntry {
  return {
    id: uuid(),
    passId: p.id,
    memberId: p.memberId,
    delta: 10,
    kind: 'granted',
    balanceAfter: 10,
    expiresOnAfter: null,
    sessionId: null,
    signupId: null,
    attendanceId: null,
    reason: null,
    byMemberId: OWNER,
    at: p.grantedAt,
    ...over,
  };
}

export function attendance(s: Session, over: Partial<Attendance> = {}): Attendance {
  return {
    id: uuid(),
    sessionId: s.id,
    memberId: ME,
    credits: 1,
    charges: [],
    signupCredits: 0,
    unpaidCredits: 0,
    flags: [],
    backfilled: false,
    voided: false,
    voidReason: null,
    voidedAt: null,
    voidedBy: null,
    checkedInAt: s.startsAt,
    updatedAt: s.startsAt,
    byMemberId: ME,
    deviceLabel: null,
    ...over,
  };
}

export function signup(s: Session, over: Partial<Signup> = {}): Signup {
  return {
    id: uuid(),
    sessionId: s.id,
    memberId: ME,
    status: 'active',
    position: null,
    charges: [],
    lateCancel: false,
    createdAt: '2025-03-10T09:00:00.000Z',
    updatedAt: '2025-03-10T09:00:00.000Z',
    byMemberId: ME,
    deviceLabel: null,
    ...over,
  };
}

export function template(over: Partial<Template> = {}): Template {
  return {
    id: uuid(),
    names: { en: '10-class pass', de: '10er-Karte' },
    descriptions: {},
    sessions: 10,
    priceMinor: 8900,
    currency: 'EUR',
    validityDays: 90,
    trainingTypeIds: [],
    deletedAt: null,
    ...over,
  };
}

export function request(t: Template, over: Partial<PassRequest> = {}): PassRequest {
  return {
    id: uuid(),
    memberId: ME,
    templateId: t.id,
    note: null,
    status: 'pending',
    createdAt: '2025-03-05T09:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    reason: null,
    passId: null,
    ...over,
  };
}

export function notification(over: Partial<PulledNotification> = {}): PulledNotification {
  return {
    id: uuid(),
    memberId: ME,
    kind: 'spot_open',
    sessionId: null,
    data: {},
    at: '2025-03-10T09:00:00.000Z',
    read: false,
    readAt: null,
    ...over,
  };
}

/** A replica of the club holding these rows (as after a first pull). */
export function replica(
  rows: Omit<{ [T in keyof PullChanges]: NonNullable<PullChanges[T]>['put'] }, 'club'>,
  over: Partial<ClubSettings> = {},
): Replica {
  const view = new Replica(CLUB);
  const changes: PullChanges = {
    club: { put: [{ id: CLUB, name: 'Riverside', settings: settings(over) }], del: [] },
  };
  for (const [table, put] of Object.entries(rows)) {
    (changes as Record<string, { put: unknown[]; del: string[] }>)[table] = { put, del: [] };
  }
  view.applyChanges(changes, true);
  return view;
}

/** `$t` over the real English catalogue. */
export const t: Translate = (key: MessageKey, values?: MessageValues) => {
  let message: unknown = en;
  for (const part of key.split('.')) message = (message as Record<string, unknown>)[part];
  if (typeof message !== 'string') throw new Error(`No message ${key}`);
  return String(new IntlMessageFormat(message, 'en').format(values));
};

export const fmt = clubFormatters('en-GB', TZ);
