import {
  addDaysToDate,
  daysBetween,
  isPassInUse,
  type CreditLogKind,
  type expiringPassesInput,
  type passCreditLogInput,
  type reportRangeInput,
} from '@turnout/shared';
import type { z } from 'zod';
import { fail } from '../errors.js';
import {
  getPassWithMember,
  listCreditLogOfPass,
  listExpiringPasses,
  listPassesOfClub,
  listTemplatesOfClub,
  sessionsUsedByTemplate,
} from '../repositories/reports.repository.js';
import type { ServiceDeps } from './deps.js';
import type { ClubActor } from './invites.service.js';
import {
  displayName,
  instantRange,
  parseTerms,
  reportClub,
  sumMoney,
  type Money,
} from './reports.common.js';

/**
 * Pass analytics, the expiring-passes report and a pass's credit log
 * (spec §5, §6). Online-only reads; see docs/protocol.md for who may call them.
 */

/** What happened to one template's passes. */
interface TemplateFigures {
  templateId: string;
  names: Record<string, string>;
  /** The template's current terms (each pass keeps its own snapshot). */
  priceMinor: number;
  currency: string;
  deletedAt: string | null;
  /** Passes granted in the range. */
  granted: number;
  /** Sum of the granted passes' own prices, per currency. */
  revenue: Money[];
  /** Credits charged minus credits returned by credit-log entries in the range. */
  sessionsUsed: number;
  /** Every pass of the template, today, falls in exactly one of these four. */
  activeNow: number;
  usedUp: number;
  deactivated: number;
  expired: number;
}

interface TemplateAnalytics {
  today: string;
  from: string | null;
  to: string | null;
  templates: TemplateFigures[];
  totals: Omit<TemplateFigures, 'templateId' | 'names' | 'priceMinor' | 'currency' | 'deletedAt'>;
}

type PassState = 'activeNow' | 'usedUp' | 'deactivated' | 'expired';

/** Where a pass stands today; `activeNow` is exactly "could pay for a session today". */
function passState(
  pass: { active: boolean; balance: number; expiresOn: string; time: boolean },
  today: string,
): PassState {
  if (pass.expiresOn < today) return 'expired';
  if (!pass.active) return 'deactivated';
  // A membership by time never runs out of sessions: it is active until it expires.
  if (pass.balance <= 0 && !pass.time) return 'usedUp';
  return 'activeNow';
}

export async function templateAnalytics(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof reportRangeInput>,
): Promise<TemplateAnalytics> {
  const club = await reportClub(deps, actor.clubId);
  const range = instantRange(club.settings.timezone, input.from, input.to);
  const templates = await listTemplatesOfClub(deps.db, actor.clubId);
  const passes = await listPassesOfClub(deps.db, actor.clubId);
  const used = await sessionsUsedByTemplate(deps.db, actor.clubId, range);

  const figures = new Map<string, TemplateFigures>();
  for (const t of templates) {
    figures.set(t.id, {
      templateId: t.id,
      names: JSON.parse(t.names) as Record<string, string>,
      priceMinor: t.price_minor,
      currency: t.currency,
      deletedAt: t.deleted_at,
      granted: 0,
      revenue: [],
      sessionsUsed: used.get(t.id) ?? 0,
      activeNow: 0,
      usedUp: 0,
      deactivated: 0,
      expired: 0,
    });
  }
  const sales = new Map<string, Money[]>();
  for (const p of passes) {
    const f = figures.get(p.template_id);
    if (!f) continue;
    const terms = parseTerms(p.terms);
    const pass = {
      active: p.active === 1,
      balance: p.balance,
      expiresOn: p.expires_on,
      time: terms.kind === 'time',
    };
    f[passState(pass, club.today)] += 1;
    const inRange =
      (input.from === undefined || p.granted_on >= input.from) &&
      (input.to === undefined || p.granted_on <= input.to);
    if (inRange) {
      f.granted += 1;
      const list = sales.get(p.template_id) ?? [];
      list.push({ currency: terms.currency, amountMinor: terms.priceMinor });
      sales.set(p.template_id, list);
    }
  }
  for (const [templateId, list] of sales) figures.get(templateId)!.revenue = sumMoney(list);

  const locales = club.settings.locales;
  const list = [...figures.values()].sort(
    (a, b) =>
      Number(a.deletedAt !== null) - Number(b.deletedAt !== null) ||
      displayName(a.names, locales).localeCompare(displayName(b.names, locales)) ||
      a.templateId.localeCompare(b.templateId),
  );
  const add = (key: 'granted' | 'sessionsUsed' | PassState) =>
    list.reduce((sum, f) => sum + f[key], 0);
  return {
    today: club.today,
    from: input.from ?? null,
    to: input.to ?? null,
    templates: list,
    totals: {
      granted: add('granted'),
      revenue: sumMoney(list.flatMap((f) => f.revenue)),
      sessionsUsed: add('sessionsUsed'),
      activeNow: add('activeNow'),
      usedUp: add('usedUp'),
      deactivated: add('deactivated'),
      expired: add('expired'),
    },
  };
}

interface ExpiringPass {
  passId: string;
  memberId: string;
  memberName: string;
  memberEmail: string;
  templateId: string;
  /** The pass's own name (its terms), in the club's first language. */
  name: string;
  names: Record<string, string>;
  balance: number;
  /** A membership by time: no sessions to run out of, it expires by date (`balance` is 0). */
  unlimited: boolean;
  grantedOn: string;
  expiresOn: string;
  /** Days from today to the expiry date (0 = expires at the end of today). */
  daysLeft: number;
}

/**
 * Passes that can still be used but expire within `days`: active, with
 * sessions left or unlimited (a membership by time), expiring from today through today + days, of members
 * still in the club. Soonest first.
 */
export async function expiringPasses(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof expiringPassesInput>,
): Promise<{ today: string; until: string; passes: ExpiringPass[] }> {
  const club = await reportClub(deps, actor.clubId);
  if (actor.role === 'host' && !club.settings.hostsCanManagePasses) fail('not_permitted');
  const until = addDaysToDate(club.today, input.days);
  const rows = await listExpiringPasses(deps.db, actor.clubId, club.today, until);
  return {
    today: club.today,
    until,
    passes: rows.map((r) => {
      const terms = parseTerms(r.terms);
      return {
        passId: r.passId,
        memberId: r.memberId,
        memberName: r.memberName,
        memberEmail: r.memberEmail,
        templateId: r.templateId,
        name: displayName(terms.names, club.settings.locales),
        names: terms.names,
        balance: r.balance,
        unlimited: terms.kind === 'time',
        grantedOn: r.grantedOn,
        expiresOn: r.expiresOn,
        daysLeft: daysBetween(club.today, r.expiresOn),
      };
    }),
  };
}

interface CreditLogLine {
  id: string;
  at: string;
  kind: CreditLogKind;
  delta: number;
  balanceAfter: number;
  expiresOnAfter: string | null;
  reason: string | null;
  sessionId: string | null;
  sessionTitle: string | null;
  sessionStartsAt: string | null;
  byMemberId: string;
  byName: string | null;
}

interface PassCreditLog {
  pass: {
    passId: string;
    memberId: string;
    memberName: string;
    templateId: string;
    name: string;
    names: Record<string, string>;
    balance: number;
    grantedOn: string;
    grantedAt: string;
    expiresOn: string;
    active: boolean;
    /** Whether it could pay for a session today (see `isPassInUse`). */
    usableToday: boolean;
  };
  entries: CreditLogLine[];
}

/** Every entry of one pass's credit log, oldest first: who, when, why, and the balance after it. */
export async function passCreditLog(
  deps: ServiceDeps,
  actor: ClubActor,
  input: z.output<typeof passCreditLogInput>,
): Promise<PassCreditLog> {
  const club = await reportClub(deps, actor.clubId);
  const pass = await getPassWithMember(deps.db, actor.clubId, input.passId);
  if (!pass) fail('not_found');
  const terms = parseTerms(pass.terms);
  const entries = await listCreditLogOfPass(deps.db, actor.clubId, input.passId);
  const active = pass.active === 1;
  return {
    pass: {
      passId: pass.passId,
      memberId: pass.memberId,
      memberName: pass.memberName,
      templateId: pass.templateId,
      name: displayName(terms.names, club.settings.locales),
      names: terms.names,
      balance: pass.balance,
      grantedOn: pass.grantedOn,
      grantedAt: pass.grantedAt,
      expiresOn: pass.expiresOn,
      active,
      usableToday: isPassInUse(
        { ...pass, id: pass.passId, terms, active, requestId: null },
        club.today,
      ),
    },
    entries: entries.map((e) => ({ ...e, kind: e.kind as CreditLogKind })),
  };
}
