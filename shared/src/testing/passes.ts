import type {
  CreditLogEntry,
  NewCreditLogEntry,
  Pass,
  PassRequest,
  PassTerms,
  Template,
} from '../rules/types.js';
import { addDaysToDate } from '../time/index.js';
import { MEMBER, OWNER, uuid } from './ids.js';

/** When the default pass was granted. */
export const GRANTED_AT = '2025-03-01T09:00:00.000Z';

/** A 10-class pass for EUR 89.00, valid 90 days, for every training type. */
export function aTemplate(over: Partial<Template> = {}): Template {
  return { id: uuid(), ...templateDefaults(), ...over };
}

function templateDefaults(): Omit<Template, 'id'> {
  return {
    names: { en: '10-class pass', de: '10er-Karte' },
    descriptions: {},
    sessions: 10,
    priceMinor: 8900,
    currency: 'EUR',
    validityDays: 90,
    trainingTypeIds: [],
    deletedAt: null,
  };
}

/** The terms a pass copies from its template when granted. */
export function termsOf(template: Pick<Template, keyof PassTerms>): PassTerms {
  return {
    names: { ...template.names },
    sessions: template.sessions,
    ...(template.kind === 'time'
      ? { kind: 'time' as const, weeklyCap: template.weeklyCap ?? null }
      : {}),
    priceMinor: template.priceMinor,
    currency: template.currency,
    validityDays: template.validityDays,
    trainingTypeIds: [...template.trainingTypeIds],
  };
}

/** A pass's fields, with only the terms that differ from the default template's. */
export type PassOverrides = Partial<Omit<Pass, 'terms'>> & { terms?: Partial<PassTerms> };

/** MEMBER's untouched pass of the default template, granted 1 March 2025, valid to 30 May. */
export function aPass(over: PassOverrides = {}): Pass {
  const { terms, ...rest } = over;
  return {
    id: uuid(),
    memberId: MEMBER,
    templateId: uuid(),
    balance: 10,
    grantedOn: GRANTED_AT.slice(0, 10),
    grantedAt: GRANTED_AT,
    expiresOn: '2025-05-30',
    active: true,
    requestId: null,
    ...rest,
    terms: { ...termsOf(templateDefaults()), ...terms },
  };
}

/** "Unlimited for 30 days" (no sessions, optionally capped per week). */
export function aTimeTemplate(over: Partial<Template> = {}): Template {
  return aTemplate({
    names: { en: 'Unlimited 30 days', de: '30 Tage unbegrenzt' },
    kind: 'time',
    sessions: 0,
    weeklyCap: null,
    validityDays: 30,
    priceMinor: 6900,
    ...over,
  });
}

/**
 * MEMBER's time pass granted 1 March 2025 and valid through `expiresOn`
 * (default 30 March), with `weeklyCap` (default none), never used.
 */
export function aTimePass(over: PassOverrides = {}): Pass {
  const { terms, ...rest } = over;
  return aPass({
    balance: 0,
    expiresOn: '2025-03-30',
    weekUses: {},
    ...rest,
    terms: {
      names: { en: 'Unlimited 30 days' },
      sessions: 0,
      validityDays: 30,
      kind: 'time',
      weeklyCap: null,
      ...terms,
    },
  });
}

/** MEMBER's pending request for a pass, a few days after the default grant. */
export function aPassRequest(over: Partial<PassRequest> = {}): PassRequest {
  return {
    id: uuid(),
    memberId: MEMBER,
    templateId: uuid(),
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

/** OWNER granting MEMBER ten credits at GRANTED_AT, as the rules log it (no id yet). */
export function aNewCreditLogEntry(over: Partial<NewCreditLogEntry> = {}): NewCreditLogEntry {
  return {
    passId: uuid(),
    memberId: MEMBER,
    delta: 10,
    kind: 'granted',
    balanceAfter: 10,
    expiresOnAfter: null,
    sessionId: null,
    signupId: null,
    attendanceId: null,
    reason: null,
    byMemberId: OWNER,
    at: GRANTED_AT,
    ...over,
  };
}

/** A credit-log entry as stored and pulled (with its id). */
export function aCreditLogEntry(over: Partial<CreditLogEntry> = {}): CreditLogEntry {
  const { id = uuid(), ...rest } = over;
  return { id, ...aNewCreditLogEntry(rest) };
}

/**
 * A pass of `template` granted at `at` (its terms copied, expiring
 * `validityDays` club days later) and its `granted` log entry: what the
 * `pass.grant` rule writes, without judging.
 */
export function aGrant(
  template: Template,
  over: { memberId?: string; at?: string; byMemberId?: string; passId?: string } = {},
): { pass: Pass; entry: NewCreditLogEntry } {
  const at = over.at ?? GRANTED_AT;
  const grantedOn = at.slice(0, 10);
  const pass: Pass = {
    id: over.passId ?? uuid(),
    memberId: over.memberId ?? MEMBER,
    templateId: template.id,
    terms: termsOf(template),
    balance: template.sessions,
    grantedOn,
    grantedAt: at,
    expiresOn: addDaysToDate(grantedOn, template.validityDays),
    active: true,
    requestId: null,
    ...(template.kind === 'time' ? { weekUses: {} } : {}),
  };
  const entry = aNewCreditLogEntry({
    passId: pass.id,
    memberId: pass.memberId,
    delta: template.sessions,
    balanceAfter: template.sessions,
    byMemberId: over.byMemberId ?? OWNER,
    at,
  });
  return { pass, entry };
}
