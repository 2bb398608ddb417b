/**
 * Builders for tests of the rules (not exported from the package):
 * `session({ capacity: 2 })`, `pass({ balance: 3 })`, `ctx({ role: 'host' })`.
 */
import type { Role } from '../roles.js';
import { defaultClubSettings, type ClubSettings } from '../settings.js';
import type { TimeInput } from '../time/index.js';
import type { Applied, CommandContext, Decision, Refusal } from './decision.js';
import type { Attendance, Pass, Session, Signup, Template } from './types.js';

export const TZ = 'Europe/Berlin';

let counter = 0;
/** A fresh, valid, readable UUID. */
export function uuid(): string {
  counter += 1;
  return `00000000-0000-4000-8000-${counter.toString(16).padStart(12, '0')}`;
}

export const MEMBER = '10000000-0000-4000-8000-000000000001';
export const OTHER = '10000000-0000-4000-8000-000000000002';
export const HOST = '10000000-0000-4000-8000-000000000003';
export const OWNER = '10000000-0000-4000-8000-000000000004';

const roleIds: Record<Role, string> = { member: MEMBER, host: HOST, owner: OWNER };

export function settings(over: Partial<ClubSettings> = {}): ClubSettings {
  return { ...defaultClubSettings(TZ), ...over };
}

/** Sessions below start Tue 2025-03-11 18:00 Berlin (17:00Z) and end 19:00 local. */
export const START = '2025-03-11T17:00:00.000Z';
export const END = '2025-03-11T18:00:00.000Z';

export function ctx(
  over: {
    role?: Role;
    memberId?: string;
    now?: TimeInput;
    settings?: Partial<ClubSettings>;
    mutationId?: string;
    deviceLabel?: string | null;
  } = {},
): CommandContext {
  const role = over.role ?? 'member';
  return {
    actor: { role, memberId: over.memberId ?? roleIds[role] },
    settings: settings(over.settings),
    now: over.now ?? '2025-03-11T16:00:00.000Z',
    mutationId: over.mutationId ?? uuid(),
    deviceLabel: over.deviceLabel ?? 'Test phone',
  };
}

export function session(over: Partial<Session> = {}): Session {
  return {
    id: uuid(),
    title: 'Tuesday Yoga',
    description: null,
    trainingTypeId: null,
    startsAt: START,
    endsAt: END,
    location: null,
    capacity: null,
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
    memberId: MEMBER,
    templateId: uuid(),
    terms: {
      names: { en: '10 sessions' },
      sessions: 10,
      priceMinor: 10000,
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

export function signup(over: Partial<Signup> = {}): Signup {
  return {
    id: uuid(),
    sessionId: uuid(),
    memberId: MEMBER,
    status: 'active',
    position: null,
    charges: [],
    lateCancel: false,
    createdAt: '2025-03-10T09:00:00.000Z',
    updatedAt: '2025-03-10T09:00:00.000Z',
    byMemberId: MEMBER,
    deviceLabel: null,
    ...over,
  };
}

export function attendance(over: Partial<Attendance> = {}): Attendance {
  return {
    id: uuid(),
    sessionId: uuid(),
    memberId: MEMBER,
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
    checkedInAt: '2025-03-11T16:50:00.000Z',
    updatedAt: '2025-03-11T16:50:00.000Z',
    byMemberId: MEMBER,
    deviceLabel: null,
    ...over,
  };
}

export function template(over: Partial<Template> = {}): Template {
  return {
    id: uuid(),
    names: { en: '10 sessions' },
    descriptions: {},
    sessions: 10,
    priceMinor: 10000,
    currency: 'EUR',
    validityDays: 30,
    trainingTypeIds: [],
    deletedAt: null,
    ...over,
  };
}

/** Narrow a decision in a test, failing with the refusal's message otherwise. */
export function expectApplied(d: Decision): Applied['effects'] {
  if (!d.ok) throw new Error(`Expected applied, got ${d.code}: ${d.message}`);
  return d.effects;
}

export function expectRefused(d: Decision): Refusal {
  if (d.ok) throw new Error('Expected a refusal, got applied');
  return d;
}
