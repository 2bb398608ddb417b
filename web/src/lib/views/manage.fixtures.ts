/**
 * Builders for the tests of the organizer's views: rows with sensible
 * defaults and a replica holding them, plus a translator that shows which
 * message was asked for.
 */
import {
  defaultClubSettings,
  type ClubSettings,
  type CreditLogEntry,
  type Pass,
  type PassRequest,
  type PulledMember,
  type Session,
  type Template,
} from '@turnout/shared';
import type { MessageKey, MessageValues, Translate } from '$lib/i18n';
import { Replica } from '@turnout/shared';

export const TZ = 'Europe/Berlin';
export const CLUB = '30000000-0000-4000-8000-000000000000';
export const OWNER = '30000000-0000-4000-8000-0000000000aa';

let counter = 0;
/** A fresh, valid, readable UUID. */
export function uuid(): string {
  counter += 1;
  return `30000000-0000-4000-9000-${counter.toString(16).padStart(12, '0')}`;
}

export function settings(over: Partial<ClubSettings> = {}): ClubSettings {
  return { ...defaultClubSettings(TZ), ...over };
}

export function member(name: string, over: Partial<PulledMember> = {}): PulledMember {
  return { memberId: uuid(), name, role: 'member', removed: false, ...over };
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

export function pass(over: Partial<Pass> = {}): Pass {
  return {
    id: uuid(),
    memberId: uuid(),
    templateId: uuid(),
    terms: {
      names: { en: '10-class pass' },
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

export function logEntry(over: Partial<CreditLogEntry> = {}): CreditLogEntry {
  return {
    id: uuid(),
    passId: uuid(),
    memberId: uuid(),
    delta: 10,
    kind: 'granted',
    balanceAfter: 10,
    expiresOnAfter: null,
    sessionId: null,
    signupId: null,
    attendanceId: null,
    reason: null,
    byMemberId: OWNER,
    at: '2025-03-01T09:00:00.000Z',
    ...over,
  };
}

export function request(over: Partial<PassRequest> = {}): PassRequest {
  return {
    id: uuid(),
    memberId: uuid(),
    templateId: uuid(),
    note: null,
    status: 'pending',
    createdAt: '2025-03-02T10:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    reason: null,
    passId: null,
    ...over,
  };
}

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

export interface Rows {
  settings?: Partial<ClubSettings>;
  members?: PulledMember[];
  templates?: Template[];
  passes?: Pass[];
  creditLog?: CreditLogEntry[];
  passRequests?: PassRequest[];
  sessions?: Session[];
  trainingTypes?: { id: string; name: string; archived: boolean }[];
}

/** A replica as an owner's device holds it. */
export function replica(rows: Rows = {}): Replica {
  const view = new Replica(CLUB);
  const t = view.tables;
  t.club.put({ id: CLUB, name: 'Riverside', settings: settings(rows.settings) });
  t.members.put({ memberId: OWNER, name: 'Olga Owner', role: 'owner', removed: false });
  for (const m of rows.members ?? []) t.members.put(m);
  for (const x of rows.templates ?? []) t.templates.put(x);
  for (const x of rows.passes ?? []) t.passes.put(x);
  for (const x of rows.creditLog ?? []) t.creditLog.put(x);
  for (const x of rows.passRequests ?? []) t.passRequests.put(x);
  for (const x of rows.sessions ?? []) t.sessions.put(x);
  for (const x of rows.trainingTypes ?? []) t.trainingTypes.put(x);
  return view;
}

/** Answers `key {"values":…}`, so a test sees which message was chosen and with what. */
export const keyT: Translate = (key: MessageKey, values?: MessageValues) =>
  values ? `${key} ${JSON.stringify(values)}` : key;
