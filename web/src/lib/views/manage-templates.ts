import {
  isPassInUse,
  mutationArgs,
  type ClubDate,
  type MutationArgsInput,
  type Template,
} from '@turnout/shared';
import type { Translate } from '$lib/i18n';
import type { Replica } from '@turnout/shared';
import { currencyDigits, isKnownCurrency, minorToInput, parseMoney } from './manage-money';

// --- Names -------------------------------------------------------------------------

/**
 * A per-locale text (template names, descriptions, a pass's terms) in the
 * UI language, else in the club's languages in order, else whichever there is.
 */
export function pickLocal(
  texts: Readonly<Record<string, string>>,
  locale: string,
  clubLocales: readonly string[] = [],
): string {
  for (const l of [locale, ...clubLocales]) {
    const text = texts[l];
    if (text) return text;
  }
  return Object.values(texts).find(Boolean) ?? '';
}

/** A language code as its own name says it ("de" → "Deutsch"), for the per-language fields. */
export function languageName(code: string, inLocale: string): string {
  try {
    return new Intl.DisplayNames([inLocale], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// --- The list ------------------------------------------------------------------------

export interface TemplateRow {
  template: Template;
  name: string;
  description: string;
  deleted: boolean;
  /** Passes that block deletion: active, not expired, sessions left (as this device knows them). */
  inUse: number;
  /** Passes of this template on this device. */
  passes: number;
  /** Names of the training types it applies to; empty = all. */
  trainingTypes: string[];
}

interface ListOptions {
  locale: string;
  clubLocales: readonly string[];
  today: ClubDate;
}

/** Passes of a template that keep it from being deleted (spec §5), as this device knows them. */
export function passesInUse(view: Replica, templateId: string, today: ClubDate): number {
  return view.tables.passes.by('template', templateId).filter((p) => isPassInUse(p, today)).length;
}

/** The club's templates by name, deleted ones last (they stay for history). */
export function templateRows(view: Replica, options: ListOptions): TemplateRow[] {
  const { locale, clubLocales, today } = options;
  const rows = [...view.tables.templates.values()].map((template): TemplateRow => {
    const types = template.trainingTypeIds
      .map((id) => view.tables.trainingTypes.get(id)?.name)
      .filter((n): n is string => Boolean(n))
      .sort((a, b) => a.localeCompare(b, locale));
    return {
      template,
      name: pickLocal(template.names, locale, clubLocales),
      description: pickLocal(template.descriptions, locale, clubLocales),
      deleted: template.deletedAt !== null,
      inUse: passesInUse(view, template.id, today),
      passes: view.tables.passes.by('template', template.id).length,
      trainingTypes: types,
    };
  });
  return rows.sort(
    (a, b) => Number(a.deleted) - Number(b.deleted) || a.name.localeCompare(b.name, locale),
  );
}

// --- The form ------------------------------------------------------------------------

/** What the template form holds while it is edited: text as typed. */
interface TemplateForm {
  names: Record<string, string>;
  descriptions: Record<string, string>;
  /** `credits`: a number of sessions; `time`: unlimited for the validity days. */
  kind: 'credits' | 'time';
  sessions: string;
  /** A time template's most sessions a week; '' = no limit. */
  weeklyCap: string;
  /** A decimal in the person's notation, e.g. "89.00" or "89,00". */
  price: string;
  currency: string;
  validityDays: string;
  trainingTypeIds: string[];
}

export function emptyTemplateForm(clubLocales: readonly string[], currency = 'EUR'): TemplateForm {
  const blank = Object.fromEntries(clubLocales.map((l) => [l, '']));
  return {
    names: { ...blank },
    descriptions: { ...blank },
    kind: 'credits',
    sessions: '10',
    weeklyCap: '',
    price: '',
    currency,
    validityDays: '90',
    trainingTypeIds: [],
  };
}

export function templateToForm(
  template: Template,
  clubLocales: readonly string[],
  locale: string,
): TemplateForm {
  const languages = [...new Set([...clubLocales, ...Object.keys(template.names)])];
  return {
    names: Object.fromEntries(languages.map((l) => [l, template.names[l] ?? ''])),
    descriptions: Object.fromEntries(languages.map((l) => [l, template.descriptions[l] ?? ''])),
    kind: template.kind ?? 'credits',
    sessions: template.kind === 'time' ? '10' : String(template.sessions),
    weeklyCap: template.weeklyCap ? String(template.weeklyCap) : '',
    price: minorToInput(template.priceMinor, template.currency, locale),
    currency: template.currency,
    validityDays: String(template.validityDays),
    trainingTypeIds: [...template.trainingTypeIds],
  };
}

type TemplateFields = Omit<MutationArgsInput<'template.create'>, 'templateId'>;

const limits = {
  sessions: { min: 1, max: 1000 },
  weeklyCap: { min: 1, max: 21 },
  validityDays: { min: 1, max: 3650 },
};

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d+$/.test(trimmed) ? Number(trimmed) : null;
}

function filled(texts: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(texts)
      .map(([l, text]) => [l, text.trim()] as const)
      .filter(([, text]) => text !== ''),
  );
}

/**
 * Checks the form and turns it into the mutation's fields. A name in the
 * club's first language is required (the others fall back to it); problems
 * are keyed by the field they belong to (`names.en`, `price`, …).
 */
export function templateFields(
  form: TemplateForm,
  clubLocales: readonly string[],
  t: Translate,
): { ok: true; fields: TemplateFields } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const names = filled(form.names);
  const descriptions = filled(form.descriptions);
  const first = clubLocales[0] ?? Object.keys(form.names)[0] ?? 'en';
  if (!names[first]) errors[`names.${first}`] = t('manageTemplates.nameRequired');

  const time = form.kind === 'time';
  const sessions = wholeNumber(form.sessions);
  if (
    !time &&
    (sessions === null || sessions < limits.sessions.min || sessions > limits.sessions.max)
  ) {
    errors.sessions = t('validation.numberRange', limits.sessions);
  }
  const weeklyCap = form.weeklyCap.trim() === '' ? null : wholeNumber(form.weeklyCap);
  if (
    time &&
    form.weeklyCap.trim() !== '' &&
    (weeklyCap === null || weeklyCap < limits.weeklyCap.min || weeklyCap > limits.weeklyCap.max)
  ) {
    errors.weeklyCap = t('validation.numberRange', limits.weeklyCap);
  }
  const validityDays = wholeNumber(form.validityDays);
  if (
    validityDays === null ||
    validityDays < limits.validityDays.min ||
    validityDays > limits.validityDays.max
  ) {
    errors.validityDays = t('validation.numberRange', limits.validityDays);
  }
  const currency = form.currency.trim().toUpperCase();
  if (!isKnownCurrency(currency)) errors.currency = t('manageTemplates.currencyInvalid');
  const priceMinor = parseMoney(form.price, isKnownCurrency(currency) ? currency : 'EUR');
  if (priceMinor === null) {
    errors.price = t('manageTemplates.priceInvalid', {
      digits: currencyDigits(isKnownCurrency(currency) ? currency : 'EUR'),
    });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const fields: TemplateFields = {
    names,
    ...(Object.keys(descriptions).length > 0 ? { descriptions } : {}),
    ...(time ? { kind: 'time' as const, weeklyCap } : { sessions: sessions! }),
    priceMinor: priceMinor!,
    currency,
    validityDays: validityDays!,
    trainingTypeIds: [...form.trainingTypeIds].sort(),
  };
  // Whatever the form checks missed (lengths, the price ceiling), the shared schema catches.
  const parsed = mutationArgs['template.create'].safeParse({
    templateId: '00000000-0000-4000-8000-000000000000',
    ...fields,
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.map(String).join('.');
      const field = key === 'priceMinor' ? 'price' : key;
      errors[field] ??=
        issue.code === 'too_big' && issue.origin === 'string'
          ? t('validation.tooLong', { max: Number(issue.maximum) })
          : issue.code === 'too_big' && field === 'price'
            ? t('manageTemplates.priceTooHigh')
            : issue.message;
    }
    return { ok: false, errors };
  }
  return { ok: true, fields };
}

function sameTexts(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => (a[k] ?? '') === (b[k] ?? ''));
}

/**
 * The fields of an edit that differ from the template as it is, so a
 * `template.update` changes only what the organizer changed. Empty = nothing to save.
 */
export function templateChanges(
  template: Template,
  fields: TemplateFields,
): Partial<TemplateFields> {
  const changes: Partial<TemplateFields> = {};
  if (!sameTexts(template.names, fields.names)) changes.names = fields.names;
  const descriptions = fields.descriptions ?? {};
  if (!sameTexts(template.descriptions, descriptions)) changes.descriptions = descriptions;
  const kind = fields.kind ?? 'credits';
  if ((template.kind ?? 'credits') !== kind) {
    // A new kind is sent whole: the rules check sessions and cap against it.
    changes.kind = kind;
    if (kind === 'credits') changes.sessions = fields.sessions;
    else changes.weeklyCap = fields.weeklyCap ?? null;
  } else if (kind === 'credits') {
    if (template.sessions !== fields.sessions) changes.sessions = fields.sessions;
  } else if ((template.weeklyCap ?? null) !== (fields.weeklyCap ?? null)) {
    changes.weeklyCap = fields.weeklyCap ?? null;
  }
  if (template.priceMinor !== fields.priceMinor) changes.priceMinor = fields.priceMinor;
  if (template.currency !== fields.currency) changes.currency = fields.currency;
  if (template.validityDays !== fields.validityDays) changes.validityDays = fields.validityDays;
  const types = [...(fields.trainingTypeIds ?? [])].sort();
  if ([...template.trainingTypeIds].sort().join() !== types.join()) changes.trainingTypeIds = types;
  return changes;
}
