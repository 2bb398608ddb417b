import type { MutationArgs } from '../protocol/mutations.js';
import { addDaysToDate, clubDate, toIso } from '../time/index.js';
import { canManagePasses } from './access.js';
import {
  applied,
  refuse,
  refuseWith,
  type CommandContext,
  type Decision,
  type Refusal,
} from './decision.js';
import { explain } from './explain.js';
import type {
  Charge,
  ClubDate,
  CreditLogKind,
  Instant,
  NewCreditLogEntry,
  Pass,
  PassRequest,
  Session,
  Template,
} from './types.js';
import {
  countUse,
  isTimePass,
  isTimePassValidOn,
  isTimeTemplate,
  timePassKind,
  weekOf,
} from './time-passes.js';

// --- Which pass pays ----------------------------------------------------------

/** Empty list = all training types; a session without a type is covered only by unrestricted passes. */
export function appliesToTrainingType(
  trainingTypeIds: readonly string[],
  trainingTypeId: string | null,
): boolean {
  return (
    trainingTypeIds.length === 0 ||
    (trainingTypeId !== null && trainingTypeIds.includes(trainingTypeId))
  );
}

/**
 * A pass can pay for a session when it is active, applies to the session's
 * training type, is valid on the session's club-local date and has sessions
 * left. Validity is judged on the session's date, never on the date the
 * change reaches the server. Decision: there is no lower bound (a pass
 * granted after the session's date may pay for it — the desk sells a pass to
 * cover the class just attended; backfill is bounded by its own window).
 */
function isPassUsable(
  pass: Pass,
  session: Pick<Session, 'trainingTypeId'>,
  sessionDate: ClubDate,
): boolean {
  if (isTimePass(pass)) {
    return (
      isTimePassValidOn(pass, sessionDate) &&
      appliesToTrainingType(pass.terms.trainingTypeIds, session.trainingTypeId)
    );
  }
  return (
    pass.active &&
    pass.balance > 0 &&
    pass.expiresOn >= sessionDate &&
    appliesToTrainingType(pass.terms.trainingTypeIds, session.trainingTypeId)
  );
}

/**
 * Pay order: a usable time pass first (Decision: it costs the member
 * nothing more, so their session credits are kept for when it cannot pay),
 * then earliest expiry first, then earliest granted, then id.
 */
function comparePayOrder(a: Pass, b: Pass): number {
  const time = Number(isTimePass(b)) - Number(isTimePass(a));
  if (time !== 0) return time;
  if (a.expiresOn !== b.expiresOn) return a.expiresOn < b.expiresOn ? -1 : 1;
  const granted = Date.parse(a.grantedAt) - Date.parse(b.grantedAt);
  if (granted !== 0) return granted;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Whose passes pay first: with `payers` (a dependant, then their guardian —
 * docs/rules.md "Dependants"), every usable pass of the first payer comes
 * before any of the next; within one payer the pay order above.
 */
function comparePayers(payers: readonly string[] | undefined) {
  if (!payers || payers.length < 2) return comparePayOrder;
  return (a: Pass, b: Pass) =>
    payers.indexOf(a.memberId) - payers.indexOf(b.memberId) || comparePayOrder(a, b);
}

/** The passes that would pay `credits` for a session, split in pay order, and what is missing. */
export function choosePasses(
  passes: readonly Pass[],
  session: Pick<Session, 'trainingTypeId'>,
  sessionDate: ClubDate,
  credits: number,
  payers?: readonly string[],
): { charges: Charge[]; shortfall: number } {
  const charges: Charge[] = [];
  let needed = credits;
  const usable = passes
    .filter((p) => isPassUsable(p, session, sessionDate))
    .sort(comparePayers(payers));
  for (const pass of usable) {
    if (needed <= 0) break;
    // A time pass pays every credit of the session in one use.
    const take = isTimePass(pass) ? needed : Math.min(needed, pass.balance);
    charges.push(
      isTimePass(pass)
        ? { passId: pass.id, credits: take, week: weekOf(sessionDate) }
        : { passId: pass.id, credits: take },
    );
    needed -= take;
  }
  return { charges, shortfall: Math.max(0, needed) };
}

/** Credits the member could spend on this session now (Infinity when a time pass can pay). */
export function usableCredits(
  passes: readonly Pass[],
  session: Pick<Session, 'trainingTypeId'>,
  sessionDate: ClubDate,
): number {
  return passes
    .filter((p) => isPassUsable(p, session, sessionDate))
    .reduce((sum, p) => sum + (isTimePass(p) ? Infinity : p.balance), 0);
}

export function totalCredits(charges: readonly Charge[]): number {
  return charges.reduce((sum, c) => sum + c.credits, 0);
}

/** Two steps' charges as one list: a pass charged in both appears once, with the sum. */
export function mergeCharges(a: readonly Charge[], b: readonly Charge[]): Charge[] {
  const out = a.map((c) => ({ ...c }));
  for (const c of b) {
    const same = out.find((x) => x.passId === c.passId);
    if (same) same.credits += c.credits;
    else out.push({ ...c });
  }
  return out;
}

// --- Credit log -----------------------------------------------------------------

export interface LogRefs {
  sessionId?: string | null;
  signupId?: string | null;
  attendanceId?: string | null;
  reason?: string | null;
}

/**
 * Working copy of the passes a command touches: every change goes through
 * `log`, which appends a credit-log entry with the balance after it, so the
 * balance is always the sum of the log and can never go below zero.
 */
export class PassLedger {
  readonly entries: NewCreditLogEntry[] = [];
  readonly #passes = new Map<string, Pass>();
  readonly #touched = new Set<string>();
  readonly #by: string;
  readonly #at: Instant;

  /** Member → guardian: a dependant's uses fall to the guardian's passes after their own. */
  readonly #guardians: Readonly<Record<string, string>>;

  constructor(
    passes: readonly Pass[],
    byMemberId: string,
    at: Instant,
    guardians: Readonly<Record<string, string>> = {},
  ) {
    for (const p of passes) this.#passes.set(p.id, { ...p });
    this.#by = byMemberId;
    this.#at = at;
    this.#guardians = guardians;
  }

  /** Whose passes pay for the member, in order: their own, then their guardian's. */
  payers(memberId: string): string[] {
    const guardian = this.#guardians[memberId];
    return guardian ? [memberId, guardian] : [memberId];
  }

  /** What `charge` would take for the member, changing nothing. */
  choose(
    memberId: string,
    session: Pick<Session, 'trainingTypeId'>,
    sessionDate: ClubDate,
    credits: number,
  ): { charges: Charge[]; shortfall: number } {
    const payers = this.payers(memberId);
    const passes = payers.flatMap((m) => this.passesOf(m));
    return choosePasses(passes, session, sessionDate, credits, payers);
  }

  get(passId: string): Pass {
    const pass = this.#passes.get(passId);
    // The caller must supply every pass a record was charged to: a missing one is a bug, not a refusal.
    if (!pass) throw new Error(`Pass ${passId} was not supplied to the rules`);
    return pass;
  }

  passesOf(memberId: string): Pass[] {
    return [...this.#passes.values()].filter((p) => p.memberId === memberId);
  }

  log(
    passId: string,
    delta: number,
    kind: CreditLogKind,
    refs: LogRefs = {},
    change: Partial<Pick<Pass, 'expiresOn' | 'active' | 'weekUses'>> = {},
  ): NewCreditLogEntry {
    const pass = this.get(passId);
    const balanceAfter = pass.balance + delta;
    if (balanceAfter < 0) throw new Error(`Pass ${passId} would go below zero`);
    const next: Pass = { ...pass, ...change, balance: balanceAfter };
    this.#passes.set(passId, next);
    this.#touched.add(passId);
    const entry: NewCreditLogEntry = {
      passId,
      memberId: pass.memberId,
      delta,
      kind,
      balanceAfter,
      expiresOnAfter: change.expiresOn ?? null,
      sessionId: refs.sessionId ?? null,
      signupId: refs.signupId ?? null,
      attendanceId: refs.attendanceId ?? null,
      reason: refs.reason ?? null,
      byMemberId: this.#by,
      at: this.#at,
    };
    this.entries.push(entry);
    return entry;
  }

  /** Charge up to `credits` from the member's usable passes; returns what was charged and what is missing. */
  charge(
    memberId: string,
    session: Pick<Session, 'trainingTypeId'>,
    sessionDate: ClubDate,
    credits: number,
    kind: CreditLogKind,
    refs: LogRefs,
  ): { charges: Charge[]; shortfall: number } {
    if (credits <= 0) return { charges: [], shortfall: 0 };
    const chosen = this.choose(memberId, session, sessionDate, credits);
    for (const c of chosen.charges) {
      if (c.week !== undefined) this.#use(c.passId, c.week, 1, timePassKind(kind), refs);
      else this.log(c.passId, -c.credits, kind, refs);
    }
    return chosen;
  }

  /** Return credits to the exact passes that paid them (a time pass's use is taken back from its week). */
  refund(charges: readonly Charge[], kind: CreditLogKind, refs: LogRefs): void {
    for (const c of charges) {
      if (c.credits <= 0) continue;
      if (c.week !== undefined) this.#use(c.passId, c.week, -1, timePassKind(kind), refs);
      else this.log(c.passId, c.credits, kind, refs);
    }
  }

  /** A time pass's use (+1) or its return (−1): a delta-0 entry and the week's count moved with it. */
  #use(passId: string, week: ClubDate, by: 1 | -1, kind: CreditLogKind, refs: LogRefs): void {
    this.log(passId, 0, kind, refs, { weekUses: countUse(this.get(passId), week, by) });
  }

  /** The passes changed by this command, as rows to put. */
  changed(): Pass[] {
    return [...this.#touched].map((id) => this.get(id));
  }
}

// --- Passes -----------------------------------------------------------------------

/**
 * Grant: a pass with the template's full sessions, expiring today (club
 * time zone) + validityDays, holding a snapshot of the template's terms.
 * With `requestId` the pending request becomes approved.
 */
export function grantPass(
  ctx: CommandContext,
  args: MutationArgs<'pass.grant'>,
  facts: { template: Template | null; request: PassRequest | null; existing: Pass | null },
): Decision {
  if (!canManagePasses(ctx.actor, ctx.settings)) return refuse('not_permitted');
  if (facts.existing) return refuse('id_taken');
  const t = facts.template;
  if (!t || t.deletedAt) return refuse('not_found');
  const at = toIso(ctx.now);
  const today = clubDate(ctx.now, ctx.settings.timezone);
  const passRequests: PassRequest[] = [];
  if (args.requestId !== undefined) {
    const r = facts.request;
    if (!r || r.id !== args.requestId || r.memberId !== args.memberId) return refuse('not_found');
    if (r.status !== 'pending') return refuseWith('conflict', explain.requestDecided(r.status));
    passRequests.push({
      ...r,
      status: 'approved',
      decidedAt: at,
      decidedBy: ctx.actor.memberId,
      passId: args.passId,
    });
  }
  const pass: Pass = {
    id: args.passId,
    memberId: args.memberId,
    templateId: t.id,
    terms: {
      names: { ...t.names },
      sessions: t.sessions,
      ...(isTimeTemplate(t) ? { kind: 'time' as const, weeklyCap: t.weeklyCap ?? null } : {}),
      priceMinor: t.priceMinor,
      currency: t.currency,
      validityDays: t.validityDays,
      trainingTypeIds: [...t.trainingTypeIds],
    },
    balance: 0,
    grantedOn: today,
    grantedAt: at,
    expiresOn: addDaysToDate(today, t.validityDays),
    active: true,
    requestId: args.requestId ?? null,
    ...(isTimeTemplate(t) ? { weekUses: {} } : {}),
  };
  const ledger = new PassLedger([pass], ctx.actor.memberId, at);
  ledger.log(pass.id, t.sessions, 'granted');
  return applied({
    passes: ledger.changed(),
    creditLog: ledger.entries,
    passRequests,
    notifications: [
      {
        memberId: args.memberId,
        kind: 'pass_granted',
        sessionId: null,
        data: { passId: pass.id, templateId: t.id, expiresOn: pass.expiresOn },
        at,
      },
    ],
  });
}

function passCommand(
  ctx: CommandContext,
  pass: Pass | null,
  change: (ledger: PassLedger, pass: Pass) => Decision | void,
): Decision {
  if (!canManagePasses(ctx.actor, ctx.settings)) return refuse('not_permitted');
  if (!pass) return refuse('not_found');
  const ledger = new PassLedger([pass], ctx.actor.memberId, toIso(ctx.now));
  const refused = change(ledger, pass);
  if (refused) return refused;
  return applied({ passes: ledger.changed(), creditLog: ledger.entries });
}

/** Extend: add days to the current expiry date. */
export function extendPass(
  ctx: CommandContext,
  args: MutationArgs<'pass.extend'>,
  facts: { pass: Pass | null },
): Decision {
  return passCommand(ctx, facts.pass, (ledger, pass) => {
    ledger.log(pass.id, 0, 'extended', {}, { expiresOn: addDaysToDate(pass.expiresOn, args.days) });
  });
}

export function addSessions(
  ctx: CommandContext,
  args: MutationArgs<'pass.addSessions'>,
  facts: { pass: Pass | null },
): Decision {
  return passCommand(ctx, facts.pass, (ledger, pass) => {
    if (isTimePass(pass)) return refuseTimePassSessions();
    ledger.log(pass.id, args.sessions, 'sessions_added');
  });
}

/** Deactivate / reactivate: blocks / allows use; sessions and expiry unchanged. Same state = no change. */
export function setPassActive(
  ctx: CommandContext,
  args: MutationArgs<'pass.setActive'>,
  facts: { pass: Pass | null },
): Decision {
  return passCommand(ctx, facts.pass, (ledger, pass) => {
    if (pass.active === args.active) return;
    ledger.log(
      pass.id,
      0,
      args.active ? 'reactivated' : 'deactivated',
      {},
      { active: args.active },
    );
  });
}

/** Manual adjustment with a reason; cannot take the balance below zero. */
export function adjustPass(
  ctx: CommandContext,
  args: MutationArgs<'pass.adjust'>,
  facts: { pass: Pass | null },
): Decision {
  return passCommand(ctx, facts.pass, (ledger, pass) => {
    if (isTimePass(pass)) return refuseTimePassSessions();
    if (pass.balance + args.delta < 0) {
      return refuse(
        'invalid_args',
        `The pass has ${pass.balance} session${pass.balance === 1 ? '' : 's'} left; a balance cannot go below zero.`,
      );
    }
    ledger.log(pass.id, args.delta, 'manual_adjustment', { reason: args.reason });
  });
}

/** A time pass has no balance of sessions to add to or take from (extend it instead). */
function refuseTimePassSessions(): Refusal {
  return refuse('invalid_args', 'A time pass has no sessions to change; extend it instead.');
}
