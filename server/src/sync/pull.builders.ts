import {
  emptyEffects,
  type Attendance,
  type Effects,
  type NewCreditLogEntry,
  type Pass,
  type Session,
  type Signup,
  type Template,
} from '@turnout/shared';
import type { Db } from '../db/connection.js';
import { newId } from '../ids.js';
import { nextVersion, writeEffects } from '../repositories/domain.repository.js';

/**
 * Builders for pull tests and the benchmark: plain rulebook rows with
 * sensible defaults, written through the same writer sync uses.
 */

export function aSession(over: Partial<Session> = {}): Session {
  return {
    id: newId(),
    title: 'Tuesday Yoga',
    description: null,
    trainingTypeId: null,
    startsAt: '2030-01-01T17:00:00.000Z',
    endsAt: '2030-01-01T18:00:00.000Z',
    location: 'Studio A',
    capacity: 20,
    creditCost: 1,
    status: 'scheduled',
    cancelReason: null,
    seriesId: null,
    ...over,
  };
}

export function aTemplate(over: Partial<Template> = {}): Template {
  return {
    id: newId(),
    names: { en: '10-class pass' },
    descriptions: {},
    sessions: 10,
    priceMinor: 9000,
    currency: 'EUR',
    validityDays: 60,
    trainingTypeIds: [],
    deletedAt: null,
    ...over,
  };
}

export function aSignup(over: Partial<Signup> & Pick<Signup, 'sessionId' | 'memberId'>): Signup {
  return {
    id: newId(),
    status: 'active',
    position: null,
    charges: [],
    lateCancel: false,
    createdAt: '2029-12-30T09:00:00.000Z',
    updatedAt: '2029-12-30T09:00:00.000Z',
    byMemberId: over.memberId,
    deviceLabel: null,
    ...over,
  };
}

export function anAttendance(
  over: Partial<Attendance> & Pick<Attendance, 'sessionId' | 'memberId'>,
): Attendance {
  return {
    id: newId(),
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
    checkedInAt: '2030-01-01T16:55:00.000Z',
    updatedAt: '2030-01-01T16:55:00.000Z',
    byMemberId: over.memberId,
    deviceLabel: 'Front desk',
    ...over,
  };
}

/** A pass (balance 0 until its `granted` log entry) and that entry. */
export function aGrant(
  template: Template,
  memberId: string,
  at: string,
  byMemberId: string,
): { pass: Pass; entry: NewCreditLogEntry } {
  const grantedOn = at.slice(0, 10);
  const expires = new Date(Date.parse(at) + template.validityDays * 86_400_000);
  const pass: Pass = {
    id: newId(),
    memberId,
    templateId: template.id,
    terms: {
      names: template.names,
      sessions: template.sessions,
      priceMinor: template.priceMinor,
      currency: template.currency,
      validityDays: template.validityDays,
      trainingTypeIds: template.trainingTypeIds,
    },
    balance: 0,
    grantedOn,
    grantedAt: at,
    expiresOn: expires.toISOString().slice(0, 10),
    active: true,
    requestId: null,
  };
  const entry: NewCreditLogEntry = {
    passId: pass.id,
    memberId,
    delta: template.sessions,
    kind: 'granted',
    balanceAfter: template.sessions,
    expiresOnAfter: null,
    sessionId: null,
    signupId: null,
    attendanceId: null,
    reason: null,
    byMemberId,
    at,
  };
  return { pass, entry };
}

/** Writes effects as one change (one new version); returns that version. */
export async function writeChange(
  db: Db,
  clubId: string,
  effects: Partial<Effects>,
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const version = await nextVersion(trx);
    await writeEffects(trx, clubId, { ...emptyEffects(), ...effects }, version, null);
    return version;
  });
}
