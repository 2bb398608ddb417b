import type { MutationArgs } from '../protocol/mutations.js';
import { clubDate, toIso } from '../time/index.js';
import { isOwner } from './access.js';
import { applied, refuse, type CommandContext, type Decision, type Refusal } from './decision.js';
import { isTimePass } from './time-passes.js';
import type { ClubDate, Pass, PassKind, Template } from './types.js';

// --- Templates ----------------------------------------------------------------

/**
 * Decision: a pass "uses" its template (blocking deletion) while it is
 * active, not expired (expiresOn ≥ today) and has sessions left.
 */
export function isPassInUse(pass: Pass, today: ClubDate): boolean {
  // A time pass has no sessions to run out of: it is in use until it expires.
  return pass.active && pass.expiresOn >= today && (isTimePass(pass) || pass.balance > 0);
}

/**
 * What a template counts: a session-count template has 1..1000 sessions and
 * no weekly cap; a time template has no sessions (0) and an optional cap.
 */
function templateKindFields(
  kind: PassKind,
  sessions: number | undefined,
  weeklyCap: number | null | undefined,
): Refusal | Pick<Template, 'kind' | 'sessions' | 'weeklyCap'> {
  if (kind === 'time') {
    if (sessions !== undefined && sessions !== 0)
      return refuse('invalid_args', 'A time pass has no number of sessions.');
    return { kind, sessions: 0, weeklyCap: weeklyCap ?? null };
  }
  if (sessions === undefined || sessions < 1)
    return refuse('invalid_args', 'Say how many sessions the pass includes.');
  if (weeklyCap !== undefined && weeklyCap !== null)
    return refuse('invalid_args', 'Only a time pass has a weekly limit.');
  return { kind, sessions, weeklyCap: null };
}

export function createTemplate(
  ctx: CommandContext,
  args: MutationArgs<'template.create'>,
  facts: { existing: Template | null },
): Decision {
  if (!isOwner(ctx.actor)) return refuse('not_permitted');
  if (facts.existing) return refuse('id_taken');
  const kind = templateKindFields(args.kind ?? 'credits', args.sessions, args.weeklyCap);
  if ('ok' in kind) return kind;
  return applied({
    templates: [
      {
        id: args.templateId,
        names: args.names,
        descriptions: args.descriptions ?? {},
        ...kind,
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
  const nextKind = args.kind ?? t.kind ?? 'credits';
  const sameKind = nextKind === (t.kind ?? 'credits');
  const kind = templateKindFields(
    nextKind,
    args.sessions ?? (sameKind && nextKind === 'credits' ? t.sessions : undefined),
    args.weeklyCap !== undefined ? args.weeklyCap : sameKind ? t.weeklyCap : undefined,
  );
  if ('ok' in kind) return kind;
  return applied({
    templates: [
      {
        ...t,
        names: args.names ?? t.names,
        descriptions: args.descriptions ?? t.descriptions,
        ...kind,
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
