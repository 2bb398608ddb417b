import {
  clubSettingsSchema,
  isTimeZone,
  mutationArgs,
  type ClubSettings,
  type CreditPolicy,
  type HostOverride,
  type MutationArgsInput,
  type TrainingType,
} from '@turnout/shared';
import { parseWholeNumber, type FieldProblem, type FormProblems } from './manage';
import { appLocales } from '$lib/i18n/catalogues';

/**
 * The club settings form (spec §2): numbers as typed (strings), the rest as
 * the settings themselves. Saving sends only the settings that changed.
 */
export interface SettingsForm {
  timezone: string;
  creditPolicy: CreditPolicy;
  signupsEnabled: boolean;
  waitlistEnabled: boolean;
  lateCancelMinutes: string;
  whosGoingEnabled: boolean;
  membersSeeWhoIsGoing: boolean;
  multiCreditEnabled: boolean;
  maxCreditsPerCheckIn: string;
  checkInOpensMinutesBefore: string;
  checkInGraceMinutes: string;
  backfillWindowDays: string;
  hostsCanBackfill: boolean;
  hostsCanManageSessions: boolean;
  hostsCanManagePasses: boolean;
  hostOverCapacity: HostOverride;
  hostWithoutCredits: HostOverride;
  /** The first is the club's main language. */
  locales: string[];
  sessionReminderMinutes: string;
  passExpiryReminderDays: string;
}

export type SettingsField = keyof SettingsForm;

/** The settings as groups of the page, in order (every setting once). */
export const settingGroups = {
  time: ['timezone'],
  credits: ['creditPolicy', 'multiCreditEnabled', 'maxCreditsPerCheckIn'],
  signups: [
    'signupsEnabled',
    'waitlistEnabled',
    'lateCancelMinutes',
    'whosGoingEnabled',
    'membersSeeWhoIsGoing',
  ],
  checkIn: ['checkInOpensMinutesBefore', 'checkInGraceMinutes', 'backfillWindowDays'],
  hosts: [
    'hostsCanManageSessions',
    'hostsCanManagePasses',
    'hostsCanBackfill',
    'hostOverCapacity',
    'hostWithoutCredits',
  ],
  languages: ['locales'],
  reminders: ['sessionReminderMinutes', 'passExpiryReminderDays'],
} as const satisfies Record<string, readonly SettingsField[]>;

export function settingsFormOf(s: ClubSettings): SettingsForm {
  return {
    ...s,
    lateCancelMinutes: String(s.lateCancelMinutes),
    maxCreditsPerCheckIn: String(s.maxCreditsPerCheckIn),
    checkInOpensMinutesBefore: String(s.checkInOpensMinutesBefore),
    checkInGraceMinutes: String(s.checkInGraceMinutes),
    backfillWindowDays: String(s.backfillWindowDays),
    locales: [...s.locales],
    sessionReminderMinutes: String(s.sessionReminderMinutes),
    passExpiryReminderDays: String(s.passExpiryReminderDays),
  };
}

const weekOfMinutes = 7 * 24 * 60;
const numberBounds = {
  lateCancelMinutes: [0, weekOfMinutes],
  maxCreditsPerCheckIn: [1, 20],
  checkInOpensMinutesBefore: [0, weekOfMinutes],
  checkInGraceMinutes: [0, weekOfMinutes],
  backfillWindowDays: [0, 365],
  sessionReminderMinutes: [0, weekOfMinutes],
  passExpiryReminderDays: [0, 60],
} as const;

type NumberField = keyof typeof numberBounds;
type SettingsChanges = MutationArgsInput<'club.updateSettings'>;

/**
 * The settings that differ from the club's, as `club.updateSettings` args
 * (`null` when nothing changed), or the problems of the fields.
 */
export function settingsChanges(
  current: ClubSettings,
  form: SettingsForm,
):
  | { ok: true; changes: SettingsChanges | null }
  | { ok: false; problems: FormProblems<SettingsField> } {
  const problems: FormProblems<SettingsField> = {};
  const numbers: Partial<Record<NumberField, number>> = {};
  for (const [field, [min, max]] of Object.entries(numberBounds) as [
    NumberField,
    readonly [number, number],
  ][]) {
    const parsed = parseWholeNumber(form[field], min, max, undefined);
    if (!parsed.ok) problems[field] = parsed.problem;
    else if (parsed.value === undefined)
      problems[field] = { code: 'wholeNumber', values: { min, max } };
    else numbers[field] = parsed.value;
  }
  if (!isTimeZone(form.timezone)) problems.timezone = { code: 'timezone' };
  const locales = [...new Set(form.locales)];
  if (locales.length === 0) problems.locales = { code: 'locales' };
  if (Object.keys(problems).length > 0) return { ok: false, problems };

  const next: ClubSettings = {
    ...current,
    ...form,
    ...(numbers as Record<NumberField, number>),
    locales,
  };
  const checked = clubSettingsSchema.safeParse(next);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? '') as SettingsField;
      problems[field] ??= { code: 'invalid' } satisfies FieldProblem;
    }
    return { ok: false, problems };
  }
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(next) as (keyof ClubSettings)[]) {
    const before = current[key];
    const after = next[key];
    const same = Array.isArray(before)
      ? Array.isArray(after) && before.join('\n') === after.join('\n')
      : before === after;
    if (!same) changes[key] = after;
  }
  if (Object.keys(changes).length === 0) return { ok: true, changes: null };
  const parsed = mutationArgs['club.updateSettings'].safeParse(changes);
  if (!parsed.success) return { ok: false, problems: { locales: { code: 'invalid' } } };
  return { ok: true, changes: changes as SettingsChanges };
}

/**
 * Languages the club can offer: the ones the app is translated into (the
 * club's `locales` also decide the app's languages, spec §2); any other
 * language the club already has stays listed, so saving never drops it.
 */
export function localeChoices(current: readonly string[]): string[] {
  const app: readonly string[] = appLocales;
  return [...app, ...current.filter((l) => !app.includes(l))];
}

/** Makes `locale` the main (first) language, keeping the others in order. */
export function withMainLocale(locales: readonly string[], locale: string): string[] {
  return [locale, ...locales.filter((l) => l !== locale)];
}

/** Adds or removes a further language; the main language stays first and cannot be removed here. */
export function toggleLocale(locales: readonly string[], locale: string, on: boolean): string[] {
  if (locale === locales[0]) return [...locales];
  const rest = locales.slice(1).filter((l) => l !== locale);
  return [...locales.slice(0, 1), ...(on ? [...rest, locale] : rest)];
}

/** A language's name in the UI language, e.g. "German" / "Deutsch". */
export function localeName(locale: string, uiLocale: string): string {
  try {
    return new Intl.DisplayNames([uiLocale], { type: 'language' }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** Every time zone this browser knows, with the club's own kept even if unknown here. */
export function timeZoneChoices(current: string): string[] {
  const zones =
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const all = new Set(zones);
  all.add('UTC');
  all.add(current);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** Training types for the organizer: active ones by name, then archived ones. */
export function sortTrainingTypes(types: Iterable<TrainingType>): TrainingType[] {
  return [...types].sort(
    (a, b) => Number(a.archived) - Number(b.archived) || a.name.localeCompare(b.name),
  );
}

/** Names are unique per club ignoring case and spaces (as the rules check). */
export function trainingTypeNameTaken(
  types: Iterable<TrainingType>,
  name: string,
  exceptId?: string,
): boolean {
  const key = name.trim().toLocaleLowerCase();
  for (const t of types) {
    if (t.id !== exceptId && t.name.trim().toLocaleLowerCase() === key) return true;
  }
  return false;
}

/** Training types a session or series can use: active ones, plus the one it already has. */
export function trainingTypeOptions(
  types: Iterable<TrainingType>,
  currentId: string | null,
): TrainingType[] {
  return sortTrainingTypes(types).filter((t) => !t.archived || t.id === currentId);
}
