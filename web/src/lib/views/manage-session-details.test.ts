import { describe, expect, it } from 'vitest';
import type { Translate } from '$lib/i18n';
import { addSchemaProblems, problemMessage, problemMessages, type FormProblems } from './manage';
import {
  changedSessionDetails,
  emptySessionDetails,
  sessionDetailsArgs,
  sessionDetailsFormOf,
  type SessionDetails,
} from './manage-session-details';

const row: SessionDetails = {
  title: 'Evening Yoga',
  capacity: 12,
  creditCost: 2,
  location: 'Studio 1',
  description: null,
  trainingTypeId: 'type-yoga',
};

/** Says the key and its values, so a test sees which message a problem became. */
const t: Translate = (key, values) => (values ? `${key} ${JSON.stringify(values)}` : key);

describe('the details a session and a series share', () => {
  it('start empty: no limit, one credit a place', () => {
    expect(emptySessionDetails()).toEqual({
      title: '',
      capacity: '',
      creditCost: '1',
      location: '',
      description: '',
      trainingTypeId: '',
    });
  });

  it('show a row as typed text and come back as the same row', () => {
    const form = sessionDetailsFormOf(row);
    expect(form).toEqual({
      title: 'Evening Yoga',
      capacity: '12',
      creditCost: '2',
      location: 'Studio 1',
      description: '',
      trainingTypeId: 'type-yoga',
    });
    const problems = {};
    expect(sessionDetailsArgs(form, problems)).toEqual(row);
    expect(problems).toEqual({});
  });

  it('read an empty capacity as unlimited and trim text, empty text as none', () => {
    const problems = {};
    const args = sessionDetailsArgs(
      { ...sessionDetailsFormOf(row), capacity: ' ', location: '  ', title: ' Yoga ' },
      problems,
    );
    expect(args).toMatchObject({ title: 'Yoga', capacity: null, location: null });
    expect(problems).toEqual({});
  });

  it('name numbers out of bounds and an empty credit cost, keeping defaults in the args', () => {
    const problems: FormProblems<'title'> = {};
    const args = sessionDetailsArgs(
      { ...emptySessionDetails(), capacity: '0', creditCost: '' },
      problems,
    );
    expect(problems).toEqual({
      capacity: { code: 'wholeNumber', values: { min: 1, max: 100_000 } },
      creditCost: { code: 'wholeNumber', values: { min: 0, max: 20 } },
    });
    expect(args).toMatchObject({ capacity: null, creditCost: 1 });
  });

  it('send only what changed, a cleared detail as null', () => {
    expect(changedSessionDetails(row, row)).toEqual({});
    expect(
      changedSessionDetails(
        { ...row, capacity: null, location: null, trainingTypeId: null, creditCost: 0 },
        row,
      ),
    ).toEqual({ capacity: null, location: null, trainingTypeId: null, creditCost: 0 });
    expect(changedSessionDetails({ ...row, title: 'Morning Yoga' }, row)).toEqual({
      title: 'Morning Yoga',
    });
  });
});

describe('problems of a form', () => {
  const issues = [
    { code: 'too_small', origin: 'string', minimum: 1, path: ['title'] },
    { code: 'too_big', origin: 'string', maximum: 200, path: ['title'] },
    { code: 'custom', path: ['endsAt'] },
    { code: 'invalid_type', path: ['unknownField'] },
  ];
  const fieldOfPath = { title: 'title', endsAt: 'endTime' } as const;

  it('go on their fields, the first one of each field only', () => {
    const problems: FormProblems<'title' | 'endTime'> = {};
    addSchemaProblems(issues, fieldOfPath, problems);
    expect(problems).toEqual({ title: { code: 'required' }, endTime: { code: 'invalid' } });
  });

  it('keep what the form found itself, and take a special wording or a skip', () => {
    const kept: FormProblems<'title' | 'endTime'> = { title: { code: 'duplicate' } };
    addSchemaProblems(issues, fieldOfPath, kept, (field) =>
      field === 'endTime' ? { code: 'endBeforeStart' } : undefined,
    );
    expect(kept).toEqual({ title: { code: 'duplicate' }, endTime: { code: 'endBeforeStart' } });

    const skipped: FormProblems<'title' | 'endTime'> = {};
    addSchemaProblems(issues, fieldOfPath, skipped, (field) =>
      field === 'endTime' ? 'skip' : undefined,
    );
    expect(skipped).toEqual({ title: { code: 'required' } });
  });

  it('become the messages of the catalogue, with their values', () => {
    expect(problemMessage(undefined, t)).toBeUndefined();
    expect(problemMessage({ code: 'tooLong', values: { max: 500 } }, t)).toBe(
      'organizer.problems.tooLong {"max":500}',
    );
    expect(problemMessages({ title: { code: 'required' }, date: { code: 'date' } }, t)).toEqual({
      title: 'organizer.problems.required',
      date: 'organizer.problems.date',
    });
  });
});
