import type { Session } from '@turnout/shared';
import { optionalText, parseWholeNumber, type FormProblems } from './manage';

/**
 * What a one-off session and a weekly series both describe, as the
 * organizer types it: the session form and the series form each add their
 * schedule to these fields, and both pages show them with one component.
 */
export interface SessionDetailsForm {
  title: string;
  /** Empty = unlimited. */
  capacity: string;
  creditCost: string;
  location: string;
  description: string;
  /** '' = none. */
  trainingTypeId: string;
}

type SessionDetailsField = keyof SessionDetailsForm;

/** The same details as a session or series row holds them. */
export type SessionDetails = Pick<
  Session,
  'title' | 'capacity' | 'creditCost' | 'location' | 'description' | 'trainingTypeId'
>;

export function emptySessionDetails(): SessionDetailsForm {
  return {
    title: '',
    capacity: '',
    creditCost: '1',
    location: '',
    description: '',
    trainingTypeId: '',
  };
}

/** The form showing a session's or series' details. */
export function sessionDetailsFormOf(row: SessionDetails): SessionDetailsForm {
  return {
    title: row.title,
    capacity: row.capacity === null ? '' : String(row.capacity),
    creditCost: String(row.creditCost),
    location: row.location ?? '',
    description: row.description ?? '',
    trainingTypeId: row.trainingTypeId ?? '',
  };
}

/**
 * The typed details as mutation args. Numbers out of the rules' bounds are
 * noted in `problems` (the args then carry a default, so the mutation's own
 * schema can still name the other fields' problems).
 */
export function sessionDetailsArgs<F extends string>(
  form: SessionDetailsForm,
  problems: FormProblems<F | SessionDetailsField>,
): SessionDetails {
  const capacity = parseWholeNumber(form.capacity, 1, 100_000, null);
  if (!capacity.ok) problems.capacity = capacity.problem;
  const creditCost = parseWholeNumber(form.creditCost, 0, 20, undefined);
  if (!creditCost.ok) problems.creditCost = creditCost.problem;
  else if (creditCost.value === undefined) {
    problems.creditCost = { code: 'wholeNumber', values: { min: 0, max: 20 } };
  }
  return {
    title: form.title.trim(),
    capacity: capacity.ok ? capacity.value : null,
    creditCost: creditCost.ok ? (creditCost.value ?? 1) : 1,
    location: optionalText(form.location),
    description: optionalText(form.description),
    trainingTypeId: form.trainingTypeId === '' ? null : form.trainingTypeId,
  };
}

/** The details of `next` that differ from `row`, cleared ones as null: what an update sends. */
export function changedSessionDetails(
  next: Partial<SessionDetails>,
  row: SessionDetails,
): Partial<SessionDetails> {
  const changed: Partial<SessionDetails> = {};
  if (next.title !== undefined && next.title !== row.title) changed.title = next.title;
  if ((next.capacity ?? null) !== row.capacity) changed.capacity = next.capacity ?? null;
  if ((next.creditCost ?? 1) !== row.creditCost) changed.creditCost = next.creditCost ?? 1;
  if ((next.location ?? null) !== row.location) changed.location = next.location ?? null;
  if ((next.description ?? null) !== row.description) {
    changed.description = next.description ?? null;
  }
  if ((next.trainingTypeId ?? null) !== row.trainingTypeId) {
    changed.trainingTypeId = next.trainingTypeId ?? null;
  }
  return changed;
}

/** Which form field a schema path of the details belongs to (the schedule adds its own). */
export const sessionDetailsFieldOfPath: Record<string, SessionDetailsField> = {
  title: 'title',
  capacity: 'capacity',
  creditCost: 'creditCost',
  location: 'location',
  description: 'description',
  trainingTypeId: 'trainingTypeId',
};
