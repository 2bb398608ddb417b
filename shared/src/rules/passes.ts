import type { MutationArgs } from '../protocol/mutations.js';
import { addDaysToDate, clubDate, toIso } from '../time/index.js';
import { canManagePasses, isOwner } from './access.js';
import { applied, refuse, type CommandContext, type Decision } from './decision.js';
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
  return (
    pass.active &&
    pass.balance > 0 &&
    pass.expiresOn >= sessionDate &&
    appliesToTrainingType(pass.terms.trainingTypeIds, session.trainingTypeId)
  );
}

/** Pay order: earliest expiry first, then earliest granted, then id. */
function comparePayOrder(a: Pass, b: Pass): number {
  if (a.expiresOn !== b.expiresOn) return a.expiresOn < b.expiresOn ? -1 : 1;
  const granted = Date.parse(a.grantedAt) - Date.parse(b.grantedAt);
  if (granted !== 0) return granted;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The passes that would pay `credits` for a session, split in pay order, and what is missing. */
export function choosePasses(
  passes: readonly Pass[],
  session: Pick<Session, 'trainingTypeId'>,
  sessionDate: ClubDate,
  credits: number,
): { charges: Charge[]; shortfall: number } {
  const charges: Charge[] = [];
  let needed = credits;
  const usable = passes.filter((p) => isPassUsable(p, session, sessionDate)).sort(comparePayOrder);
  for (const pass of usable) {
    if (needed <= 0) break;
    const take = Math.min(needed, pass.balance);
    charges.push({ passId: pass.id, credits: take });
    needed -= take;
  }
  return { charges, shortfall: Math.max(0, needed) };
}

/** Credits the member could spend on this session now. */
export function usableCredits(
  passes: readonly Pass[],
  session: Pick<Session, 'trainingTypeId'>,
  sessionDate: ClubDate,
): number {
  return passes
    .filter((p) => isPassUsable(p, session, sessionDate))
    .reduce((sum, p) => sum + p.balance, 0);
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

  constructor(passes: readonly Pass[], byMemberId: string, at: Instant) {
    for (const p of passes) this.#passes.set(p.id, { ...p });
    this.#by = byMemberId;
    this.#at = at;
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
    change: Partial<Pick<Pass, 'expiresOn' | 'active'>> = {},
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
    const chosen = choosePasses(this.passesOf(memberId), session, sessionDate, credits);
    for (const c of chosen.charges) this.log(c.passId, -c.credits, kind, refs);
    return chosen;
  }

  /** Return credits to the exact passes that paid them. */
  refund(charges: readonly Charge[], kind: CreditLogKind, refs: LogRefs): void {
    for (const c of charges) if (c.credits > 0) this.log(c.passId, c.credits, kind, refs);
  }

  /** The passes changed by this command, as rows to put. */
  changed(): Pass[] {
    return [...this.#touched].map((id) => this.get(id));
  }
}

// --- Templates ----------------------------------------------------------------

/**
 * Decision: a pass "uses" its template (blocking deletion) while it is
 * active, not expired (expiresOn ≥ today) and has sessions left.
 */
export function isPassInUse(pass: Pass, today: ClubDate): boolean {
  return pass.active && pass.expiresOn >= today && pass.balance > 0;
}

export function createTemplate(
  ctx: CommandContext,
  args: MutationArgs<'template.create'>,
  facts: { existing: Template | null },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  if (facts.existing) return refuse('id_taken');
  return applied({
    templates: [
      {
        id: args.templateId,
        names: args.names,
        descriptions: args.descriptions ?? {},
        sessions: args.sessions,
        priceMinor: args.priceMinor,
        currency: args.currency,
        validityDays: args.validityDays,
        trainingTypeIds: args.trainingTypeIds ?? [],
        deletedAt: null,
      },
    ],
  });
}

/** Editing a template never changes passes already granted: they hold a snapshot. */
export function updateTemplate(
  ctx: CommandContext,
  args: MutationArgs<'template.update'>,
  facts: { template: Template | null },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  const t = facts.template;
  if (!t || t.deletedAt) return refuse('not_found');
  return applied({
    templates: [
      {
        ...t,
        names: args.names ?? t.names,
        descriptions: args.descriptions ?? t.descriptions,
        sessions: args.sessions ?? t.sessions,
        priceMinor: args.priceMinor ?? t.priceMinor,
        currency: args.currency ?? t.currency,
        validityDays: args.validityDays ?? t.validityDays,
        trainingTypeIds: args.trainingTypeIds ?? t.trainingTypeIds,
      },
    ],
  });
}

/** Soft delete: the template stays for history and analytics. */
export function deleteTemplate(
  ctx: CommandContext,
  args: MutationArgs<'template.delete'>,
  facts: { template: Template | null; passes: readonly Pass[] },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  const t = facts.template;
  if (!t || t.deletedAt) return refuse('not_found');
  const today = clubDate(ctx.now, ctx.settings.timezone);
  const inUse = facts.passes.filter((p) => p.templateId === t.id && isPassInUse(p, today));
  if (inUse.length > 0) {
    return refuse(
      'template_in_use',
      `${inUse.length} active ${inUse.length === 1 ? 'pass uses' : 'passes use'} it.`,
    );
  }
  return applied({ templates: [{ ...t, deletedAt: toIso(ctx.now) }] });
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
    if (r.status !== 'pending') return refuse('conflict', `The request was already ${r.status}.`);
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
    if (pass.balance + args.delta < 0) {
      return refuse(
        'invalid_args',
        `The pass has ${pass.balance} session${pass.balance === 1 ? '' : 's'} left; a balance cannot go below zero.`,
      );
    }
    ledger.log(pass.id, args.delta, 'manual_adjustment', { reason: args.reason });
  });
}
