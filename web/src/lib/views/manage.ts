import { canManagePasses, canManageSessions, type ClubSettings, type Role } from '@turnout/shared';
import type { Translate } from '$lib/i18n';
import { refusalWords, type RefusalContext, type RefusalLike } from '$lib/i18n/refusals';

/**
 * What the organizer's workspace offers a role, following the rulebook's
 * access rules (`shared/src/rules/access.ts`) so a page never offers what
 * the rules would refuse.
 */
export interface ManageAccess {
  /** Sessions and weekly series (owners; hosts when `hostsCanManageSessions`). */
  sessions: boolean;
  /** Granting and changing passes, pass requests (owners; hosts when `hostsCanManagePasses`). */
  passes: boolean;
  /** Training types, pass templates, club settings, exports: owner work. */
  owner: boolean;
  /** Reports and the club-wide needs-attention list (hosts and owners). */
  staff: boolean;
}

export function manageAccess(role: Role, settings: ClubSettings): ManageAccess {
  const actor = { memberId: '', role };
  return {
    sessions: canManageSessions(actor, settings),
    passes: canManagePasses(actor, settings),
    owner: role === 'owner',
    staff: role === 'owner' || role === 'host',
  };
}

/** The pages of the workspace, in the order the index lists them. */
export const managePages = [
  'sessions',
  'series',
  'requests',
  'passes',
  'attention',
  'reports',
  'templates',
  'trainingTypes',
  'exports',
  'settings',
] as const;
export type ManagePage = (typeof managePages)[number];

/** Which part of `ManageAccess` a page needs. */
const pageNeeds: Record<ManagePage, keyof ManageAccess> = {
  sessions: 'sessions',
  series: 'sessions',
  requests: 'passes',
  passes: 'passes',
  attention: 'staff',
  reports: 'staff',
  templates: 'owner',
  trainingTypes: 'owner',
  exports: 'owner',
  settings: 'owner',
};

export function pagesFor(access: ManageAccess): { open: ManagePage[]; closed: ManagePage[] } {
  const open: ManagePage[] = [];
  const closed: ManagePage[] = [];
  for (const p of managePages) (access[pageNeeds[p]] ? open : closed).push(p);
  return { open, closed };
}

/** A problem with one form field: a message code of the manage catalogue and its values. */
export interface FieldProblem {
  code:
    | 'required'
    | 'tooLong'
    | 'wholeNumber'
    | 'date'
    | 'time'
    | 'endBeforeStart'
    | 'weekdays'
    | 'seriesSpan'
    | 'locales'
    | 'timezone'
    | 'duplicate'
    | 'invalid';
  values?: Record<string, number>;
}

export type FormProblems<F extends string> = Partial<Record<F, FieldProblem>>;

const wholeNumberPattern = /^\s*-?\d+\s*$/;

/**
 * A whole number typed into a field, within bounds. Empty gives `empty`
 * (e.g. null = unlimited capacity), anything else that is not a whole
 * number in range is a problem.
 */
export function parseWholeNumber<E>(
  text: string,
  min: number,
  max: number,
  empty: E,
): { ok: true; value: number | E } | { ok: false; problem: FieldProblem } {
  if (text.trim() === '') return { ok: true, value: empty };
  const problem: FieldProblem = { code: 'wholeNumber', values: { min, max } };
  if (!wholeNumberPattern.test(text)) return { ok: false, problem };
  const n = Number(text.trim());
  if (n < min || n > max) return { ok: false, problem };
  return { ok: true, value: n };
}

/** Text fields: trimmed; empty optional text is null (cleared). */
export function optionalText(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === '' ? null : trimmed;
}

/** The problem a schema issue means for a field, in the catalogue's words. */
export function problemOf(issue: {
  code: string;
  maximum?: unknown;
  minimum?: unknown;
  origin?: unknown;
}): FieldProblem {
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return { code: 'tooLong', values: { max: Number(issue.maximum) } };
  }
  if (issue.code === 'too_small' && issue.origin === 'string') return { code: 'required' };
  return { code: 'invalid' };
}

type SchemaIssue = Parameters<typeof problemOf>[0] & { path: readonly PropertyKey[] };

/**
 * Adds the mutation schema's issues to `problems`, each on its form field
 * and the first one per field only. `special` words an issue of the
 * schedule its own way, or returns 'skip' for one the form already names
 * differently; undefined leaves the common wording.
 */
export function addSchemaProblems<F extends string>(
  issues: readonly SchemaIssue[],
  fieldOfPath: Record<string, F>,
  problems: FormProblems<F>,
  special?: (field: F, issue: SchemaIssue) => FieldProblem | 'skip' | undefined,
): void {
  for (const issue of issues) {
    const field = fieldOfPath[String(issue.path[0] ?? '')];
    if (!field || problems[field]) continue;
    const worded = special?.(field, issue);
    if (worded === 'skip') continue;
    problems[field] = worded ?? problemOf(issue);
  }
}

/** A field's problem as the message it shows, in the reader's language. */
export function problemMessage(
  problem: FieldProblem | undefined,
  t: Translate,
): string | undefined {
  return problem ? t(`organizer.problems.${problem.code}`, problem.values) : undefined;
}

/** The problems of a form as the messages its fields show (FormStatus sums them up). */
export function problemMessages(
  problems: Partial<Record<string, FieldProblem>>,
  t: Translate,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, problemMessage(problem, t) ?? '']),
  );
}

/**
 * A refusal as the organizer reads it, in their language: the message of its
 * code and its explanation worded from data ("A training type called Yoga
 * already exists."); the server's own words only for a code this version
 * does not know.
 */
export function refusalMessage(refusal: RefusalLike, context: RefusalContext): string {
  return refusalWords(refusal, context);
}

/** A club date ('YYYY-MM-DD') with weekday and year, e.g. "Tue, Mar 3, 2026". */
export function clubDateText(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));
}
