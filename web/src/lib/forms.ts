import type { z } from 'zod';
import type { ApiFailure } from './api';
import type { MessageKey, Translate } from './i18n';

/** Field problems keyed by the dotted path of the field (`owner.email`). */
export type FieldErrors = Record<string, string>;

/**
 * Maps one schema issue to a message in the catalogue, so the rules stay in
 * `@turnout/shared` and only the wording is translated. Anything unknown
 * falls back to the schema's own (English) message.
 */
interface IssueLike {
  code?: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
}

function issueMessage(issue: IssueLike, t: Translate): string {
  const field = String(issue.path.at(-1) ?? '');
  const parent = String(issue.path.at(-2) ?? '');
  const translated = (key: MessageKey, values?: Record<string, number>) => t(key, values);
  switch (issue.code) {
    case 'too_small':
      if (field === 'password' && Number(issue.minimum) > 1) {
        return translated('validation.passwordMin', { min: Number(issue.minimum) });
      }
      if (field === 'password') return translated('validation.passwordRequired');
      if (field === 'token') return translated('validation.tokenRequired');
      if (field === 'name' && parent === 'club') return translated('validation.clubNameRequired');
      if (field === 'name') return translated('validation.nameRequired');
      return issue.message;
    case 'too_big':
      return translated('validation.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return field === 'email' ? translated('validation.emailInvalid') : issue.message;
    case 'custom':
      return field === 'timezone' ? translated('validation.timezoneUnknown') : issue.message;
    default:
      return issue.message;
  }
}

/** Checks input against a shared schema; the first problem of each field is kept. */
export function validate<S extends z.ZodType>(
  schema: S,
  value: unknown,
  t: Translate,
): { ok: true; data: z.output<S> } | { ok: false; errors: FieldErrors } {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join('.');
    if (!(key in errors)) errors[key] = issueMessage(issue, t);
  }
  return { ok: false, errors };
}

/**
 * The field problems of a refused call in the person's language, worded from
 * the issue codes the server sent, as the same checks on the device are.
 */
export function fieldErrors(failure: ApiFailure, t: Translate): FieldErrors {
  if (!failure.issues?.length) return failure.fields;
  const errors: FieldErrors = {};
  for (const issue of failure.issues) {
    if (!(issue.path in errors)) {
      errors[issue.path] = issueMessage({ ...issue, path: issue.path.split('.') }, t);
    }
  }
  return errors;
}

/** The human message for a failed call, in the current language (never the server's English). */
export function failureMessage(failure: ApiFailure, t: Translate): string {
  if (failure.code === 'rate_limited' && failure.retryAfterMs) {
    return t('explain.rateLimited', {
      seconds: Math.max(1, Math.ceil(failure.retryAfterMs / 1000)),
    });
  }
  return t(`errors.${failure.code}`);
}

/**
 * Focuses the first field with a problem, in document order, so keyboard and
 * screen reader users land on it. Fields carry `data-field` with their path.
 */
export function focusFirstError(form: HTMLFormElement | undefined, errors: FieldErrors): void {
  if (!form) return;
  for (const element of form.querySelectorAll<HTMLElement>('[data-field]')) {
    if (element.dataset.field && element.dataset.field in errors) {
      element.focus();
      return;
    }
  }
}
